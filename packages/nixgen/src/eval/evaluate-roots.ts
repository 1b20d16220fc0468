// Evaluates every generated Nix file of one or more output directories, and every
// `nixosConfigurations.<name>` of their flake outputs as a whole system, in one Nix process (after
// one that lists the systems). When that process fails (one broken file stops a whole evaluation: a parse error cannot be caught
// inside Nix), the batch is split in halves and each half evaluated again, in parallel, until every
// failure is pinned on one file; a single bad file costs about 2·log2(n) extra processes.
import { readFile, readdir } from "node:fs/promises";
import { nixosOptionRows } from "@homelab/schema";
import { parseOptionRows } from "@homelab/schema/internal";
import { dirname, join } from "node:path";
import { flakeOutputsPath, type FileKind } from "../emit/output-layout.js";
import { resolveLib, type LibChoice, type LibSource } from "../nix-run/lib-source.js";
import { nixDir } from "../nix-run/nix-dir.js";
import { nixEvalJson, type NixError } from "../nix-run/nix-instantiate.js";
import { batchExpression, packageNamesOf, type BatchContext, type BatchEntry } from "./batch.js";
import { evalKindOf, systemPath } from "./kinds.js";
import { nixosStandIns } from "./nixos-stand-ins.js";
import { declaredRows } from "./option-pruning.js";

export interface EvalRoot {
  /** How reports name the directory, e.g. `generated/frame1`. */
  readonly name: string;
  /** The directory on disk (absolute). */
  readonly dir: string;
  /** The generated Nix files inside `dir`. Files a user added beside them are read where imported. */
  readonly files: readonly EvalFile[];
}

export interface EvalFile {
  /** Path inside the root, `/`-separated. */
  readonly path: string;
  readonly kind: FileKind;
}

export interface EvalOptions {
  readonly lib?: LibChoice;
  readonly env?: NodeJS.ProcessEnv;
  /** The NixOS option stand-ins as TSV rows (default: @homelab/schema's whole NixOS option list). */
  readonly nixosOptions?: string;
}

export interface FileFailure {
  readonly root: string;
  readonly path: string;
  /** Nix's message with the directories replaced by the names reports use. */
  readonly message: string;
  /** `file:line:column`, preferring a position inside the generated files over one in the stand-ins. */
  readonly at?: string;
}

export interface Evaluation {
  readonly lib: LibSource;
  /** Root name → file path (or `nixosConfigurations.<name>`) → what it evaluates to. */
  readonly values: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
  readonly failures: readonly FileFailure[];
  /** Nix processes started: 1 when everything evaluates. */
  readonly processes: number;
}

