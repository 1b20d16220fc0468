// How the sources are laid out, checked over every file rather than by review: the CLI is a layer on
// top of the library (nothing outside `cli/` reaches into it), and a file name says which file it is
// (no two files of @homelab/nixgen share one, so a stack trace or a review comment is unambiguous).
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const nixgenSrc = fileURLToPath(new URL("../src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(dir, file))
    .sort();
}

/** The relative specifiers a file imports, static and dynamic, resolved to source paths. */
function localImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
}

describe("@homelab/nixgen sources", () => {
  const files = sourceFiles(nixgenSrc);
  const cli = join(nixgenSrc, "cli");
  const inCli = (file: string) => file.startsWith(`${cli}/`);

  test("nothing outside cli/ imports from it (but the executable, src/cli.ts)", () => {
    const crossings = files
      .filter((file) => !inCli(file) && file !== join(nixgenSrc, "cli.ts"))
      .flatMap((file) => localImports(file).filter(inCli).map((target) => `${relative(nixgenSrc, file)} → ${relative(nixgenSrc, target)}`));
    expect(crossings).toEqual([]);
  });

  test("no command imports another: what two commands share lives beside them in cli/", () => {
    const commands = join(cli, "commands");
    const inCommands = (file: string) => file.startsWith(`${commands}/`) && basename(file) !== "index.ts";
    const crossings = files
      .filter(inCommands)
      .flatMap((file) => localImports(file).filter(inCommands).map((target) => `${relative(nixgenSrc, file)} → ${relative(nixgenSrc, target)}`));
    expect(crossings).toEqual([]);
  });

  test("the scan sees imports, static and dynamic", () => {
    expect(localImports(join(nixgenSrc, "cli.ts"))).toContain(join(cli, "main.ts"));
    expect(localImports(join(cli, "commands", "import.ts"))).toContain(join(nixgenSrc, "import", "import-nix.ts"));
  });

  test("no two files share a name (index.ts aside)", () => {
    const allowed = new Set(["index.ts"]);
    const byName = new Map<string, string[]>();
    for (const file of files) byName.set(basename(file), [...(byName.get(basename(file)) ?? []), relative(nixgenSrc, file)]);
    expect([...byName].filter(([name, same]) => same.length > 1 && !allowed.has(name))).toEqual([]);
  });
});
