// A homelab's config lives in the homelab's own repository, not in this one: it loads with
// `@homelab/*` resolved from nixgen's own installation, and the TypeScript `nixgen import` writes
// type-checks in a directory with no package.json (so no `"type": "module"`) beside it.
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { nixgen, tempDir } from "./helpers/cli-run.js";

const packages = fileURLToPath(new URL("../../", import.meta.url));
const imported = fileURLToPath(new URL("fixtures/import/homelab.config.ts", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

describe("a config outside this repository", () => {
  test("loads, importing values from @homelab/schema and @homelab/nix", async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, "homelab.config.ts"),
      [
        'import { ref } from "@homelab/nix";',
        'import { defineConfig } from "@homelab/schema";',
        "",
        "export default defineConfig({",
        '  machines: { box: { kind: "metal", hostname: "box", stateVersion: "25.05", nixos: { "networking.domain": ref("config.networking.hostName") } } },',
        "});",
        "",
      ].join("\n"),
    );
    const result = await nixgen(["validate"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  // The packages installed beside it (a symlink, as pnpm links them), no package.json, no tsconfig.
  test.each([
    ["Node's resolution (nodenext)", ["--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022"]],
    ["tsc's defaults (node10 resolution)", ["--lib", "es2022,dom"]],
  ])("imported TypeScript type-checks with %s", async (_, options) => {
    const dir = await tempDir();
    await mkdir(join(dir, "node_modules", "@homelab"), { recursive: true });
    for (const name of ["nix", "schema"]) await symlink(join(packages, name), join(dir, "node_modules", "@homelab", name));
    await writeFile(join(dir, "homelab.config.ts"), await readFile(imported, "utf8"));
    const result = await execa(
      process.execPath,
      [tsc, "--noEmit", "--strict", "--skipLibCheck", ...options, "homelab.config.ts"],
      { cwd: dir, reject: false },
    );
    expect(result.stdout).toBe("");
    expect(result.exitCode).toBe(0);
  });
});
