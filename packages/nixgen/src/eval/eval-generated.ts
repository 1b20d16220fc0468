// `nixgen eval` as one call: evaluate every generated Nix file under a directory in one Nix process,
// then compare what each evaluates to with its `.eval/` snapshot, or (`update`) rewrite the snapshots.
import type { FileChange } from "../write/diff-tree.js";
import { evaluateRoots, type EvalOptions, type EvalRoot, type Evaluation } from "./evaluate-roots.js";
import { findOutputDirs, syncSnapshots } from "./snapshots.js";

export interface EvalCheckOptions extends EvalOptions {
  /** Directory that `dir` and the names in reports are relative to (default: the current one). */
  readonly cwd?: string;
  /** Rewrite the snapshots instead of comparing them. */
  readonly update?: boolean;
}

export interface EvalCheck extends Evaluation {
  readonly roots: readonly EvalRoot[];
  /** Snapshot changes per output directory; directories with a failing file are left alone. */
  readonly snapshots: ReadonlyMap<string, readonly FileChange[]>;
  /** Every file evaluated and, unless updating, every snapshot matched. */
  readonly ok: boolean;
}

export class NoOutputError extends Error {
  override readonly name = "NoOutputError";
}

export async function evalGenerated(dir: string, options: EvalCheckOptions = {}): Promise<EvalCheck> {
  const cwd = options.cwd ?? process.cwd();
  const roots = await findOutputDirs(dir, cwd);
  if (roots.length === 0) throw new NoOutputError(`${dir}: no generated output here (no .nixgen-manifest.json in it or its subdirectories)`);
  const evaluation = await evaluateRoots(roots, options);
  const snapshots = new Map<string, FileChange[]>();
  for (const root of roots) {
    if (evaluation.failures.some((f) => f.root === root.name)) continue;
    snapshots.set(root.name, await syncSnapshots(root.dir, evaluation.values.get(root.name) ?? new Map(), { write: options.update === true }));
  }
  const drift = options.update !== true && [...snapshots.values()].some((changes) => changes.some((c) => c.kind !== "unchanged"));
  return { ...evaluation, roots, snapshots, ok: evaluation.failures.length === 0 && !drift };
}
