// The writer: brings an output directory in line with the planned files, one file at a time. It knows
// every planned path first (from the emitters, before any file is rendered), so it can record new files
// in the manifest before creating them and find files to remove; then it renders each file in path
// order, compares it with the disk and (unless only asked what would change) writes it, and forgets
// it. Files earlier runs generated that the plan dropped are removed after the writes, and the manifest
// is written last. Temporary files of an interrupted run are found in the directory's root and removed
// before anything is written.
import { readdirSync, readFileSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { EmittedFile, GeneratedFile } from "../emit/types.js";
import { writeFileAtomic, type AtomicWriteOptions } from "./atomic-write.js";
import { fileChange, type FileChange, type FileFate } from "./diff-tree.js";
import { manifestPath, manifestText, readManifest, type ManifestEntry } from "./manifest.js";
import { assertSafeRelativePath } from "./safe-path.js";
import { stagedTree, topmostNewDirectory } from "./staged-tree.js";
import { isStrayTemp } from "./temp-file.js";

export interface SyncOptions {
  /** false: only report what would change (check mode, dry runs). */
  readonly write: boolean;
  /** Called with each file's change as it is decided, in path order, with the contents a diff needs. */
  readonly onChange?: (change: FileChange) => void;
}

/** What the walk does at one path, in path order. */
type Step =
  | { readonly path: string; readonly kind: "file"; readonly file: EmittedFile }
  | { readonly path: string; readonly kind: "remove" | "stray" }
  | { readonly path: string; readonly kind: "manifest"; readonly change: FileChange };

const byPath = (a: { readonly path: string }, b: { readonly path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * Syncs `out` with files rendered one at a time; every file's fate, sorted by path (the manifest is one
 * of the files). The file system calls are synchronous (see atomic-write.ts); a failure rejects.
 */
export async function syncFiles(out: string, files: readonly EmittedFile[], options: SyncOptions): Promise<FileFate[]> {
  for (const file of files) {
    assertSafeRelativePath(file.path);
    if (file.path === manifestPath) throw new Error(`an emitter produced ${manifestPath}, which nixgen owns`);
  }
  const planned = [...files].sort(byPath);
  const previousText = readIfExists(join(out, manifestPath));
  const previous = readManifest(previousText, join(out, manifestPath));
  const previousPaths = new Set(previous.entries.map((entry) => entry.path));
  const plannedPaths = new Set(planned.map((file) => file.path));
  const listing = directoryListing(out);

  // A file the last run generated is read and compared whatever happens; any other planned path is
  // looked up in its directory's listing first, so a first run does not try to open every file it creates.
  const absent = new Set(
    planned.filter(({ path }) => !previousPaths.has(path) && listing(dirname(path))?.has(basename(path)) === false).map(({ path }) => path),
  );
  const allPaths = [...plannedPaths, ...previousPaths, manifestPath];
  const strays = [
    ...[...(listing(".") ?? [])].filter(isStrayTemp),
    // Temporary files beside the generated ones are left only by a nixgen old enough to write the older manifest.
    ...(previousText === undefined || previous.older ? earlierTemps(allPaths, listing) : []),
  ];
  const manifest = fileChange(manifestPath, manifestText(planned.map(({ path, kind }) => ({ path, kind }))), previousText);
  const steps: Step[] = [
    ...planned.map((file): Step => ({ path: file.path, kind: "file", file })),
    ...[...previousPaths].filter((path) => !plannedPaths.has(path) && path !== manifestPath).map((path): Step => ({ path, kind: "remove" })),
    ...strays.map((path): Step => ({ path, kind: "stray" })),
    { path: manifestPath, kind: "manifest", change: manifest } satisfies Step,
  ].sort(byPath);

  if (options.write) {
    // A stray is a temporary file or the staging directory (staged-tree.ts) of an interrupted run.
    for (const path of strays) rmSync(join(out, path), { recursive: true, force: true });
    // Record new files before creating them: if the run stops half-way, the next run still knows they are ours.
    const created = planned.filter((file) => absent.has(file.path));
    const intent = manifestText([...previous.entries, ...created.map(({ path, kind }): ManifestEntry => ({ path, kind }))]);
    if (created.length > 0 && intent !== previousText) writeFileAtomic(join(out, manifestPath), intent, { tempDir: out });
  }

  // Generated files are not flushed one by one (an fsync each made writing 2,800 new files 5-7 times slower):
  // every one of them is written again from the config by the next run. The manifest, which the next run
  // trusts to know what it owns, is flushed.
  const generatedWrite: AtomicWriteOptions = { tempDir: out, flush: false, madeDirectories: new Set() };
  // A file in a directory the output lacks goes into that new directory, built whole beside the output (staged-tree.ts).
  const staged = stagedTree(out);
  const removals: string[] = [];
  const fates: FileFate[] = [];
  const take = (step: Step): FileChange | undefined => {
    switch (step.kind) {
      case "stray":
        return { kind: "stray", path: step.path };
      case "manifest":
        return step.change;
      case "remove": {
        const before = readIfExists(join(out, step.path));
        if (before === undefined) return undefined;
        removals.push(step.path);
        return { kind: "remove", path: step.path, before };
      }
      case "file": {
        const after = step.file.render();
        const before = absent.has(step.path) ? undefined : readIfExists(join(out, step.path));
        const change = fileChange(step.path, after, before);
        if (options.write && change.kind !== "unchanged") {
          const top = absent.has(step.path) ? topmostNewDirectory(step.path, listing) : undefined;
          if (top !== undefined) staged.write(top, step.path, after);
          else writeFileAtomic(join(out, step.path), after, { ...generatedWrite, mayExist: !absent.has(step.path) });
        }
        return change;
      }
    }
  };
  try {
    // One file at a time: its text is garbage before the next is rendered. Each decision in a call of its
    // own, so no variable of the loop still holds the last file's text while the next one renders (heap
    // snapshots at 10,000 machines: the 10 MB .review.json was live while INVENTORY.md rendered).
    const decide = (step: Step): void => {
      const change = take(step);
      if (change === undefined) return;
      fates.push({ kind: change.kind, path: change.path });
      options.onChange?.(change);
    };
    for (const step of steps) decide(step);
  } catch (error) {
    staged.discard();
    throw error;
  }

  if (options.write) {
    staged.commit();
    // After the writes: removing a file may remove its emptied directory, which a write must not race.
    for (const path of removals) removeGenerated(out, path);
    if (manifest.kind === "create" || manifest.kind === "update") writeFileAtomic(join(out, manifestPath), manifest.after, { tempDir: out });
  }
  return fates;
}

/** The same for files already in memory (eval's snapshots): every file's change with its contents, sorted by path. */
export async function syncOutput(out: string, files: readonly GeneratedFile[], options: { readonly write: boolean }): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  const emitted = files.map(({ path, kind, content }): EmittedFile => ({ path, kind, render: () => content }));
  await syncFiles(out, emitted, { write: options.write, onChange: (change) => changes.push(change) });
  return changes;
}

/** Deletes a file and the directories it leaves empty, up to (not including) the output directory. */
function removeGenerated(out: string, path: string): void {
  unlinkSync(join(out, path));
  const root = resolve(out);
  for (let dir = resolve(out, dirname(path)); relative(root, dir) !== ""; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return; // not empty (or not ours to judge): stop climbing
    }
  }
}