export async function evaluateRoots(roots: readonly EvalRoot[], options: EvalOptions = {}): Promise<Evaluation> {
  const lib = resolveLib(options.lib ?? "auto", options.env);
  const rootOf = (entry: BatchEntry) => roots[Number(entry.key.slice(0, entry.key.indexOf(":")))] as EvalRoot;
  const words = packageNamesOf(await Promise.all([...(await nixFilesOf(roots)), ...(await nixFilesIn(nixDir))].map((file) => readFile(file, "utf8"))));
  // agenix's `age.*` and proxmox-lxc.nix's `proxmoxLXC.*` exist only where their modules are
  // imported: their stand-ins in nix/stand-in-modules.nix declare them.
  const listed = options.nixosOptions === undefined ? nixosOptionRows() : parseOptionRows(options.nixosOptions);
  const rows = listed.filter(([name]) => !name.startsWith("age.") && !name.startsWith("proxmoxLXC."));
  const context: BatchContext = { lib, packageNames: words, nixosOptions: nixosStandIns(declaredRows(rows, new Set(words))) };

  const results = new Map<string, unknown>();
  const errors: [BatchEntry, NixError][] = [];
  let processes = 0;
  const run = async (group: readonly BatchEntry[], failed: [BatchEntry, NixError][]): Promise<void> => {
    if (group.length === 0) return;
    processes += 1;
    // A lone file gets the trace, whose positions lead back into the generated file.
    const result = await nixEvalJson({ expr: batchExpression(group, context), showTrace: group.length === 1 });
    if (result.ok) {
      for (const entry of group) results.set(entry.key, (result.value as Record<string, unknown>)[entry.key]);
    } else if (group.length === 1) {
      failed.push([group[0] as BatchEntry, result.error]);
    } else {
      const half = Math.ceil(group.length / 2);
      await Promise.all([run(group.slice(0, half), failed), run(group.slice(half), failed)]);
    }
  };
  // First the systems each flake declares; a flake that fails here fails again, reported, as a file.
  const flakes = roots.flatMap((root, index) =>
    root.files.some((file) => file.kind === "flake")
      ? [{ key: `${index}:systems`, kind: "systems" as const, root: root.dir, path: flakeOutputsPath, flake: flakeOutputsPath }]
      : [],
  );
  await run(flakes, []);
  const systems = (index: number) => (results.get(`${index}:systems`) ?? {}) as Record<string, string[]>;
  const entries = roots.flatMap((root, index) => entriesOf(root, index, systems(index)));
  await run(entries, errors);

  const values = new Map(roots.map((root) => [root.name, new Map<string, unknown>()]));
  for (const entry of entries) {
    if (results.has(entry.key)) values.get(rootOf(entry).name)?.set(entry.path, results.get(entry.key));
  }
  const failures = errors
    .map(([entry, error]) => failure(rootOf(entry), entry, error, roots))
    .sort((a, b) => (a.root + a.path < b.root + b.path ? -1 : 1));
  return { lib, values, failures, processes };
}

/**
 * Every Nix file of the roots: the generated ones and those a user put beside them (hardware.nix,
 * a profile system), which the systems import. `.eval/` holds JSON only.
 */
async function nixFilesOf(roots: readonly EvalRoot[]): Promise<string[]> {
  return (await Promise.all(roots.map((root) => nixFilesIn(root.dir)))).flat();
}

async function nixFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  // User files are symbolic links in `gen --eval`'s scratch copy.
  return entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith(".nix")).map((e) => join(e.parentPath, e.name));
}

/**
 * Keys are `<root index>:<path>`: unique across roots, and they lead back to the root. A machine file
 * a nixosConfiguration lists is evaluated as part of that system, not alone.
 */
function entriesOf(root: EvalRoot, index: number, systems: Readonly<Record<string, readonly string[]>>): BatchEntry[] {
  const nix = [...root.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const inSystems = new Set(Object.values(systems).flatMap((files) => files.map((file) => file.replace(/^\.\//, ""))));
  const files = nix.flatMap(({ path, kind }): BatchEntry[] => {
    const base = { key: `${index}:${path}`, kind: evalKindOf[kind], root: root.dir, path };
    if (kind === "machine" && inSystems.has(path)) return [];
    if (kind === "module") {
      const siblings = nix.filter((other) => other.kind === "module" && dirname(other.path) === dirname(path)).map((other) => other.path);
      return [{ ...base, siblings }];
    }
    return [base];
  });
  const whole = Object.keys(systems)
    .sort()
    .map((name): BatchEntry => ({ key: `${index}:${systemPath(name)}`, kind: "system", root: root.dir, path: systemPath(name), flake: flakeOutputsPath, name }));
  return [...files, ...whole];
}

function failure(root: EvalRoot, entry: BatchEntry, error: NixError, roots: readonly EvalRoot[]): FileFailure {
  const named = (text: string) =>
    roots.reduce((t, r) => t.split(`${r.dir}/`).join(`${r.name}/`), text).split(nixDir).join("<nixgen>/nix/");
  const inGenerated = error.positions.find((p) => roots.some((r) => p.startsWith(`${r.dir}/`)));
  const at = inGenerated ?? error.positions[0];
  return { root: root.name, path: entry.path, message: named(error.message), ...(at === undefined ? {} : { at: named(at) }) };
}
