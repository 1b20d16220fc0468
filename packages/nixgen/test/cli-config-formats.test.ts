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

test("YAML anchors and aliases within the limit load", async () => {
  const dir = await tempDir();
  const key = smallHomelab().keys?.users?.["admin"];
  const machine = (name: string, users: string) => `  ${name}: { kind: metal, hostname: ${name}, stateVersion: "25.05", users: ${users} }\n`;
  await writeFiles(dir, {
    "c.yaml": `name: small\nkeys: { users: { admin: &admin "${String(key)}" } }\nmachines:\n${machine("alpha", "&users { admin: { authorizedKeys: [*admin] } }")}${machine("beta", "*users")}`,
  });
  expect(await nixgen(["validate", "--config", "c.yaml"], dir)).toMatchObject({ code: 0, stdout: "c.yaml: valid, 2 machines" });
});

describe.concurrent("config load errors exit 1 and name the file", () => {
  test.each([
    ["a YAML syntax error, with line and column", "c.yaml", "name: x\nmachines:\n  a: [\n b: 1\n", "✖ c.yaml:4:2: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    ["a duplicate YAML key", "c.yml", "name: x\nname: y\n", "✖ c.yml:2:1: Map keys must be unique"],
    ["a YAML alias before its anchor", "c.yaml", "name: x\nmachines: *m\nspare: &m {}\n", "✖ c.yaml:2:11: alias *m comes before its anchor &m (or there is none)"],
    ["a YAML alias of no anchor", "c.yaml", "name: *nothing\n", "✖ c.yaml:1:7: alias *nothing comes before its anchor &nothing (or there is none)"],
    [
      "a YAML alias bomb",
      "c.yaml",
      `a: &a [x, x, x, x, x, x, x, x, x]\n${["b", "c", "d", "e", "f", "g", "h", "i"].map((n, i) => `${n}: &${n} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`).join("\n")}\nname: *i\n`,
      "✖ c.yaml:4:8: alias *c: anchor &c is used more than 100 times, counting the aliases nested in it (the limit against alias bombs)",
    ],
    ["one YAML anchor used 100 times", "c.yaml", `a: &a x\nl: [${Array(100).fill("*a").join(", ")}]\n`, "✖ c.yaml:2:401: alias *a: anchor &a is used more than 100 times, counting the aliases nested in it (the limit against alias bombs)"],
    ["a JSON syntax error, with line and column", "c.json", '{\n  "name": "x",\n  "machines": { , }\n}\n', '✖ c.json:3:17: expected a key in double quotes, found ","'],
    ["a duplicate JSON key", "c.json", '{\n  "name": "x",\n  "machines": {},\n  "name": "y"\n}\n', '✖ c.json:4:3: duplicate key "name" (first at line 2)'],
    ["a trailing comma in JSON", "c.json", '{ "name": "x", }', '✖ c.json:1:16: expected a key in double quotes, found "}"'],
    ["an unclosed JSON string", "c.json", '{ "name": "x }', "✖ c.json:1:11: a string that is never closed"],
    ["a raw newline in a JSON string", "c.json", '{ "name": "x\ny" }', "✖ c.json:1:13: a control character (a raw newline or tab?) inside a string; write it as \\n or \\t"],
    ["JSON nested past any config", "c.json", `${"[".repeat(100000)}${"]".repeat(100000)}`, "✖ c.json:1:514: values nested deeper than 512 levels"],
    ["more after the JSON value", "c.json", '{ "name": "x" }\n{}', '✖ c.json:2:1: more after the value: "{"'],
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
