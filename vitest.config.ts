import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests import workspace packages from source: each entry of a package's `exports` (tsconfig.test.json's
// `paths` says the same to the type checker).
const src = (pkg: string, entry = "index") => fileURLToPath(new URL(`./packages/${pkg}/src/${entry}.ts`, import.meta.url));
const precompiledTemplates = fileURLToPath(new URL("./packages/nixgen/dist/text/templates.precompiled.js", import.meta.url));

// The unmodified nixpkgs lib beside the repository (CI has it): when present, the tests evaluate
// with it instead of the double (their names say which lib); a fresh clone without it uses the double.
const nixpkgsLib = fileURLToPath(new URL("../shared/nixpkgs-lib", import.meta.url));
const env = process.env["NIXGEN_NIXPKGS"] === undefined && existsSync(`${nixpkgsLib}/lib/default.nix`) ? { NIXGEN_NIXPKGS: nixpkgsLib } : {};

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@homelab\/nix$/, replacement: src("nix") },
      { find: /^@homelab\/schema$/, replacement: src("schema") },
      { find: /^@homelab\/schema\/internal$/, replacement: src("schema", "internal") },
      { find: /^@homelab\/nixgen$/, replacement: src("nixgen") },
      { find: /^@homelab\/nixgen\/eval$/, replacement: src("nixgen", "eval-entry") },
      { find: /^@homelab\/nixgen\/import$/, replacement: src("nixgen", "import-entry") },
      // render.ts imports the templates as the build precompiled them (global-setup builds first).
      { find: /^\.\/templates\.precompiled\.js$/, replacement: precompiledTemplates },
    ],
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    // Builds dist/ once: the CLI tests run the built entry point, as users do.
    globalSetup: ["test/global-setup.ts"],
    env,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
