// `gen --eval` / `check --eval`: the planned Nix files of every target evaluated in one Nix process,
// their `.eval/` snapshots synced (or compared) next to the files. Kept out of gen.ts so the
// command reads as before: plan, eval, sync.
import { resolve } from "node:path";
import { evaluatePlanned } from "../eval/planned.js";
import { driftReport, failureReport } from "../eval/eval-report.js";
import { snapshotDir, syncSnapshots } from "../eval/snapshots.js";
import type { Plan } from "../plan.js";
import { changeReport, errorLine, paint, summaryLine, type Mode } from "../run-report.js";
import type { Flags, Io } from "./command.js";
import { evalEnvironmentError, libChoice, libFlag } from "./commands/eval.js";
import type { Target } from "./targets.js";

export const evalFlags = {
  eval: {
    type: "boolean",
    description: "Also evaluate every generated Nix file and keep its meaning in .eval/ (compared with --check)",
  },
  ...libFlag,
} as const satisfies Flags;

export interface EvalFlags {
  readonly eval?: boolean | undefined;
  readonly lib?: string | undefined;
}

/** What each target's Nix files evaluate to, or undefined (reported) when a file fails to evaluate. */
export async function evaluateTargets(
  plans: readonly (readonly [Target, Plan])[],
  flags: EvalFlags,
  io: Io,
): Promise<ReadonlyMap<string, ReadonlyMap<string, unknown>> | undefined> {
  const lib = libChoice(flags.lib);
  let evaluation;
  try {
    evaluation = await evaluatePlanned(
      plans.map(([target, { files, userFiles }]) => ({
        name: target.out,
        files,
        dir: resolve(io.cwd, target.out),
        userFiles: userFiles.map((file) => file.path).filter((path) => !path.startsWith("../")),
      })),
      { lib },
    );
  } catch (error) {
    evalEnvironmentError(io, error);
    return undefined;
  }
  for (const failure of evaluation.failures) io.err.write(failureReport(io.err, failure));
  if (evaluation.failures.length > 0) {
    io.err.write(errorLine(io.err, `${evaluation.failures.length} generated files failed to evaluate: nothing was written`));
    return undefined;
  }
  return evaluation.values;
}

/** Syncs one target's `.eval/`; true when a snapshot was (or, in check mode, would be) changed. */
export async function syncTargetSnapshots(target: Target, values: ReadonlyMap<string, unknown>, io: Io, mode: Mode): Promise<boolean> {
  const started = performance.now();
  const changes = await syncSnapshots(resolve(io.cwd, target.out), values, { write: mode === "write" });
  const out = `${target.out}/${snapshotDir}`;
  if (mode !== "write") io.out.write(changeReport(io.out, out, changes, mode));
  if (mode === "check") io.err.write(driftReport(io.err, target.out, changes));
  io.out.write(`${paint(io.out, "bold", `${out}:`)} ${summaryLine(changes, mode, performance.now() - started)}\n`);
  return changes.some((change) => change.kind !== "unchanged");
}
