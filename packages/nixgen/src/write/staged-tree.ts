// New directories are built whole, out of sight, and moved into place with one rename each. A file whose
// directory does not exist yet has no old version a reader could see, so it needs no temporary file of
// its own: it is written straight into a staging directory (a temporary name in the output's root, see
// temp-file.ts), and the topmost new directory above it is renamed into the output once every file is
// written. Renaming a directory is as atomic as renaming a file, so a reader, or a run killed half-way,
// sees either no directory or the complete one. A first run into an empty directory thus costs an open
// and a write per file, as a plain copy does, instead of a rename per file as well.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { makeDirectoryOnce } from "./atomic-write.js";
import { newTempName } from "./temp-file.js";

export interface StagedTree {
  /** Writes `content` at `path` (relative to the output) inside the staging directory of `top`. */
  write(top: string, path: string, content: string): void;
  /** Moves every staged top directory into the output; the staging directory is gone afterwards. */
  commit(): void;
  /** Removes the staging directory and everything in it (a failed run). */
  discard(): void;
}

export function stagedTree(out: string): StagedTree {
  let stage: string | undefined;
  const tops = new Set<string>();
  const madeDirectories = new Set<string>();
  return {
    write(top, path, content) {
      stage ??= makeStage(out);
      tops.add(top);
      makeDirectoryOnce(dirname(join(stage, path)), madeDirectories);
      writeFileSync(join(stage, path), content, { encoding: "utf8", flag: "wx" });
    },
    commit() {
      if (stage === undefined) return;
      for (const top of tops) {
        // A staged top's parent is either the output or a directory that already existed: it is there.
        renameSync(join(stage, top), join(out, top));
      }
      rmSync(stage, { recursive: true, force: true });
      stage = undefined;
    },
    discard() {
      if (stage !== undefined) rmSync(stage, { recursive: true, force: true });
      stage = undefined;
    },
  };
}

function makeStage(out: string): string {
  mkdirSync(out, { recursive: true });
  const stage = join(out, newTempName());
  mkdirSync(stage);
  return stage;
}

/**
 * The topmost directory of `path` that the output lacks (`machines` for `machines/web/configuration.nix`
 * when the output has no `machines`), or undefined when the file's directory exists or the listing cannot
 * tell. `listing` answers for a directory below the output (`.` for the output itself), as the writer lists them.
 */
export function topmostNewDirectory(path: string, listing: (dir: string) => ReadonlySet<string> | undefined): string | undefined {
  const parts = path.split("/");
  let parent = ".";
  for (let i = 0; i < parts.length - 1; i++) {
    const names = listing(parent);
    if (names === undefined) return undefined;
    const dir = parent === "." ? parts[i]! : `${parent}/${parts[i]!}`;
    if (!names.has(parts[i]!)) return dir;
    parent = dir;
  }
  return undefined;
}
