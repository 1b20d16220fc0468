// What stopped real homelabs at `nixgen import` (issue 13), each reproduced by the fixtures in
// fixtures/adoption/ (written for these tests): a profile that reads a git-crypt secrets file, a
// virtiofs hosts.nix without mapping paths, nested package names, extra top-level profile keys, a
// host name with capitals, a passed-through disk, a pathExists condition, and key lists that are
// shared, computed or imported. Each round-trips to the same values, and no secret reaches any output.
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../src/config/load.js";
import type { GeneratedFile } from "../src/emit/types.js";
import { generatedValues } from "../src/import/generated-values.js";
import { importNix, type ImportResult } from "../src/import/import-nix.js";
import { plan } from "../src/plan.js";
import { nixgen } from "./helpers/cli-run.js";
import { writeTree } from "./helpers/nix-cli.js";
import { fixtureValue, scratchDir } from "./helpers/import-scratch.js";

const fixtures = fileURLToPath(new URL("fixtures/adoption/", import.meta.url));
const SECRETS = ["media.do-not-copy.example", "do-not-copy-hunter2"];

let imported: ImportResult;
let dir: string;
let files: readonly GeneratedFile[];

beforeAll(async () => {
  imported = await importNix(["hosts.nix", "profiles/Media-config.nix"], { cwd: fixtures });
  dir = await scratchDir("adoption");
  await writeFile(join(dir, "homelab.config.ts"), imported.text);
  files = plan(await loadConfig(join(dir, "homelab.config.ts"))).files;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const messages = (): string[] =>
  imported.warnings.flatMap(({ file, issues }) => issues.map((found) => `${file}: ${found.code}: ${found.message}`));

describe("importing a real homelab", () => {
  test.each([
    ["hosts.nix", "hosts.nix"],
    ["profiles/Base-config.nix", "profiles/Base-config.nix"],
    ["profiles/Media-config.nix", "profiles/Media-config.nix"],
  ])("%s evaluates to the same value after import and gen", async (source, generated) => {
    const values = await generatedValues(files, [generated]);
    expect(values.get(generated)).toEqual(await fixtureValue(source, fixtures));
  });

  test("no value of the secrets file reaches the config or any generated file", () => {
    for (const secret of SECRETS) {
      expect(imported.text).not.toContain(secret);
      for (const file of files) expect(file.content, file.path).not.toContain(secret);
    }
    const media = files.find((file) => file.path === "profiles/Media-config.nix")?.content ?? "";
    expect(media).toContain("publicDomain = (import ../secrets/domains.nix).mediaDomain;");
    expect(media).toContain('acmeUrl = "https://${(import ../secrets/domains.nix).mediaDomain}/acme";');
    expect(messages()).toContainEqual(expect.stringMatching(/reference: \.\.\/secrets\/domains\.nix was not given to import/));
  });

  test("the secrets file is not taken for a base profile; the real base is", () => {
    expect(Object.keys(imported.config.profiles ?? {})).toEqual(["Base", "Media"]);
    expect(imported.config.profiles?.["Media"]?.extends).toBe("Base");
  });

  test("extra top-level profile keys and nested package names are kept", () => {
    const media = imported.config.profiles?.["Media"];
    expect(media?.extra).toEqual({ useRustOverlay: false, overlays: { rust: false, zfs: "stable" } });
    expect(media?.systemSettings?.["systemPackages"]).toContain("python3Packages.uptime-kuma-api");
    expect(media?.systemSettings?.["systemPackages"]).toContain("kdePackages.dolphin");
    expect(messages().filter((line) => line.includes(": lost:"))).toEqual([]);
  });

  test("what evaluation froze is a warning at the expression's file:line:col", () => {
    expect(messages()).toEqual(
      expect.arrayContaining([
        expect.stringContaining("profiles/Media-config.nix:21:18: `if builtins.pathExists …` was evaluated"),
        expect.stringContaining("hosts.nix:15:17: `map …` (let bastionKeys) was evaluated"),
      ]),
    );
  });

  test("a mapping made in the Proxmox UI is unmanaged: checked, never created", () => {
    expect(imported.config.storage?.mappings).toEqual({ containers: { managed: false, nodes: ["prom"] } });
    expect(files.map((file) => file.path)).not.toContain("proxmox/storage.sh");
    for (const file of files) expect(file.content, file.path).not.toMatch(/pvesh|PLACEHOLDER/);
  });

  test("capitals in a host name, a passed-through disk and the consumer's VM fields are typed", () => {
    const machines = imported.config.machines ?? {};
    expect(machines["labaku"]?.hostname).toBe("nixosLabaku");
    expect(machines["truenas"]).toMatchObject({ proxmox: { disk: "passthrough", readonly: true } });
    expect(machines["doc1"]).toMatchObject({
      proxmox: { bios: "ovmf", cpuType: "x86-64-v3", diskInterface: "scsi0", cloneFromTemplate: false, tags: [] },
    });
    expect(imported.config.proxmox).toMatchObject({ node: "prom", templateVmid: 9003, defaultStorage: "nvmeprom" });
  });

  test("key lists stay shared by name: a bound list, and a list read from an imported key file", () => {
    const hosts = files.find((file) => file.path === "hosts.nix")?.content ?? "";
    expect(hosts).toMatch(/^ {2}fleetKeys = \[$/m);
    expect(hosts).toContain("authorizedKeys = fleetKeys;");
    expect(hosts).toContain("authorizedKeys = (import ./lib/ssh-keys.nix).admins;");
  });

  test("hosts.nix's OpenTofu consumer reads the regenerated file as it reads the imported one", async () => {
    const consumer = fileURLToPath(new URL("fixtures/opentofu/consumer.nix", import.meta.url));
    const read = async (file: string): Promise<unknown> =>
      JSON.parse(
        (await execa("nix-instantiate", ["--eval", "--strict", "--json", consumer, "--arg", "hostsFile", file])).stdout,
      );
    const regenerated = join(await writeTree(files), "hosts.nix");
    const original = (await read(join(fixtures, "hosts.nix"))) as { vms: Record<string, unknown> };
    expect(Object.keys(original.vms).sort()).toEqual(["doc1", "doc2"]);
    expect(await read(regenerated)).toEqual(original);
  });

  test("nested package names evaluate with gen --eval", async () => {
    const tools = await importNix(["profiles/Tools-config.nix"], { cwd: fixtures });
    expect(tools.config.profiles?.["Tools"]?.systemSettings?.["systemPackages"]).toEqual({
      extend: ["python3Packages.uptime-kuma-api", "kdePackages.dolphin", "pkgs-unstable.python3Packages.requests"],
    });
    const out = await scratchDir("adoption-gen");
    try {
      await writeFile(join(out, "homelab.config.ts"), tools.text);
      const result = await nixgen(["gen", "--eval", "-o", "."], out);
      expect(result.stderr).not.toContain("✖");
      expect(result.code).toBe(0);
      const evaluated = JSON.parse(await readFile(join(out, ".eval/profiles/Tools-config.nix.json"), "utf8"));
      expect(evaluated.systemSettings.systemPackages).toEqual([
        "vim",
        "git",
        "python3Packages.uptime-kuma-api",
        "kdePackages.dolphin",
        "pkgs-unstable.python3Packages.requests",
      ]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
