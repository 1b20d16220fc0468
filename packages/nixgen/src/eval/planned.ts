// `gen --eval`: evaluates the files a run plans (not what is on disk, which may be stale) by writing
// their Nix files to a temporary directory per output, all evaluated in one batch. The files a user
// keeps beside the generated ones (hardware.nix, a profile system, `.age` files) are linked in from
// the output directory, as the systems import them there.
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import type { GeneratedFile } from "../emit/types.js";
import { manifestPath, parseManifest } from "../write/manifest.js";
import { evaluateRoots, type EvalOptions, type Evaluation } from "./evaluate.js";
import { fileKind } from "./kinds.js";
import { snapshotDir } from "./snapshots.js";

export interface PlannedOutput {
  /** The output directory as reports name it (`generated/frame1`). */
  readonly name: string;
  readonly files: readonly GeneratedFile[];
  /** The output directory on disk (absolute), when it may hold files a user added. */
  readonly dir?: string;
}

export async function evaluatePlanned(outputs: readonly PlannedOutput[], options: EvalOptions = {}): Promise<Evaluation> {
  const scratch = await mkdtemp(join(tmpdir(), "nixgen-eval-"));
  try {
    const roots = await Promise.all(
      outputs.map(async (output, index) => {
        const dir = join(scratch, String(index));
        const nix = output.files.filter((file) => fileKind(file.path) !== undefined);
        for (const file of nix) {
          await mkdir(dirname(join(dir, file.path)), { recursive: true });
          await writeFile(join(dir, file.path), file.content);
        }
        if (output.dir !== undefined) await linkUserFiles(output.dir, dir, new Set(output.files.map((file) => file.path)));
        return { name: output.name, dir, files: nix.map((file) => file.path) };
      }),
    );
    return await evaluateRoots(roots, options);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Links every file of `from` that nixgen neither plans nor generated before (its manifest) into `to`. */
async function linkUserFiles(from: string, to: string, planned: ReadonlySet<string>): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true, recursive: true }).catch(() => []);
  const where = join(from, manifestPath);
  const generated = new Set(parseManifest(await readFile(where, "utf8").catch(() => undefined), where));
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = relative(from, join(entry.parentPath, entry.name)).split(sep).join("/");
    if (path === manifestPath || path.startsWith(`${snapshotDir}/`) || planned.has(path) || generated.has(path)) continue;
    await mkdir(dirname(join(to, path)), { recursive: true });
    await symlink(join(from, path), join(to, path));
  }
}
