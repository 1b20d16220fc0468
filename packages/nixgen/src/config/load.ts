// Config file → the plain value the schema validates. TypeScript and JavaScript go through jiti (the
// loader c12 uses), so a config can import `defineConfig` and Nix builders; JSON and YAML are data.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Jiti } from "jiti";
import { jsonProblem, lineColumn, parsedJsonProblem } from "./json-syntax.js";

export const configExtensions = [".ts", ".mts", ".js", ".json", ".yaml", ".yml"] as const;

export class ConfigLoadError extends Error {
  override readonly name = "ConfigLoadError";
  constructor(
    /** The config file as it was given. */
    readonly file: string,
    reason: string,
    options?: ErrorOptions & { readonly at?: { readonly line: number; readonly column: number } },
  ) {
    // With a position, the compiler-style `file:line:column: reason` that editors and terminals link.
    super(options?.at === undefined ? `cannot load ${file}: ${reason}` : `${file}:${options.at.line}:${options.at.column}: ${reason}`, options);
  }
}

/**
 * Reads a config file: the default export of `.ts`/`.mts`/`.js`, the document of `.json`/`.yaml`/`.yml`.
 * `file` is resolved against `cwd`; errors name it as given.
 */
export async function loadConfig(file: string, options: { readonly cwd?: string } = {}): Promise<unknown> {
  const absolute = resolve(options.cwd ?? process.cwd(), file);
  const extension = extname(file);
  switch (extension) {
    case ".ts":
    case ".mts":
    case ".js":
      return loadModule(file, absolute);
    case ".json":
      return parseJson(file, await readText(file, absolute));
    case ".yaml":
    case ".yml":
      return parseYaml(file, await readText(file, absolute));
    default:
      throw new ConfigLoadError(file, `unsupported file type "${extension}"; use one of ${configExtensions.join(" ")}`);
  }
}

async function readText(file: string, absolute: string): Promise<string> {
  try {
    return await readFile(absolute, "utf8");
  } catch (error) {
    throw new ConfigLoadError(file, reasonOf(error), { cause: error });
  }
}

async function loadModule(file: string, absolute: string): Promise<unknown> {
  let module: unknown;
  try {
    module = await loader().import(absolute);
  } catch (error) {
    throw new ConfigLoadError(file, reasonOf(error), { cause: error });
  }
  if (typeof module !== "object" || module === null || !("default" in module) || module.default === undefined) {
    throw new ConfigLoadError(file, "no default export; end the file with `export default defineConfig({ … })`");
  }
  return module.default;
}

let jitiLoader: Jiti | undefined;

// One loader for the process: `gen --examples` loads several configs, and a new jiti starts with empty
// caches and resolves every shared import (`@homelab/schema`, …) again, ~30 ms a config. Loaded on first use, not at the top: JSON
// and YAML configs never pay for the loader. Required, not imported: jiti's ES entry imports its
// 190 kB CommonJS build, which Node then scans for export names (cjs-module-lexer) on every run.
function loader(): Jiti {
  jitiLoader ??= (createRequire(import.meta.url)("jiti") as typeof import("jiti")).createJiti(import.meta.url, {
    interopDefault: false,
    alias: ownPackages(),
    extensions: moduleExtensions,
  });
  return jitiLoader;
}

// What a config and the modules it imports may be written in: jiti's default list without its JSX
// forms (.tsx, .mtsx, .ctsx; jiti's `jsx` option is off). TypeScript imports `./x.ts` as `./x.js`,
// which jiti finds only after trying the specifier with every extension of this list, from four
// bases, under two sets of conditions: without the JSX forms such an import resolves in ~3 ms, not ~8.
const moduleExtensions = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"];

// Defined by the bundler (scripts/bundle-cli.mjs) only: its own entry points of @homelab/schema and
// @homelab/nix, relative to the bundle's files. Unbundled, this name is never defined.
declare const NIXGEN_BUNDLED_PACKAGES: Readonly<Record<string, string>>;

/**
 * `@homelab/*` as nixgen's own installation has them: a config may live anywhere on disk (an imported
 * homelab's own repository) with no node_modules beside it. The bundled CLI gives its own copies, so a
 * config shares the modules the CLI has loaded (one zod, schemas built once) rather than load the
 * packages again.
 */
function ownPackages(): Record<string, string> {
  const bundled: Readonly<Record<string, string>> =
    typeof NIXGEN_BUNDLED_PACKAGES === "undefined"
      ? {}
      : Object.fromEntries(Object.entries(NIXGEN_BUNDLED_PACKAGES).map(([name, file]) => [name, fileURLToPath(new URL(file, import.meta.url))]));
  const require = createRequire(import.meta.url);
  const names = ["@homelab/nix", "@homelab/schema", "@homelab/nixgen"];
  return Object.fromEntries(
    names.flatMap((name) => {
      const own = bundled[name];
      if (own !== undefined) return [[name, own]];
      try {
        return [[name, require.resolve(name)]];
      } catch {
        // Not installed beside this copy (e.g. @homelab/nixgen run from its sources): left to jiti.
        return [];
      }
    }),
  );
}

function parseJson(file: string, text: string): unknown {
  const source = text.replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    // JSON.parse says what but often not where: the scan finds both.
    const problem = jsonProblem(source);
    if (problem !== undefined) throw new ConfigLoadError(file, problem.message, { at: lineColumn(source, problem.offset) });
    throw new ConfigLoadError(file, reasonOf(error), { cause: error });
  }
  const problem = parsedJsonProblem(source, value);
  if (problem !== undefined) throw new ConfigLoadError(file, problem.message, { at: lineColumn(source, problem.offset) });
  return value;
}

async function parseYaml(file: string, text: string): Promise<unknown> {
  // Imported here, like jiti: JSON and TypeScript configs never pay for the YAML parser.
  const { yamlDocument } = await import("./yaml-document.js");
  const { aliasProblem, maxAliasCount } = await import("./yaml-aliases.js");
  const document = yamlDocument(text);
  const first = document.errors[0];
  if (first !== undefined) throw new ConfigLoadError(file, first.message, { cause: first, at: lineColumn(text, first.pos[0]) });
  const aliases = aliasProblem(document);
  if (aliases !== undefined) throw new ConfigLoadError(file, aliases.message, { at: lineColumn(text, aliases.offset) });
  try {
    return document.toJS({ maxAliasCount });
  } catch (error) {
    // What the walk above did not foresee (an anchor that contains its own alias, …): still the user's file.
    throw new ConfigLoadError(file, reasonOf(error), { cause: error });
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && "code" in error && error.code === "ENOENT") return "no such file";
  return error instanceof Error ? error.message : String(error);
}
