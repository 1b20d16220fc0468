// `gen --eval`: evaluates the files a run plans (not what is on disk, which may be stale) by writing
// their Nix files to a temporary directory per output, all evaluated in one batch. The files a user
// keeps beside the generated ones (hardware.nix, a profile system, `.age` files) are linked in from
// the output directory, as the systems import them there; only those the config declares, so an
// undeclared one is as missing here as it would be on a fresh clone.
import { mkdir, stat, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { isFileKind } from "../emit/output-layout.js";
import type { GeneratedFile } from "../emit/types.js";
import { withTempTree } from "../nix-run/temp-tree.js";
import { evaluateRoots, type EvalOptions, type Evaluation } from "./evaluate-roots.js";

export interface PlannedOutput {
  /** The output directory as reports name it (`generated/frame1`). */
  readonly name: string;
  readonly files: readonly GeneratedFile[];
  /** The output directory on disk (absolute) that holds the user's own files. */
  readonly dir?: string;
  /** Paths (inside `dir`) of the files the user provides that the generated ones import (hardware.nix, `.age` files, …). */
  readonly userFiles?: readonly string[];
}

export async function evaluatePlanned(outputs: readonly PlannedOutput[], options: EvalOptions = {}): Promise<Evaluation> {
  const nix = outputs.map((output) =>
    output.files.flatMap((file) => {
      const kind = file.kind;
      return isFileKind(kind) ? [{ file, kind }] : [];
    }),
  );
  // Output `i` goes to the scratch tree's directory `i`.
  const tree = nix.flatMap((files, index) => files.map(({ file }) => ({ path: `${index}/${file.path}`, content: file.content })));
  return withTempTree("eval", tree, async (scratch) => {
    const roots = await Promise.all(
      outputs.map(async (output, index) => {
        const dir = join(scratch, String(index));
        await mkdir(dir, { recursive: true });
        if (output.dir !== undefined) await linkUserFiles(output.dir, dir, output.userFiles ?? []);
        return { name: output.name, dir, files: (nix[index] ?? []).map(({ file, kind }) => ({ path: file.path, kind })) };
      }),
    );
    return evaluateRoots(roots, options);
  });
}

/** Links the user's files that exist in `from` into `to`; a missing one stays missing, for Nix to name. */
async function linkUserFiles(from: string, to: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    if (!(await stat(join(from, path)).then((s) => s.isFile(), () => false))) continue;
    await mkdir(dirname(join(to, path)), { recursive: true });
    await symlink(join(from, path), join(to, path));
  }
}
