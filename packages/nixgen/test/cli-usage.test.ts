// The command line itself: help, exit codes of usage errors, and what the entry point loads.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { commands } from "../src/cli/commands/index.js";
import { cliPath, nixgen, tempDir } from "./helpers/cli-run.js";

describe.concurrent("usage", () => {
  test.each(commands.map((command) => command.name))("nixgen %s --help prints its usage and exits 0", async (name) => {
    const result = await nixgen([name, "--help"], await tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: nixgen ${name} \\[flags\\]`));
    expect(result.stdout).toContain("  -h, --help");
  });

  test("nixgen --help lists every command", async () => {
    const result = await nixgen(["--help"], await tempDir());
    expect(result.code).toBe(0);
    const width = Math.max(...commands.map(({ name }) => name.length));
    for (const { name, summary } of commands) expect(result.stdout).toContain(`\n  ${name.padEnd(width)}  ${summary}\n`);
  });

  test.each([
    ["an unknown flag", ["gen", "--frobnicate"], "✖ Unknown option '--frobnicate'", "Usage: nixgen gen [flags]"],
    ["a flag without its value", ["gen", "--out"], "✖ Option '-o, --out <value>' argument missing", "Usage: nixgen gen [flags]"],
    ["a stray argument", ["check", "extra"], "✖ Unexpected argument 'extra'", "Usage: nixgen check [flags]"],
    ["no command", [], "✖ missing command", "Usage: nixgen <command> [flags]"],
    ["an unknown command", ["generate"], '✖ unknown command "generate"', "Usage: nixgen <command> [flags]"],
    ["a flag before the command", ["--check"], "✖ expected a command before --check", "Usage: nixgen <command> [flags]"],
    ["--config with --examples", ["gen", "-c", "a.ts", "--examples", "x"], "✖ --config and --examples exclude each other", "Usage: nixgen gen [flags]"],
    ["--check with --dry-run", ["gen", "--check", "--dry-run"], "✖ --check and --dry-run exclude each other", "Usage: nixgen gen [flags]"],
    ["--examples that is not a directory", ["validate", "--examples", "nowhere"], "✖ --examples nowhere: not a directory", "Usage: nixgen validate [flags]"],
  ])("%s exits 2 with the usage", async (_, args, message, usage) => {
    const result = await nixgen(args, await tempDir());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")[0]).toBe(message);
    expect(result.stderr).toContain(`\n\n${usage}`);
  });
});

describe("the entry point", () => {
  test("starts with a node shebang", async () => {
    expect((await readFile(cliPath, "utf8")).split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  // ts-morph and prettier are for `nixgen import`; they may only be imported dynamically, inside it.
  test("loads neither ts-morph nor prettier through static imports", async () => {
    const packages = await staticPackageImports(cliPath);
    expect(packages).toContain("node:module"); // the walk does see package imports (the bundle's own `require`)
    expect(packages.filter((name) => name === "ts-morph" || name === "prettier")).toEqual([]);
  });
});

/** Bare specifiers reachable from `entry` through static `import … from` statements of the bundle's files. */
async function staticPackageImports(entry: string): Promise<string[]> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = await readFile(file, "utf8");
    for (const [, specifier] of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"/gms)) {
      if (specifier === undefined) continue;
      if (specifier.startsWith(".")) await visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  await visit(entry);
  return [...packages].sort();
}
