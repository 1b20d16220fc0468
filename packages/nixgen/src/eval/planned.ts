// `gen --eval`: evaluates the files a run plans (not what is on disk, which may be stale) by writing
// their Nix files to a temporary directory per output, all evaluated in one batch.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { GeneratedFile } from "../emit/types.js";
import { evaluateRoots, type EvalOptions, type Evaluation } from "./evaluate.js";
import { fileKind } from "./kinds.js";

export interface PlannedOutput {
  /** The output directory as reports name it (`generated/frame1`). */
  readonly name: string;
  readonly files: readonly GeneratedFile[];
  /** Files the user wrote that the generated ones import (hardware.nix, …): present, not evaluated alone. */
  readonly userFiles?: readonly GeneratedFile[];
}

export async function evaluatePlanned(outputs: readonly PlannedOutput[], options: EvalOptions = {}): Promise<Evaluation> {
  const scratch = await mkdtemp(join(tmpdir(), "nixgen-eval-"));
  try {
    const roots = await Promise.all(
      outputs.map(async (output, index) => {
        const dir = join(scratch, String(index));
        const nix = output.files.filter((file) => fileKind(file.path) !== undefined);
        for (const file of [...nix, ...(output.userFiles ?? [])]) {
          await mkdir(dirname(join(dir, file.path)), { recursive: true });
          await writeFile(join(dir, file.path), file.content);
        }
        return { name: output.name, dir, files: nix.map((file) => file.path) };
      }),
    );
    return await evaluateRoots(roots, options);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
