// `nixgen import` as users run it (the built CLI): the file it writes, its warnings and exit codes,
// and that ts-morph and prettier are loaded by `import` alone, never by `gen`.
import { cp, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { importNix } from "../src/import/import-nix.js";
import { cliPath, configSource, nixgen, tempDir, writeFiles } from "./helpers/cli-run.js";
import { importFixtures } from "./helpers/import-scratch.js";
import { smallHomelab } from "./helpers/small-homelab.js";

async function fixtureCopy(): Promise<string> {
  const dir = await tempDir();
  await cp(importFixtures, dir, { recursive: true });
  return dir;
}

describe.concurrent("nixgen import", () => {
  test("writes the typed config to --out, with the warnings on stderr", async () => {
    const dir = await fixtureCopy();
    const result = await nixgen(["import", "hosts.nix", "secrets/secrets.nix", "--out", "homelab.config.ts"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("homelab.config.ts: written (9 machines, 0 profiles, 4 secrets)");
    expect(result.stderr).toMatch(/^hosts\.nix\n {2}⚠ /);
    expect(result.stderr).toContain("\n  ⚠ kept as written in machines.epimetheus.inventory");
    const expected = await importNix(["hosts.nix", "secrets/secrets.nix"], { cwd: dir });
    expect(await readFile(join(dir, "homelab.config.ts"), "utf8")).toBe(expected.text);
  });

  test("prints the config without --out; --as and --mapping reach the import", async () => {
    const dir = await tempDir();
    const hosts =
      '{ doc2 = { hostname = "doc2"; proxmox = { node = "prom"; vmid = 114; cores = 4; memory = 8192; disk = "64G"; virtiofs = [ { mapping = "data"; } ]; }; }; }';
    await writeFiles(dir, { "inventory.nix": hosts });
    const result = await nixgen(["import", "inventory.nix", "--as", "hosts", "--mapping", "data=prom:/tank/data"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^\/\/ Imported by `nixgen import` from inventory\.nix\./);
    expect(result.stdout).toContain('paths: { prom: "/tank/data" }');
  });

  test("an import that fails exits 1, names the file and writes nothing", async () => {
    const dir = await tempDir();
    await writeFiles(dir, { "hosts.nix": "42\n" });
    const result = await nixgen(["import", "hosts.nix", "-o", "homelab.config.ts"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^hosts\.nix\n {2}✖ evaluates to an integer, not /);
    expect(result.stderr).toContain("✖ nothing was imported");
    await expect(readFile(join(dir, "homelab.config.ts"))).rejects.toThrow();
  });

  test.each([
    ["no file", ["import"], "✖ name at least one .nix file to import"],
    [
      "an unknown --as",
      ["import", "x.nix", "--as", "machines"],
      '✖ --as must be one of hosts, profile, secrets, auto, got "machines"',
    ],
    [
      "a malformed --mapping",
      ["import", "x.nix", "--mapping", "data=/tank"],
      '✖ --mapping: expected ID=NODE:/absolute/path, got "data=/tank"',
    ],
  ])("%s is a usage error", async (_, args, message) => {
    const result = await nixgen(args, await tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(message);
    expect(result.stderr).toContain("Usage: nixgen import [flags] FILE.nix…");
  });
});

describe("heavy dependencies", () => {
  const recorder = fileURLToPath(new URL("./helpers/record-loads.mjs", import.meta.url));

  /** The module URLs a CLI run resolved, recorded by a module.register hook. */
  async function loadedBy(args: readonly string[], cwd: string): Promise<string[]> {
    const log = join(cwd, "loads.txt");
    const result = await execa(process.execPath, ["--import", recorder, cliPath, ...args], {
      cwd,
      reject: false,
      env: { NO_COLOR: "1", NIXGEN_LOADS: log },
      stdin: "ignore",
    });
    expect(result.exitCode, result.stderr).toBe(0);
    return (await readFile(log, "utf8")).split("\n");
  }

  const heavy = (urls: readonly string[]): string[] =>
    [...new Set(urls.flatMap((url) => /\/node_modules\/(ts-morph|prettier)\//.exec(url)?.[1] ?? []))].sort();

  test("gen loads neither ts-morph nor prettier; import loads both", async () => {
    const dir = await fixtureCopy();
    await writeFiles(dir, { "homelab.config.json": configSource(smallHomelab(), "json") });
    const gen = await loadedBy(["gen", "--config", "homelab.config.json"], dir);
    // The hook does see what the bundled CLI loads (zod is inside it), and packages below: `import` shows them.
    expect(gen.some((url) => /\/dist\/bundle\/chunk-\w+\.js$/.test(url))).toBe(true);
    expect(heavy(gen)).toEqual([]);
    const imported = await loadedBy(["import", "secrets/secrets.nix"], dir);
    expect(heavy(imported)).toEqual(["prettier", "ts-morph"]);
  });
});
