// The package's entries as a user's program loads them (by name, through `exports`, from dist/): the
// root entry stays light, the heavy parts load from their own subpaths, and `nixgen import` without
// its optional peer dependencies says how to install them.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { cliPath, tempDir } from "./helpers/cli-run.js";

const repository = fileURLToPath(new URL("../../..", import.meta.url));
const recorder = fileURLToPath(new URL("./helpers/record-loads.mjs", import.meta.url));
const hider = fileURLToPath(new URL("./helpers/hide-packages.mjs", import.meta.url));

/** The packages (under node_modules) a fresh Node process resolves while importing `specifier`. */
async function packagesLoadedBy(specifier: string): Promise<string[]> {
  const log = join(await tempDir(), "loads.txt");
  const result = await execa(process.execPath, ["--import", recorder, "--input-type=module", "-e", `await import(${JSON.stringify(specifier)});`], {
    cwd: repository,
    reject: false,
    env: { NIXGEN_LOADS: log },
  });
  expect(result.exitCode, result.stderr).toBe(0);
  const urls = (await readFile(log, "utf8")).split("\n");
  return [...new Set(urls.flatMap((url) => /\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []))].sort();
}

const heavy = ["execa", "prettier", "ts-morph"];

describe.concurrent("entries of @homelab/nixgen", () => {
  test("the root loads neither execa nor ts-morph nor prettier", async () => {
    const loaded = await packagesLoadedBy("@homelab/nixgen");
    expect(loaded).toContain("zod"); // the hook does see packages
    expect(loaded.filter((name) => heavy.includes(name))).toEqual([]);
  });

  test("@homelab/nixgen/eval loads neither ts-morph nor prettier", async () => {
    const loaded = await packagesLoadedBy("@homelab/nixgen/eval");
    expect(loaded.filter((name) => heavy.includes(name))).toEqual([]); // execa loads when Nix first runs
  });

  test("@homelab/nixgen/import loads none of them until it runs (execa with Nix, ts-morph and prettier on first use)", async () => {
    const loaded = await packagesLoadedBy("@homelab/nixgen/import");
    expect(loaded.filter((name) => heavy.includes(name))).toEqual([]);
  });

  test("each entry exports what the README's table of entries documents", async () => {
    const readme = await readFile(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");
    // `| \`@homelab/nixgen/eval\` | \`evalGenerated\`, …; types \`EvalCheck\`, … | loads … |`: the values before "; types".
    const documented = (entry: string) => {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${entry}\` |`)) ?? "";
      const values = (row.split("|")[2] ?? "").split("; types")[0] ?? "";
      return [...values.matchAll(/`([^`]+)`/g)].map((match) => match[1]).sort();
    };
    expect(Object.keys(await import("@homelab/nixgen")).sort()).toEqual(documented("@homelab/nixgen"));
    expect(Object.keys(await import("@homelab/nixgen/eval")).sort()).toEqual(documented("@homelab/nixgen/eval"));
    expect(Object.keys(await import("@homelab/nixgen/import")).sort()).toEqual(documented("@homelab/nixgen/import"));
    expect(documented("@homelab/nixgen/import")).toContain("importNix");
  });

  test("nixgen import without ts-morph and prettier names the install command, exit 1", async () => {
    const pve = fileURLToPath(new URL("./fixtures/pve-cluster", import.meta.url));
    const result = await execa(process.execPath, ["--import", hider, cliPath, "import", "--proxmox", pve], {
      cwd: await tempDir(),
      reject: false,
      env: { NO_COLOR: "1", NIXGEN_HIDE: "ts-morph,prettier" },
      stdin: "ignore",
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "✖ nixgen import writes TypeScript with ts-morph and prettier, optional peer dependencies of @homelab/nixgen; " +
        "ts-morph and prettier are not installed: run `npm install --save-dev ts-morph prettier`",
    );
  });
});
