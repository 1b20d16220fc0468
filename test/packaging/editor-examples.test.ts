// Opening examples/<name>/homelab.config.ts in an editor: the language service finds the tsconfig an
// editor would (the nearest one), resolves @homelab/schema with it and completes inside defineConfig.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { editor, schemaFields } from "./language-service.js";

const workspace = fileURLToPath(new URL("../..", import.meta.url));
const examples = readdirSync(join(workspace, "examples"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(join(workspace, "examples", entry.name)).includes("homelab.config.ts"))
  .map((entry) => `examples/${entry.name}/homelab.config.ts`);
const fields = schemaFields(join(workspace, "packages/schema/homelab.schema.json"));

/** The compiler options of the tsconfig.json an editor picks for `file`: the nearest one above it. */
function editorOptions(file: string): { configFile: string; options: ts.CompilerOptions } {
  const configFile = ts.findConfigFile(dirname(file), ts.sys.fileExists);
  if (configFile === undefined) throw new Error(`no tsconfig.json above ${file}`);
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (parsed === undefined || !parsed.fileNames.includes(file)) throw new Error(`${configFile} does not include ${file}`);
  return { configFile, options: parsed.options };
}

describe.each(examples)("an editor on %s", (example) => {
  const file = join(workspace, example);
  const { configFile, options } = editorOptions(file);
  const edit = editor(ts, file, options, dirname(configFile));
  const source = readFileSync(file, "utf8");
  const start = source.indexOf("defineConfig({") + "defineConfig({".length;

  test("is covered by examples/tsconfig.json and type-checks", () => {
    expect(configFile).toBe(join(workspace, "examples/tsconfig.json"));
    expect(edit.errors(source)).toEqual([]);
  });

  test("completes the config's fields inside defineConfig({…})", () => {
    expect(start).toBeGreaterThan("defineConfig({".length);
    // An object literal's completion leaves out the fields it already has.
    const present = fields.config.filter((field) => new RegExp(`^  ${field.replace("$", "\\$")}:`, "m").test(source));
    const offered = edit.completions(`${source.slice(0, start)}\n    /*|*/${source.slice(start)}`);
    expect(offered.length).toBeGreaterThan(0);
    expect([...offered, ...present]).toEqual(expect.arrayContaining(fields.config));
  });

  test("underlines a misspelt field", () => {
    const misspelt = `${source.slice(0, start)}\n  machnes: {},${source.slice(start)}`;
    expect(edit.errors(misspelt)).toEqual([expect.stringMatching(/'machnes' does not exist/)]);
  });
});