/**
 * The names in a directory below `out` (`.` for `out` itself), each listed once: a first run would
 * otherwise try to open every planned file only to be told it is missing (bench/: ~0.3 s of a first
 * `gen` at 1,000 machines, most of it building the ENOENT errors). An empty set for a directory that does not exist;
 * undefined when the listing says nothing certain (not a directory, no permission): read and see.
 */
function directoryListing(out: string): (dir: string) => ReadonlySet<string> | undefined {
  const listings = new Map<string, ReadonlySet<string> | undefined>();
  const list = (dir: string): ReadonlySet<string> | undefined => {
    if (listings.has(dir)) return listings.get(dir);
    let listing: ReadonlySet<string> | undefined;
    // A directory whose parent lacks it is not there: one listing answers for a whole missing subtree.
    if (dir !== "." && list(dirname(dir))?.has(basename(dir)) === false) listing = new Set<string>();
    else {
      try {
        listing = new Set(readdirSync(join(out, dir)));
      } catch (error) {
        listing = isMissing(error) ? new Set<string>() : undefined;
      }
    }
    listings.set(dir, listing);
    return listing;
  };
  return list;
}

/**
 * Temporary files as nixgen named them before temp-file.ts (`.<name>.<12 hex>.tmp` beside the file):
 * taken as strays only beside a file nixgen generates, so another tool's look-alike is left alone.
 */
function earlierTemps(paths: readonly string[], listing: ReturnType<typeof directoryListing>): string[] {
  const found: string[] = [];
  const ours = new Set(paths);
  for (const dir of new Set(paths.map(dirname))) {
    for (const name of listing(dir) ?? []) {
      const target = /^\.(.+)\.[0-9a-f]{12}\.tmp$/.exec(name)?.[1];
      const path = dir === "." ? name : `${dir}/${name}`;
      if (target !== undefined && ours.has(dir === "." ? target : `${dir}/${target}`)) found.push(path);
    }
  }
  return found;
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
