// Profiles that are harder to read than the fixtures: what the import keeps, and what it says it could not.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatIssue } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { importNix, type ImportResult } from "../src/import/import-nix.js";

const base = `{
  systemSettings = { hostname = "base"; swapFileEnable = false; allowedTCPPorts = [ 22 ];
    systemPackages = pkgs: pkgs-unstable: with pkgs; [ vim ]; };
  userSettings = { username = "admin"; };
}`;

async function importProfile(profile: string): Promise<ImportResult> {
  const dir = await mkdtemp(join(tmpdir(), "nixgen-import-"));
  await writeFile(join(dir, "B-config.nix"), base);
  await writeFile(join(dir, "P-config.nix"), profile);
  return importNix(["P-config.nix"], { cwd: dir });
}

const warnings = (result: ImportResult): string[] =>
  result.warnings
    .filter(({ file }) => file !== "the imported config")
    .flatMap(({ file, issues }) => issues.map((found) => `${file}: ${formatIssue(found)}`));

describe.concurrent("importing a profile", () => {
  test("a list that repeats the base's without reading it stays a plain list; one that reads it appends", async () => {
    const result = await importProfile(`let base = import ./B-config.nix; in {
      systemSettings = base.systemSettings // {
        allowedTCPPorts = [ 22 80 ];
        systemPackages = pkgs: pkgs-unstable: base.systemSettings.systemPackages pkgs pkgs-unstable ++ [ pkgs.git ];
      };
      userSettings = base.userSettings;
    }`);
    expect(result.config.profiles?.["P"]).toEqual({
      extends: "B",
      systemSettings: { allowedTCPPorts: [22, 80], systemPackages: { extend: ["git"] } },
      userSettings: {},
    });
    expect(warnings(result)).toEqual([]);
  });

  test("a package from pkgs-unstable is kept as pkgs-unstable.<name>", async ({ expect }) => {
    const result = await importProfile(`let base = import ./B-config.nix; in {
      systemSettings = base.systemSettings // { systemPackages = pkgs: pkgs-unstable: [ pkgs.htop pkgs-unstable.atuin ]; };
      userSettings = base.userSettings;
    }`);
    expect(result.config.profiles?.["P"]?.systemSettings).toEqual({ systemPackages: ["htop", "pkgs-unstable.atuin"] });
    expect(warnings(result)).toEqual([]);
  });

  test("a file the empty-base evaluation cannot read falls back to comparing values with the base", async ({
    expect,
  }) => {
    const result = await importProfile(`let base = import ./B-config.nix; in {
      systemSettings = base.systemSettings
        // (if base.systemSettings.swapFileEnable then { } else { hostname = "p"; swapFileEnable = false; });
      userSettings = base.userSettings;
    }`);
    expect(result.config.profiles?.["P"]).toMatchObject({ extends: "B", systemSettings: { hostname: "p" } });
    expect(warnings(result)).toMatchInlineSnapshot(`
      [
        "P-config.nix: ⚠ P-config.nix:3:13: \`if base.systemSettings.swapFileEnable …\` was evaluated on this machine: the config holds its result here and now, not the expression → at systemSettings",
        "P-config.nix: ⚠ could not evaluate this file over an empty B; settings equal to the base's are left to the base → at systemSettings",
        "P-config.nix: ⚠ could not evaluate this file over an empty B; settings equal to the base's are left to the base → at userSettings",
      ]
    `);
  });

  test("what the regenerated file would change is a warning: here a section the profile leaves out", async ({
    expect,
  }) => {
    const result = await importProfile(`let base = import ./B-config.nix; in {
      systemSettings = base.systemSettings // { hostname = "p"; };
    }`);
    expect(warnings(result)).toMatchInlineSnapshot(`
      [
        "P-config.nix: ⚠ the regenerated profiles/P-config.nix evaluates differently at userSettings",
      ]
    `);
  });
});
