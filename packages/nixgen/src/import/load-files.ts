// Reading the files to import: source text, the scan, the evaluation, and which kind each is. A
// profile's base (the file it `import`s) is loaded too, even when the user did not name it: an
// extending profile can only become typed next to the profile it extends.
import { readFile } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { isProfileConfigFile } from "../emit/output-layout.js";
import { detectKind, type ImportKind } from "./detect.js";
import { evaluateFile, type FileValue, type PackageTree } from "./evaluate-file.js";
import { fileError, ImportError } from "./issues.js";
import { NixLexError } from "./nix-tokens.js";
import { scanSource, type SourceScan } from "./nix-scan.js";

export interface LoadedFile {
  /** Absolute path. */
  readonly file: string;
  /** As the user named it (relative to the working directory for a base found on the way). */
  readonly display: string;
  readonly source: string;
  readonly scan: SourceScan | undefined;
  readonly kind: ImportKind;
  readonly evaluation: FileValue;
  /** A profile's base: the absolute path of the profile file it imports. */
  readonly base?: string;
}

export async function loadFiles(files: readonly string[], as: ImportKind | "auto", cwd: string): Promise<LoadedFile[]> {
  const loaded: LoadedFile[] = [];
  // Named relative to the working directory, whatever was typed: messages and the config's header
  // must not depend on where the repository lives.
  const queue = files.map((file) => ({ file: resolve(cwd, file), display: displayPath(cwd, resolve(cwd, file)), as }));
  // What the import may read values from: the files it was given (and, per file, its base profile).
  const given = queue.map((next) => next.file);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (loaded.some((done) => done.file === next.file)) continue;
    const file = await loadFile(next.file, next.display, next.as, given);
    loaded.push(file);
    if (file.base !== undefined) queue.push({ file: file.base, display: displayPath(cwd, file.base), as: "profile" });
  }
  return loaded;
}

async function loadFile(
  file: string,
  display: string,
  as: ImportKind | "auto",
  given: readonly string[],
): Promise<LoadedFile> {
  const source = await readSource(file, display);
  const scan = scanOrUndefined(source);
  const target = { file, display };
  const packages = await packageTree(file, scan);
  const candidate = scan === undefined ? undefined : await baseImport(scan, dirname(file), packages);
  const known = candidate === undefined ? given : [...given, candidate];
  const first = await evaluateFile(target, { packages, known });
  const kind = detectKind(first.value, as);
  if (typeof kind !== "string") throw fileError(display, "not-homelab", kind.problem);
  const base = kind === "profile" ? candidate : undefined;
  if (base === undefined) return { file, display, source, scan, kind, evaluation: first };
  // Evaluated again over a stub of the base: which settings are the file's own (nix/import-evaluate.nix).
  // A file that reads its base in ways the stub cannot answer is left without: map-profile.ts then
  // compares values with the base's instead.
  const evaluation = await evaluateFile(target, { packages, base, known }).catch((error: unknown) => {
    if (error instanceof ImportError) return first;
    throw error;
  });
  return { file, display, source, scan, kind, evaluation, base };
}

async function readSource(file: string, display: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    throw fileError(display, "read", `cannot read: ${reason}`);
  }
}

function scanOrUndefined(source: string): SourceScan | undefined {
  try {
    return scanSource(source);
  } catch (error) {
    // Evaluation reports what is wrong with the text; without a scan, names and order are lost, not values.
    if (error instanceof NixLexError) return undefined;
    throw error;
  }
}

/**
 * The profile file a profile imports: its one `*-config.nix` import (the profile system's naming),
 * else its one relative `.nix` import if that evaluates to a profile. Anything else it imports (a
 * `secrets = import ../secrets/domains.nix;`, perhaps encrypted) is no base, and is never read for values.
 */
async function baseImport(scan: SourceScan, dir: string, packages: PackageTree): Promise<string | undefined> {
  const imports = [
    ...new Set(scan.imports.filter((path) => /^\.\.?\/.*\.nix$/.test(path)).map((path) => resolve(dir, path))),
  ];
  const profiles = imports.filter(isProfileConfigFile);
  if (profiles.length === 1) return profiles[0];
  const [only] = imports;
  if (imports.length !== 1 || only === undefined) return undefined;
  const evaluation = await evaluateFile({ file: only, display: only }, { packages, known: [only] }).catch(() => undefined);
  return evaluation !== undefined && detectKind(evaluation.value, "auto") === "profile" ? only : undefined;
}

/**
 * Everything `with pkgs;` could be asked for: the identifiers of the file and of the files it
 * imports (a base's package function runs with the stand-in the importing file passes it).
 */
export async function packageTree(file: string, scan: SourceScan | undefined): Promise<PackageTree> {
  const tree: Record<string, PackageTree> = {};
  const seen = new Set([file]);
  const pending: [string, SourceScan | undefined][] = [[file, scan]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [path, found] = next;
    // Every suffix too: `pkgs.git` asks the stand-in for `git`, whatever the package set is called.
    for (const names of found?.identifiers ?? []) names.forEach((_, i) => addPath(tree, names.slice(i)));
    for (const imported of found?.imports ?? []) {
      if (!/^\.\.?\//.test(imported)) continue;
      const target = resolve(dirname(path), imported);
      if (seen.has(target)) continue;
      seen.add(target);
      const text = await readFile(target, "utf8").catch(() => undefined);
      pending.push([target, text === undefined ? undefined : scanOrUndefined(text)]);
    }
  }
  return tree;
}

function addPath(tree: Record<string, PackageTree>, names: readonly string[]): void {
  let node = tree;
  for (const name of names) {
    node[name] ??= {};
    node = node[name] as Record<string, PackageTree>;
  }
}

export function displayPath(cwd: string, file: string): string {
  return relative(cwd, file).split(sep).join("/");
}
