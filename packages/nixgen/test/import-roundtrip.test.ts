// `nixgen import` then `nixgen gen`: the typed config written for the fixtures (a hosts.nix with nine
// machines, a base profile and two profiles extending it, a secrets.nix) regenerates Nix files that
// evaluate to what the fixtures evaluate to. The TypeScript goes through text, the CLI's loader and
// plan(), as a user's would; it type-checks against @homelab/schema and is the same on every import.
import { execFile } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../src/config/load.js";
import type { GeneratedFile } from "../src/emit/types.js";
import { generatedValues } from "../src/import/generated-values.js";
import { importNix, type ImportResult } from "../src/import/import-nix.js";
import { plan } from "../src/plan.js";
import { fixtureValue, importFixtures, scratchDir } from "./helpers/import-scratch.js";

const sources = ["hosts.nix", "profiles/LXCHOME-config.nix", "profiles/LXCDEV-config.nix", "secrets/secrets.nix"];

/** Each imported file and the generated file it must come back as. */
const pairs: [source: string, generated: string][] = [
  ["hosts.nix", "hosts.nix"],
  ["profiles/LXC-base-config.nix", "profiles/LXC-base-config.nix"],
  ["profiles/LXCHOME-config.nix", "profiles/LXCHOME-config.nix"],
  ["profiles/LXCDEV-config.nix", "profiles/LXCDEV-config.nix"],
  ["secrets/secrets.nix", "secrets/secrets.nix"],
];

let imported: ImportResult;
let dir: string;
let files: readonly GeneratedFile[];

beforeAll(async () => {
  imported = await importNix(sources, { cwd: importFixtures });
  dir = await scratchDir("roundtrip");
  await writeFile(join(dir, "homelab.config.ts"), imported.text);
  files = plan(await loadConfig(join(dir, "homelab.config.ts"))).files;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("import, then gen", () => {
  test("the emitted TypeScript is the reviewed golden file", async () => {
    await expect(imported.text).toMatchFileSnapshot("./fixtures/import/homelab.config.ts");
  });

  test.each(pairs)("%s evaluates to the same value after the round trip", async (source, generated) => {
    const values = await generatedValues(files, [generated]);
    expect(values.get(generated)).toEqual(await fixtureValue(source));
  });

  test("secrets.nix also compares equal as plain `nix-instantiate --eval --strict --json`", async () => {
    const generated = files.find((file) => file.path === "secrets/secrets.nix");
    const regenerated = join(dir, "secrets.nix");
    await writeFile(regenerated, generated?.content ?? "");
    expect(await plainJson(regenerated)).toEqual(await plainJson(join(importFixtures, "secrets/secrets.nix")));
  });

  test("shared key lists come back as let bindings referenced by name, paths as paths", () => {
    const hosts = files.find((file) => file.path === "hosts.nix")?.content ?? "";
    expect(hosts).toMatch(/^ {2}masterKeys = \[$/m);
    expect(hosts).toMatch(/^ {2}opsKeys = \[$/m);
    expect(hosts.match(/authorizedKeys = masterKeys;/g)).toHaveLength(5);
    expect(hosts).toContain("configurationFile = ./hosts/doc2/configuration.nix;");
    expect(hosts).not.toContain("./machines/");
  });

  test("in TypeScript, a shared pass-through list is one const, multi-line strings stay multi-line", () => {
    expect(imported.text).toContain('const importedIgnores = ["description", "tags", "on_boot", "cpu[0].type"];');
    expect(imported.text.match(/ignoreChangesExtra: importedIgnores/g)).toHaveLength(2);
    expect(imported.text).toContain("zshinitContent: `PROMPT=");
    expect(imported.text).toContain("# \\${HOME} stays literal for ssh");
  });

  test("the profiles extend the imported base, appending where the source appended", () => {
    const profiles = imported.config.profiles ?? {};
    expect(Object.keys(profiles)).toEqual(["LXC-base", "LXCHOME", "LXCDEV"]);
    expect(profiles["LXCDEV"]).toMatchObject({
      extends: "LXC-base",
      systemSettings: {
        allowedTCPPorts: { extend: [3000, 5173, 8000] },
        systemPackages: { extend: ["nodejs_22", "python3Packages.requests", "gcc"] },
      },
      userSettings: { extraGroups: { extend: ["docker"] }, homePackages: ["fzf", "ripgrep", "direnv"] },
    });
  });

  test("what the model lacks is listed as pass-through, and nothing is reported lost or different", () => {
    const codes = imported.warnings.flatMap(({ issues }) => issues.map((found) => found.code));
    expect(codes).toContain("import/pass-through");
    expect(codes).not.toContain("import/lost");
    expect(codes).not.toContain("import/not-identical");
  });
});

describe("the emitted TypeScript", () => {
  test("type-checks against @homelab/schema with tsc --noEmit; a wrong field does not", async () => {
    const [checked, broken] = await Promise.all([
      typeCheck(imported.text),
      typeCheck(imported.text.replace("vmid: 114,", 'vmid: "114",')),
    ]);
    expect(checked).toEqual({ ok: true, output: "" });
    expect(broken.ok).toBe(false);
    expect(broken.output).toContain("error TS2322");
  });

  test("is the same text when the same files are imported again", async () => {
    const again = await importNix(sources, { cwd: importFixtures });
    expect(again.text).toBe(imported.text);
  });
});

const run = promisify(execFile);

async function plainJson(file: string): Promise<unknown> {
  const { stdout } = await run("nix-instantiate", ["--eval", "--strict", "--json", file]);
  return JSON.parse(stdout);
}

/**
 * `tsc --noEmit` over the text as homelab.config.ts, with the repository's compiler options;
 * `@homelab/schema` resolves as it would for a user, to the built package (test/global-setup.ts builds it).
 */
async function typeCheck(text: string): Promise<{ ok: boolean; output: string }> {
  const checkDir = await scratchDir("typecheck");
  const root = join(importFixtures, "../../../../..");
  try {
    await writeFile(join(checkDir, "homelab.config.ts"), text);
    const tsconfig = {
      extends: join(root, "tsconfig.base.json"),
      compilerOptions: { noEmit: true, composite: false, incremental: false, declaration: false, sourceMap: false },
      files: ["homelab.config.ts"],
    };
    await writeFile(join(checkDir, "tsconfig.json"), JSON.stringify(tsconfig));
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    try {
      await run(process.execPath, [tsc, "-p", join(checkDir, "tsconfig.json")]);
      return { ok: true, output: "" };
    } catch (error) {
      return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
    }
  } finally {
    await rm(checkDir, { recursive: true, force: true });
  }
}
