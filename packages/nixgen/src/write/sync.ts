// The writer: brings an output directory in line with the planned files. It reads, decides with
// `diffTree`, and (unless only asked what would change) writes changed files, removes files earlier
// runs generated that the plan dropped, and records what it generated in the manifest. Temporary files of
// an interrupted run are found in the directory's root and removed before anything is written.
import { readdir, readFile, rmdir, unlink } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { GeneratedFile } from "../emit/types.js";
import { writeFileAtomic } from "./atomic-write.js";
import { diffTree, type FileChange } from "./diff-tree.js";
import { manifestPath, manifestText, parseManifest } from "./manifest.js";
import { assertSafeRelativePath } from "./safe-path.js";
import { isStrayTemp } from "./temp-file.js";

export interface SyncOptions {
  /** false: only report what would change (check mode, dry runs). */
  readonly write: boolean;
}

/** Every file's fate, sorted by path; the manifest is one of the files. */
export async function syncOutput(
  out: string,
  files: readonly GeneratedFile[],
  options: SyncOptions,
): Promise<FileChange[]> {
  for (const file of files) {
    assertSafeRelativePath(file.path);
    if (file.path === manifestPath) throw new Error(`an emitter produced ${manifestPath}, which nixgen owns`);
  }
  const previousText = await readIfExists(join(out, manifestPath));
  const previous = parseManifest(previousText, join(out, manifestPath));
  const manifest = { path: manifestPath, content: manifestText(files.map((file) => file.path)) };
  const planned = [...files, manifest];
  const current = new Map<string, string>();
  const listing = directoryListing(out);
  const paths = [...new Set([...planned.map((file) => file.path), ...previous])];
  await concurrently(paths, async (path) => {
    if ((await listing(dirname(path)))?.has(basename(path)) === false) return;
    const content = await readIfExists(join(out, path));
    if (content !== undefined) current.set(path, content);
  });
  const strays = [...[...((await listing(".")) ?? [])].filter(isStrayTemp), ...(await earlierTemps(paths, listing))];
  const changes = diffTree(planned, previous, current, strays);
  if (options.write) {
    await Promise.all(strays.map((path) => unlink(join(out, path)).catch(ignoreMissing)));
    await apply(out, changes, previous, previousText);
  }
  return changes;
}

async function apply(
  out: string,
  changes: readonly FileChange[],
  previous: readonly string[],
  previousText: string | undefined,
): Promise<void> {
  const created = changes.filter((c) => c.kind === "create" && c.path !== manifestPath).map((c) => c.path);
  // Record new files before creating them: if the run stops half-way, the next run still knows they are ours.
  const intent = manifestText([...previous, ...created]);
  if (created.length > 0 && intent !== previousText) await writeFileAtomic(join(out, manifestPath), intent, out);
  const writes = changes.flatMap((c) => (c.kind === "create" || c.kind === "update") && c.path !== manifestPath ? [c] : []);
  await concurrently(writes, (change) => writeFileAtomic(join(out, change.path), change.after, out));
  for (const change of changes) {
    if (change.kind === "remove" && change.path !== manifestPath) await removeGenerated(out, change.path);
  }
  const manifest = changes.find((c) => c.path === manifestPath);
  if (manifest !== undefined && (manifest.kind === "create" || manifest.kind === "update")) {
    await writeFileAtomic(join(out, manifestPath), manifest.after, out);
  }
}

// Files are independent, so several are read or written at once: that overlaps the file system's
// latency (creating a file takes about 1 ms on some disks; bench/ measured 2,800 new files in half the time).
const inFlight = 16;

/** Runs `task` on every item, `inFlight` at a time; after a failure starts no more, waits, and throws it. */
async function concurrently<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(inFlight, items.length) }, worker));
  const rejected = results.find((result) => result.status === "rejected");
  if (rejected !== undefined) throw rejected.reason;
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
