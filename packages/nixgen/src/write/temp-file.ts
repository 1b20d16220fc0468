// Temporary files of atomic writes and staging directories of new directories (staged-tree.ts):
// `.nixgen-<pid>-<hex>.tmp`, all in the root of the output directory (the manifest's directory), never
// beside the file they become. A run killed mid-write (SIGKILL skips
// every clean-up) leaves them in one known place under a name nobody else uses, so the next run finds
// them with one directory listing; the pid tells a dead run's file from one a running `gen` still writes.
import { randomBytes } from "node:crypto";

const tempName = /^\.nixgen-([1-9][0-9]*)-[0-9a-f]{12}\.tmp$/;

// A random start and a counter: unique within the process without asking the kernel for randomness per file.
let next = randomBytes(6).readUIntBE(0, 6);

/** A fresh temporary file name for this process. */
export function newTempName(): string {
  next = (next + 1) % 2 ** 48;
  return `.nixgen-${process.pid}-${next.toString(16).padStart(12, "0")}.tmp`;
}

/** Whether `name` is a temporary file of a nixgen run that is no longer running. */
export function isStrayTemp(name: string): boolean {
  const pid = tempName.exec(name)?.[1];
  return pid !== undefined && !isRunning(Number(pid));
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}
