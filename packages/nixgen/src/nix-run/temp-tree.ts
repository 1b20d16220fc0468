// Files that exist only for one Nix run (a planned output for `gen --eval`, a regenerated config for
// `import`'s comparison): written into a fresh temporary directory, handed to `use`, and removed
// afterwards, whether `use` returns, throws, or the process is interrupted (SIGINT, SIGTERM, SIGHUP).
// SIGKILL leaves them behind, in the system's temporary directory, never in the user's tree.
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface TreeFile {
  /** Path inside the tree, `/`-separated (`machines/frame1/default.nix`). */
  readonly path: string;
  readonly content: string;
}

/** Runs `use` on a temporary directory holding `files`; the directory is gone when the promise settles. */
export async function withTempTree<T>(prefix: string, files: readonly TreeFile[], use: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `nixgen-${prefix}-`));
  live.add(dir);
  if (live.size === 1) for (const signal of signals) process.on(signal, onSignal);
  try {
    await writeTree(dir, files);
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
    live.delete(dir);
    if (live.size === 0) for (const signal of signals) process.off(signal, onSignal);
  }
}

async function writeTree(dir: string, files: readonly TreeFile[]): Promise<void> {
  for (const file of files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.content);
  }
}

const live = new Set<string>();
const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Removes every live tree, then lets the signal do what it would have done: with this listener gone
 * and no other, Node's default (exit by the signal) applies when it is raised again.
 */
function onSignal(signal: NodeJS.Signals): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
  for (const each of signals) process.off(each, onSignal);
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
