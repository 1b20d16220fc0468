// The writer: brings an output directory in line with the planned files, one file at a time. It knows
// every planned path first (from the emitters, before any file is rendered), so it can record new files
// in the manifest before creating them and find files to remove; then it renders each file in path
// order, compares it with the disk and (unless only asked what would change) writes it, and forgets
// it. Files earlier runs generated that the plan dropped are removed after the writes, and the manifest
// is written last. Temporary files of an interrupted run are found in the directory's root and removed
// before anything is written.
import { mkdir, readdir, readFile, rmdir, unlink } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { EmittedFile, GeneratedFile } from "../emit/types.js";
import { writeFileAtomic, type AtomicWriteOptions } from "./atomic-write.js";
import { fileChange, type FileChange, type FileFate } from "./diff-tree.js";
import { manifestPath, manifestText, readManifest, type ManifestEntry } from "./manifest.js";
import { assertSafeRelativePath } from "./safe-path.js";
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

/** Syncs `out` with files rendered one at a time; every file's fate, sorted by path (the manifest is one of the files). */
export async function syncFiles(out: string, files: readonly EmittedFile[], options: SyncOptions): Promise<FileFate[]> {
  for (const file of files) {
    assertSafeRelativePath(file.path);
    if (file.path === manifestPath) throw new Error(`an emitter produced ${manifestPath}, which nixgen owns`);
  }
  const planned = [...files].sort(byPath);
  const previousText = await readIfExists(join(out, manifestPath));
  const previous = readManifest(previousText, join(out, manifestPath));
  const previousPaths = new Set(previous.entries.map((entry) => entry.path));
  const plannedPaths = new Set(planned.map((file) => file.path));
  const listing = directoryListing(out);

  // A file the last run generated is read and compared whatever happens; any other planned path is
  // looked up in its directory's listing first, so a first run does not try to open every file it creates.
  const absent = new Set<string>();
  await concurrently(
    planned.filter((file) => !previousPaths.has(file.path)),
    async ({ path }) => {
      if ((await listing(dirname(path)))?.has(basename(path)) === false) absent.add(path);
    },
  );
  const allPaths = [...plannedPaths, ...previousPaths, manifestPath];
  const strays = [
    ...[...((await listing(".")) ?? [])].filter(isStrayTemp),
    // Temporary files beside the generated ones are left only by a nixgen old enough to write the older manifest.
    ...(previousText === undefined || previous.older ? await earlierTemps(allPaths, listing) : []),
  ];
  const manifest = fileChange(manifestPath, manifestText(planned.map(({ path, kind }) => ({ path, kind }))), previousText);
  const steps: Step[] = [
    ...planned.map((file): Step => ({ path: file.path, kind: "file", file })),
    ...[...previousPaths].filter((path) => !plannedPaths.has(path) && path !== manifestPath).map((path): Step => ({ path, kind: "remove" })),
    ...strays.map((path): Step => ({ path, kind: "stray" })),
    { path: manifestPath, kind: "manifest", change: manifest } satisfies Step,
  ].sort(byPath);

  if (options.write) {
    await Promise.all(strays.map((path) => unlink(join(out, path)).catch(ignoreMissing)));
    // Record new files before creating them: if the run stops half-way, the next run still knows they are ours.
    const created = planned.filter((file) => absent.has(file.path));
    const intent = manifestText([...previous.entries, ...created.map(({ path, kind }): ManifestEntry => ({ path, kind }))]);
    if (created.length > 0 && intent !== previousText) await writeFileAtomic(join(out, manifestPath), intent, { tempDir: out });
  }

  // Generated files are not flushed one by one (an fsync each made writing 2,800 new files 5-7 times slower):
  // every one of them is written again from the config by the next run. The manifest, which the next run
  // trusts to know what it owns, is flushed.
  const generatedWrite: AtomicWriteOptions = { tempDir: out, flush: false, makeDirectory: directoryMaker() };
  const removals: string[] = [];
  const fates: FileFate[] = [];
  // Rendered text not yet compared and written. Counting files alone let the homelab-wide files (the
  // review JSON, INVENTORY.md, hosts.nix: megabytes each at 10,000 machines), which sort first, be held together.
  let pendingText = 0;
  const take = async (step: Step): Promise<FileChange | undefined> => {
    switch (step.kind) {
      case "stray":
        return { kind: "stray", path: step.path };
      case "manifest":
        return step.change;
      case "remove": {
        const before = await readIfExists(join(out, step.path));
        if (before === undefined) return undefined;
        removals.push(step.path);
        return { kind: "remove", path: step.path, before };
      }
      case "file": {
        const after = step.file.render();
        pendingText += after.length;
        try {
          const before = absent.has(step.path) ? undefined : await readIfExists(join(out, step.path));
          const change = fileChange(step.path, after, before);
          if (options.write && change.kind !== "unchanged") {
            await writeFileAtomic(join(out, step.path), after, { ...generatedWrite, mayExist: !absent.has(step.path) });
          }
          return change;
        } finally {
          pendingText -= after.length;
        }
      }
    }
  };
  const full = (running: number): boolean => running >= inFlight || pendingText >= maxPendingText;
  await inOrder(
    steps,
    take,
    (change) => {
      if (change === undefined) return;
      fates.push({ kind: change.kind, path: change.path });
      options.onChange?.(change);
    },
    full,
  );

  if (options.write) {
    // After the writes: removing a file may remove its emptied directory, which a write must not race.
    for (const path of removals) await removeGenerated(out, path);
    if (manifest.kind === "create" || manifest.kind === "update") await writeFileAtomic(join(out, manifestPath), manifest.after, { tempDir: out });
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

// Files are independent, so several are read or written at once: that overlaps the file system's
// latency (creating a file takes about 1 ms on some disks; bench/ measured 2,800 new files in half the time).
const inFlight = 16;
// Text (UTF-16 code units) rendered and not yet written past which no further file starts: a big file
// waits for those before it and goes alone, while the small ones still go `inFlight` at a time.
const maxPendingText = 1 << 20;

/**
 * Runs `task` on every item, starting the next while `full(running)` says there is room (at most
 * `inFlight` by default), and hands each result to `done` in the items' order; after a failure starts
 * no more, waits for those running, and throws it.
 */
async function inOrder<T, R>(
  items: readonly T[],
  task: (item: T) => Promise<R>,
  done: (result: R) => void,
  full: (running: number) => boolean = (running) => running >= inFlight,
): Promise<void> {
  const running: Promise<R>[] = [];
  try {
    for (const item of items) {
      const result = task(item);
      // Awaited below in order; until then a rejection must not count as unhandled.
      result.catch(() => undefined);
      running.push(result);
      while (running.length > 0 && full(running.length)) done(await (running.shift() as Promise<R>));
    }
    while (running.length > 0) done(await (running.shift() as Promise<R>));
  } finally {
    await Promise.allSettled(running);
  }
}

/** Runs `task` on every item, `inFlight` at a time (order does not matter). */
function concurrently<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  return inOrder(items, task, () => undefined);
}

/** Deletes a file and the directories it leaves empty, up to (not including) the output directory. */
async function removeGenerated(out: string, path: string): Promise<void> {
  await unlink(join(out, path));
  const root = resolve(out);
  for (let dir = resolve(out, dirname(path)); relative(root, dir) !== ""; dir = dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return; // not empty (or not ours to judge): stop climbing
    }
  }
}

