// The evaluated JSON of every generated Nix file, kept beside it as `.eval/<path>.json`, and of every
// nixosConfiguration as a whole, as `.eval/nixosConfigurations.<name>.json`: a change in
// what a file means shows up in review as a JSON diff even when the Nix diff is hard to read. The
// directory belongs to nixgen as a whole (its own manifest), so `gen` without `--eval` leaves it be.
import { readFile, readdir } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { GeneratedFile } from "../emit/types.js";
import type { FileChange } from "../write/diff-tree.js";
import { manifestPath, readManifest } from "../write/manifest.js";
import { syncOutput } from "../write/sync.js";
import { isFileKind, kindFromPath } from "../emit/output-layout.js";
import type { EvalRoot } from "./evaluate-roots.js";
import { isSystemPath } from "./kinds.js";

export const snapshotDir = ".eval";

/** `.eval/` files for one output directory's values (file path → value). */
export function snapshotFiles(values: ReadonlyMap<string, unknown>): GeneratedFile[] {
  return [...values].map(([path, value]) => ({ path: `${path}.json`, kind: "json", content: `${JSON.stringify(value, null, 2)}\n` }));
}

/**
 * What a snapshot belongs to: a generated file (`modules/x.nix.json` → `modules/x.nix`) or a system
 * (`nixosConfigurations.frame1.json` → `nixosConfigurations.frame1`).
 */
export function snapshotSource(snapshot: string): string | undefined {
  const source = snapshot.endsWith(".json") ? snapshot.slice(0, -".json".length) : undefined;
  return source !== undefined && (source.endsWith(".nix") || isSystemPath(source)) ? source : undefined;
}

/** Brings `<out>/.eval/` in line with the values (or, with `write: false`, says what differs). */
export function syncSnapshots(out: string, values: ReadonlyMap<string, unknown>, options: { readonly write: boolean }): Promise<FileChange[]> {
  return syncOutput(join(out, snapshotDir), snapshotFiles(values), options);
}

/**
 * The output directories under `dir`: `dir` itself when nixgen generated into it, else each
 * subdirectory it generated into (`generated/` → `generated/frame1`, …). Their manifests list the files.
 */
export async function findOutputDirs(dir: string, cwd: string): Promise<EvalRoot[]> {
  const absolute = resolve(cwd, dir);
  const own = await outputDir(absolute, cwd);
  if (own !== undefined) return [own];
  const entries = await readdir(absolute, { withFileTypes: true });
  const found: EvalRoot[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const root = await outputDir(join(absolute, entry), cwd);
    if (root !== undefined) found.push(root);
  }
  return found;
}

async function outputDir(dir: string, cwd: string): Promise<EvalRoot | undefined> {
  const where = join(dir, manifestPath);
  const text = await readFile(where, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const name = relative(cwd, dir).split(sep).join("/") || ".";
  const manifest = readManifest(text, where);
  const files = manifest.entries.flatMap(({ path, kind: recorded }) => {
    const kind = manifest.older ? kindFromPath(path) : recorded;
    return isFileKind(kind) ? [{ path, kind }] : [];
  });
  return { name, dir, files };
}
