// Evaluates every generated Nix file of one or more output directories in one Nix process. When
// that process fails (one broken file stops a whole evaluation: a parse error cannot be caught
// inside Nix), the batch is split in halves and each half evaluated again, in parallel, until every
// failure is pinned on one file; a single bad file costs about 2·log2(n) extra processes.
import { readFile } from "node:fs/promises";
import { nixosOptionRows, parseOptionRows } from "@homelab/schema";
import { dirname, join } from "node:path";
import { batchExpression, nixDir, packageNamesOf, type BatchContext, type BatchEntry } from "./batch.js";
import { fileKind } from "./kinds.js";
import { resolveLib, type LibChoice, type LibSource } from "./lib-source.js";
import { nixosStandIns, rowsNamedIn } from "./nixos-stand-ins.js";
import { nixEvalJson, type NixError } from "./nix-process.js";

export interface EvalRoot {
  /** How reports name the directory, e.g. `generated/frame1`. */
  readonly name: string;
  /** The directory on disk (absolute). */
  readonly dir: string;
  /** Generated files inside `dir`; those that are not Nix are skipped. */
  readonly files: readonly string[];
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
  /** Root name → file path → what the file evaluates to. */
  readonly values: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
  readonly failures: readonly FileFailure[];
  /** Nix processes started: 1 when everything evaluates. */
  readonly processes: number;
}

export async function evaluateRoots(roots: readonly EvalRoot[], options: EvalOptions = {}): Promise<Evaluation> {
  const lib = resolveLib(options.lib ?? "auto", options.env);
  const entries = roots.flatMap((root, index) => entriesOf(root, index));
  const rootOf = (entry: BatchEntry) => roots[Number(entry.key.slice(0, entry.key.indexOf(":")))] as EvalRoot;
  const sources = await Promise.all(entries.map((entry) => readFile(join(entry.root, entry.path), "utf8")));
  // agenix's `age.*` come from its stub in nix/eval.nix, which knows agenix's defaults.
  const listed = options.nixosOptions === undefined ? nixosOptionRows() : parseOptionRows(options.nixosOptions);
  const evalNix = await readFile(join(nixDir, "eval.nix"), "utf8");
  const rows = rowsNamedIn(listed, [...sources, evalNix]).filter(([name]) => !name.startsWith("age."));
  const context: BatchContext = { lib, packageNames: packageNamesOf(sources), nixosOptions: nixosStandIns(rows) };

  const results = new Map<string, unknown>();
  const errors: [BatchEntry, NixError][] = [];
  let processes = 0;
  const run = async (group: readonly BatchEntry[]): Promise<void> => {
    if (group.length === 0) return;
    processes += 1;
    // A lone file gets the trace, whose positions lead back into the generated file.
    const result = await nixEvalJson(batchExpression(group, context), { showTrace: group.length === 1 });
    if (result.ok) {
      for (const entry of group) results.set(entry.key, (result.value as Record<string, unknown>)[entry.key]);
    } else if (group.length === 1) {
      errors.push([group[0] as BatchEntry, result.error]);
    } else {
      const half = Math.ceil(group.length / 2);
      await Promise.all([run(group.slice(0, half)), run(group.slice(half))]);
    }
  };
  await run(entries);

  const values = new Map(roots.map((root) => [root.name, new Map<string, unknown>()]));
  for (const entry of entries) {
    if (results.has(entry.key)) values.get(rootOf(entry).name)?.set(entry.path, results.get(entry.key));
  }
  const failures = errors
    .map(([entry, error]) => failure(rootOf(entry), entry, error, roots))
    .sort((a, b) => (a.root + a.path < b.root + b.path ? -1 : 1));
  return { lib, values, failures, processes };
}

/** Keys are `<root index>:<path>`: unique across roots, and they lead back to the root. */
function entriesOf(root: EvalRoot, index: number): BatchEntry[] {
  const nix = root.files.filter((path) => fileKind(path) !== undefined).sort();
  const flake = nix.includes("flake-outputs.nix") ? "flake-outputs.nix" : undefined;
  return nix.map((path) => {
    const kind = fileKind(path) as NonNullable<ReturnType<typeof fileKind>>;
    const base = { key: `${index}:${path}`, kind, root: root.dir, path };
    if (kind === "module") {
      const siblings = nix.filter((other) => fileKind(other) === "module" && dirname(other) === dirname(path));
      return { ...base, siblings };
    }
    if (kind === "machine" && flake !== undefined) return { ...base, flake };
    return base;
  });
}

function failure(root: EvalRoot, entry: BatchEntry, error: NixError, roots: readonly EvalRoot[]): FileFailure {
  const named = (text: string) =>
    roots.reduce((t, r) => t.split(`${r.dir}/`).join(`${r.name}/`), text).split(nixDir).join("<nixgen>/nix/");
  const inGenerated = error.positions.find((p) => roots.some((r) => p.startsWith(`${r.dir}/`)));
  const at = inGenerated ?? error.positions[0];
  return { root: root.name, path: entry.path, message: named(error.message), ...(at === undefined ? {} : { at: named(at) }) };
}
