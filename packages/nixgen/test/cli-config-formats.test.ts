// Config files: TypeScript, JSON and YAML describe the same homelab; discovery without --config; load
// errors that name the file (and, for YAML and JSON, the line and column).
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { configSource, contents, nixgen, snapshot, tempDir, writeFiles } from "./helpers/cli-run.js";
import { smallHomelab } from "./helpers/small-homelab.js";

describe.concurrent("config formats", () => {
  test("YAML, JSON and TypeScript configs of the same homelab produce the same files", async () => {
    const dir = await tempDir();
    const formats = ["ts", "json", "yaml"] as const;
    await writeFiles(
      dir,
      Object.fromEntries(formats.map((format) => [`${format}/homelab.config.${format}`, configSource(smallHomelab(), format)])),
    );
    const outputs = [];
    for (const format of formats) {
      const result = await nixgen(["gen", "--config", `${format}/homelab.config.${format}`, "--out", `out-${format}`], dir);
      expect(result.code, result.stderr).toBe(0);
      // Headers name their own config file; everything else must match byte for byte.
      const files = contents(await snapshot(join(dir, `out-${format}`)));
      outputs.push(
        Object.fromEntries(Object.entries(files).map(([path, text]) => [path, text.replaceAll(`${format}/homelab.config.${format}`, "CONFIG")])),
      );
    }
    expect(Object.keys(outputs[0] ?? {}).length).toBeGreaterThan(1);
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
  });

  test.each(["homelab.config.mts", "homelab.config.js"])("%s loads its default export", async (name) => {
    const dir = await tempDir();
    await writeFiles(dir, { [name]: `export default ${JSON.stringify(smallHomelab())};\n` });
    const result = await nixgen(["validate"], dir);
    expect(result).toMatchObject({ code: 0, stdout: `${name}: valid, 2 machines` });
  });

  test("without --config, homelab.config.* in the current directory is used", async () => {
    const dir = await tempDir();
    await writeFiles(dir, { "homelab.config.yaml": configSource(smallHomelab(), "yaml") });
    expect(await nixgen(["validate"], dir)).toMatchObject({ code: 0, stdout: "homelab.config.yaml: valid, 2 machines" });
  });

  test.each([
    ["no config", {}, 2, "✖ no config here (looked for homelab.config.ts, homelab.config.mts"],
    [
      "two configs",
      { "homelab.config.ts": "export default {};\n", "homelab.config.yaml": "{}\n" },
      2,
      "✖ found homelab.config.ts and homelab.config.yaml; choose one with --config",
    ],
  ])("%s in the current directory is a usage error", async (_, files: Record<string, string>, code, message) => {
    const dir = await tempDir();
    await writeFiles(dir, files);
    const result = await nixgen(["gen"], dir);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Usage: nixgen gen [flags]");
    expect((await snapshot(join(dir, "generated"))).size).toBe(0);
  });
});

describe.concurrent("config load errors exit 1 and name the file", () => {
  test.each([
    ["a YAML syntax error, with line and column", "c.yaml", "name: x\nmachines:\n  a: [\n b: 1\n", "✖ cannot load c.yaml: Flow sequence in block collection must be sufficiently indented and end with a ] at line 4, column 2:"],
    ["a duplicate YAML key", "c.yml", "name: x\nname: y\n", "✖ cannot load c.yml: Map keys must be unique at line 2, column 1:"],
    ["a JSON syntax error, with line and column", "c.json", '{\n  "name": "x",\n  "machines": { , }\n}\n', "✖ cannot load c.json: Expected property name or '}' at line 3, column 17"],
    ["a module without a default export", "c.ts", "export const config = {};\n", "✖ cannot load c.ts: no default export; end the file with `export default defineConfig({ … })`"],
    ["a module that throws", "c.ts", 'throw new Error("no network here");\n', "✖ cannot load c.ts: no network here"],
    ["a missing file", "missing.yaml", undefined, "✖ cannot load missing.yaml: no such file"],
    ["an unsupported file type", "c.toml", 'name = "x"\n', '✖ cannot load c.toml: unsupported file type ".toml"; use one of .ts .mts .js .json .yaml .yml'],
  ])("%s", async (_, file, text, message) => {
    const dir = await tempDir();
    if (text !== undefined) await writeFiles(dir, { [file]: text });
    const result = await nixgen(["gen", "--config", file], dir);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe(message);
    expect((await snapshot(join(dir, "generated"))).size).toBe(0);
  });
});