/** `mkdir -p` that asks the file system once per directory (many files share one). */
function directoryMaker(): (dir: string) => Promise<unknown> {
  const made = new Map<string, Promise<unknown>>();
  return (dir) => {
    let making = made.get(dir);
    if (making === undefined) {
      making = mkdir(dir, { recursive: true });
      made.set(dir, making);
    }
    return making;
  };
}

/**
 * The names in a directory below `out` (`.` for `out` itself), each listed once: a first run would
 * otherwise try to open every planned file only to be told it is missing (bench/: ~0.3 s of a first
 * `gen` at 1,000 machines, most of it building the ENOENT errors). An empty set for a directory that does not exist;
 * undefined when the listing says nothing certain (not a directory, no permission): read and see.
 */
function directoryListing(out: string): (dir: string) => Promise<ReadonlySet<string> | undefined> {
  const listings = new Map<string, Promise<ReadonlySet<string> | undefined>>();
  const list = (dir: string): Promise<ReadonlySet<string> | undefined> => {
    let listing = listings.get(dir);
    if (listing === undefined) {
      listing = (async () => {
        if (dir !== ".") {
          // A directory whose parent lacks it is not there: one listing answers for a whole missing subtree.
          if ((await list(dirname(dir)))?.has(basename(dir)) === false) return new Set<string>();
        }
        try {
          return new Set(await readdir(join(out, dir)));
        } catch (error) {
          if (error instanceof Error && "code" in error && error.code === "ENOENT") return new Set<string>();
          return undefined;
        }
      })();
      listings.set(dir, listing);
    }
    return listing;
  };
  return list;
}

/**
 * Temporary files as nixgen named them before temp-file.ts (`.<name>.<12 hex>.tmp` beside the file):
 * taken as strays only beside a file nixgen generates, so another tool's look-alike is left alone.
 */
async function earlierTemps(paths: readonly string[], listing: ReturnType<typeof directoryListing>): Promise<string[]> {
  const found: string[] = [];
  const ours = new Set(paths);
  for (const dir of new Set(paths.map(dirname))) {
    for (const name of (await listing(dir)) ?? []) {
      const target = /^\.(.+)\.[0-9a-f]{12}\.tmp$/.exec(name)?.[1];
      const path = dir === "." ? name : `${dir}/${name}`;
      if (target !== undefined && ours.has(dir === "." ? target : `${dir}/${target}`)) found.push(path);
    }
  }
  return found;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    return ignoreMissing(error);
  }
}

function ignoreMissing(error: unknown): undefined {
  if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
  throw error;
}
