// A change in what a generated file means must fail the eval check, naming the file; a file that
// does not evaluate fails with its path and Nix's own error line, never a stack trace. Each case
// edits one file of a temporary copy of generated/.
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { evalGenerated } from "../src/eval/eval-generated.js";
import { nixgen, tempDir } from "./helpers/cli-run.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));

/** A copy of generated/ with `path` edited by `edit`; returns the directory holding the copy. */
async function mutated(path: string, edit: (text: string) => string): Promise<string> {
  const dir = await tempDir();
  await cp(join(repo, "generated"), join(dir, "generated"), { recursive: true });
  const file = join(dir, "generated", path);
  const before = await readFile(file, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`the edit left ${path} unchanged`);
  await writeFile(file, after);
  return dir;
}

const drifted = async (dir: string) => {
  const result = await evalGenerated("generated", { cwd: dir, lib: "double" });
  expect(result.failures).toEqual([]);
  expect(result.ok).toBe(false);
  return [...result.snapshots].flatMap(([root, changes]) =>
    changes.filter((c) => c.kind !== "unchanged" && !c.path.endsWith("manifest.json")).map((c) => `${root}/.eval/${c.path}`),
  );
};

describe("a changed value fails the check, naming the file", () => {
  test.each([
    // A module's default port: the module's options and every machine that imports it change.
    [
      "frame1/modules/services/grafana.nix",
      (t: string) => t.replace("default = 3001;", "default = 3002;"),
      ["modules/services/grafana.nix.json", "nixosConfigurations.frame1-vm.json", "nixosConfigurations.frame1.json"].map((p) => `generated/frame1/.eval/${p}`),
    ],
    ["lxchome/hosts.nix", (t: string) => t.replace("vmid = 110;", "vmid = 111;"), ["generated/lxchome/.eval/hosts.nix.json"]],
    [
      "frame1/secrets/secrets.nix",
      (t: string) => t.replace('"cloudflare-api-token.age".publicKeys = admins ++ [ frame1 ];', '"cloudflare-api-token.age".publicKeys = admins ++ [ frame1-vm ];'),
      ["generated/frame1/.eval/secrets/secrets.nix.json"],
    ],
    // A base profile setting the profile that extends it inherits, and the machine built from it reads
    // (the profile system's configuration.nix sets time.timeZone from it).
    [
      "lxchome/profiles/LXC-base-config.nix",
      (t: string) => t.replace('timezone = "Europe/Madrid";', 'timezone = "Europe/Lisbon";'),
      // …and the system built from it, whose profile system reads the time zone.
      ["nixosConfigurations.LXCHOME.json", "profiles/LXC-base-config.nix.json", "profiles/LXCHOME-config.nix.json"].map((p) => `generated/lxchome/.eval/${p}`),
    ],
  ] as const)("%s", async (path, edit, want) => {
    expect(await drifted(await mutated(path, edit))).toEqual(want);
  });

  test("nixgen eval prints the file whose meaning changed, the JSON diff, and exits 1", async () => {
    const dir = await mutated("lxchome/hosts.nix", (t) => t.replace("vmid = 110;", "vmid = 111;"));
    const result = await nixgen(["eval", "--lib", "double"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("✖ generated/lxchome/hosts.nix: evaluates differently from its snapshot generated/lxchome/.eval/hosts.nix.json");
    expect(result.stdout).toContain('-      "vmid": 110\n+      "vmid": 111');
    // A check writes nothing.
    expect(await readFile(join(dir, "generated/lxchome/.eval/hosts.nix.json"), "utf8")).toContain('"vmid": 110');
  });
});

describe("a file that does not evaluate fails with its path and Nix's error line", () => {
  test("a syntax error names the file and the line; the other files still evaluate", async () => {
    const dir = await mutated("lxchome/hosts.nix", (t) => t.replace("vmid = 110;", "vmid = ;"));
    const result = await evalGenerated("generated", { cwd: dir, lib: "double" });
    expect(result.failures).toEqual([
      { root: "generated/lxchome", path: "hosts.nix", message: "syntax error, unexpected ';'", at: "generated/lxchome/hosts.nix:20:14" },
    ]);
    expect([...result.values.values()].reduce((n, files) => n + files.size, 0)).toBe(25);
    // The batch is split in halves until the failure is pinned on one file: about 2·log2(26) processes.
    expect(result.processes).toBeLessThanOrEqual(11);
  });

  test("a syntax error in a module fails every evaluation that imports it, each pointing at it", async () => {
    const dir = await mutated("frame1/modules/services/loki.nix", (t) => t.replace("default = 3100;", "default = ;"));
    const line = (await readFile(join(dir, "generated/frame1/modules/services/loki.nix"), "utf8")).split("\n").findIndex((l) => l.includes("default = ;")) + 1;
    const result = await evalGenerated("generated/frame1", { cwd: dir, lib: "double" });
    // Modules are evaluated with their whole directory, as machines import them.
    const importers = [...["alloy", "caddy", "grafana", "homepage", "loki", "victoriametrics"].map((m) => `modules/services/${m}.nix`), "nixosConfigurations.frame1", "nixosConfigurations.frame1-vm"];
    expect(result.failures.map((f) => [f.path, f.message, f.at])).toEqual(
      importers.map((path) => [path, "syntax error, unexpected ';'", `generated/frame1/modules/services/loki.nix:${line}:17`]),
    );
    expect(result.values.get("generated/frame1")?.size).toBe(3);
  });

  test("nixgen eval prints one ✖ line per failing file, no stack trace, and exits 1", async () => {
    const dir = await mutated("lxchome/hosts.nix", (t) => t.replace("vmid = 110;", "vmid = ;"));
    const result = await nixgen(["eval", "--lib", "double"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        "✖ generated/lxchome/hosts.nix: syntax error, unexpected ';' (at generated/lxchome/hosts.nix:20:14)",
        "✖ 1 of 26 failed to evaluate",
      ].join("\n"),
    );
    // The examples that evaluate are still compared with their snapshots; lxchome's are left alone.
    expect(result.stdout).toMatch(/^generated\/frame1\/\.eval: 12 files: all up to date in \d+ ms$/m);
    expect(result.stdout).not.toContain("generated/lxchome/.eval");
    expect(result.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  test("a value of the wrong type names the option, the type and the file that set it", async () => {
    const dir = await mutated("frame1/machines/frame1/default.nix", (t) => t.replace("homelab.services.alloy.enable = true;", "homelab.services.alloy.enable = true;\n  homelab.services.grafana.port = 70000;"));
    const result = await evalGenerated("generated/frame1", { cwd: dir, lib: "double" });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({
      path: "nixosConfigurations.frame1",
      message: expect.stringContaining(
        "A definition for option `homelab.services.grafana.port' is not of type `16 bit unsigned integer; between 0 and 65535 (both inclusive)'. Definition values:\n- In `generated/frame1/machines/frame1/default.nix': 70000",
      ) as unknown,
    });
  });

  test("an option NixOS does not have fails the machine that sets it", async () => {
    const dir = await mutated("virtiofs/machines/doc2/default.nix", (t) => t.replace("services.qemuGuest.enable = true;", "services.qemuGuest.enabled = true;"));
    const result = await evalGenerated("generated/virtiofs", { cwd: dir, lib: "double" });
    expect(result.failures.map((f) => [f.path, f.message.split("\n")[0]])).toEqual([
      ["nixosConfigurations.doc2", "The option `services.qemuGuest.enabled' does not exist. Definition values:"],
    ]);
  });
});
