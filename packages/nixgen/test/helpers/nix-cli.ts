// Runs the real Nix on generated files: every golden output must parse and, where it is data, evaluate.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { print, type NixExpr } from "@homelab/nix";
import { execa } from "execa";
import type { GeneratedFile } from "../../src/emit/types.js";

/** Writes files (relative paths) under a fresh temporary directory and returns it. */
export async function writeTree(files: readonly GeneratedFile[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "nixgen-"));
  for (const file of files) {
    const target = join(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  return root;
}

/** Resolves when `nix-instantiate --parse` accepts the file; rejects with Nix's message otherwise. */
export async function nixParse(file: string): Promise<void> {
  await execa("nix-instantiate", ["--parse", file]);
}

/** `nix-instantiate --eval --strict --json` of an expression, parsed. */
export async function nixEval(expr: NixExpr): Promise<unknown> {
  const { stdout } = await execa("nix-instantiate", ["--eval", "--strict", "--json", "--expr", print(expr)]);
  return JSON.parse(stdout) as unknown;
}
