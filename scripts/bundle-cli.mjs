// Build step after `tsc -b` and the templates: the `nixgen` executable as one ES module
// (packages/nixgen/dist/bundle/cli.js, the package's `bin`), so a run compiles a few files instead of
// resolving and loading some 350 modules. Measured with `gen --check` on the examples (see bench/check.mjs).
//
// - @homelab/schema and @homelab/nix are bundle entries too (schema.js, nix.js): configs import them,
//   and config/load.ts points jiti at these, so a config shares the CLI's modules instead of loading
//   a second copy of the packages and zod. Shared code goes into chunks beside them.
// - The bundle sits two levels below the package root, like dist/<dir>/*.js, so the files the code
//   reads relative to its own module (`../../nix/`) resolve from it, in the repository and in a packed
//   package alike; the option table is found through @homelab/schema's installed location.
// - External: what is imported only on the paths that need it and is large or loads files of its own
//   (jiti, execa, ts-morph, prettier). What the code requires through `createRequire` (jiti, diff, the
//   Handlebars compiler) is not bundled either: it stays a run-time require, on first use.
// - yaml is bundled, into a chunk of its own that the first YAML config loads (config/yaml-document.ts):
//   Node loads the package as some 75 CommonJS files, ~100 ms of a `gen` that reads one YAML config.
// - zod's error messages in languages other than English (`z.locales`, a third of zod's code) are left
//   out: nothing selects one, and every run compiled them.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const nixgen = new URL("../packages/nixgen/", import.meta.url);
const at = (path) => new URL(path, import.meta.url).pathname;

const outdir = new URL("dist/bundle/", nixgen).pathname;
// Chunk names are content hashes: without this, every build would leave the previous chunks in the package.
rmSync(outdir, { recursive: true, force: true });

/** zod's `locales` namespaces (in `zod` and `zod/v4/core`) with English only, the language zod sets itself. */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer, resolveDir }) =>
      /\/zod\/v4\/(classic|core)\/[^/]+$/.test(importer) ? { path: join(resolveDir, "../locales/index.js"), namespace: "zod-locales" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, ({ path }) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(path),
    }));
  },
};

await build({
  entryPoints: {
    cli: at("../packages/nixgen/dist/cli.js"),
    schema: at("../packages/schema/dist/index.js"),
    nix: at("../packages/nix/dist/index.js"),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["jiti", "execa", "ts-morph", "prettier"],
  plugins: [zodEnglishOnly],
  // The names config/load.ts gives jiti for the bundled packages, relative to the bundle's own files.
  define: { NIXGEN_BUNDLED_PACKAGES: JSON.stringify({ "@homelab/schema": "./schema.js", "@homelab/nix": "./nix.js" }) },
  // CommonJS packages in the bundle (yaml, the Handlebars runtime) require Node's built-ins: an ES
  // module has no `require` of its own, so each file gets one.
  banner: { js: 'import { createRequire as bundleRequire } from "node:module"; const require = bundleRequire(import.meta.url);' },
  chunkNames: "chunk-[hash]",
  sourcemap: "linked",
  logLevel: "warning",
});
