// Imported configs must be loaded and type-checked where `@homelab/schema` resolves: a scratch
// directory inside the package (ignored by git through its own .gitignore), not the system's tmp.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NixData } from "../../src/import/nix-data.js";
import { evaluateFile } from "../../src/import/evaluate-file.js";
import { packageTree } from "../../src/import/load-files.js";
import { scanSource } from "../../src/import/nix-scan.js";

export const importFixtures = fileURLToPath(new URL("../fixtures/import/", import.meta.url));
const scratchRoot = fileURLToPath(new URL("../.tmp-import/", import.meta.url));

/** A fresh directory under test/.tmp-import/. */
export async function scratchDir(prefix: string): Promise<string> {
  await mkdir(scratchRoot, { recursive: true });
  await writeFile(join(scratchRoot, ".gitignore"), "*\n");
  return mkdtemp(join(scratchRoot, `${prefix}-`));
}

/** What a fixture evaluates to, read as `nixgen import` reads it (paths relative, package functions applied). */
export async function fixtureValue(file: string, root = importFixtures): Promise<NixData> {
  const absolute = join(root, file);
  const scan = scanSource(await readFile(absolute, "utf8"));
  const packages = await packageTree(absolute, scan);
  // Its base profile is read for values; any other import stays a reference, as import reads it.
  const known = scan.imports.filter((path) => path.endsWith("-config.nix")).map((path) => resolve(dirname(absolute), path));
  return (await evaluateFile({ file: absolute, display: file }, { packages, known })).value;
}
