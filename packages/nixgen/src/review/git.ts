// The git side of `nixgen diff`: which revision to compare with, and a file as it was there.
import { execFile } from "node:child_process";

export class GitError extends Error {
  override readonly name = "GitError";
}

interface GitResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") {
        reject(new GitError(`cannot run git: ${error.message}`));
        return;
      }
      resolve({ ok: error === null, stdout, stderr });
    });
  });
}

/** The commit `rev` names, abbreviated; throws GitError when it names none. */
export async function resolveRevision(cwd: string, rev: string): Promise<string> {
  const inside = await git(cwd, ["rev-parse", "--is-inside-work-tree"]);
  if (!inside.ok) throw new GitError(`${cwd} is not inside a git repository`);
  const found = await git(cwd, ["rev-parse", "--verify", "--quiet", "--short", `${rev}^{commit}`]);
  if (!found.ok) throw new GitError(`unknown git revision "${rev}"`);
  return found.stdout.trim();
}

/**
 * What a pull request is compared with: the merge base of HEAD and the main branch (`main`, else
 * `master`); without either, HEAD itself, i.e. the committed output.
 */
export async function defaultBase(cwd: string): Promise<string> {
  for (const branch of ["main", "master"]) {
    const base = await git(cwd, ["merge-base", "HEAD", branch]);
    if (base.ok) return base.stdout.trim();
  }
  return "HEAD";
}

/** A file's content at `rev`, `path` relative to `cwd`; undefined when it did not exist there. */
export async function fileAtRevision(cwd: string, rev: string, path: string): Promise<string | undefined> {
  const spec = `${rev}:./${path}`;
  if (!(await git(cwd, ["cat-file", "-e", spec])).ok) return undefined;
  const shown = await git(cwd, ["show", spec]);
  if (!shown.ok) throw new GitError(`git show ${spec}: ${shown.stderr.trim()}`);
  return shown.stdout;
}
