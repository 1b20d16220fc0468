// `generate()` for every target, all or none: every config is checked (and, with --eval, every target's
// files evaluated) before anything is written; then each output directory is brought up to date, or,
// with --check / --dry-run, only told what would change. `nixgen gen` and `nixgen check` run it.
import { isFileKind } from "../emit/output-layout.js";
import type { EmittedFile } from "../emit/types.js";
import { generate, type GenerateResult } from "../generate.js";
import { renderFile } from "../emit/index.js";
import { InvalidConfigError, type Plan } from "../plan.js";
import { changeReport, issueReport, errorLine, summaryLine, paint, type Mode } from "../run-report.js";
import { rekeySection } from "../review/summary.js";
import { AllOrNone, Stopped } from "./all-or-none.js";
import type { ExitCode, Io } from "./command.js";
import { evaluateTargets, syncTargetSnapshots, type EvalFlags } from "./gen-eval.js";
import { resolveTargets, type Target, type TargetFlags } from "./targets.js";
import { withConfig } from "./with-config.js";

export async function generateTargets(flags: TargetFlags & EvalFlags, io: Io, mode: Mode): Promise<ExitCode> {
  const targets = await resolveTargets(flags, io.cwd);
  const turns = new AllOrNone(targets.length);
  const plans: [Target, Plan][] = [];
  let evaluated: ReturnType<typeof evaluateTargets> | undefined;
  let invalid = 0;
  let missing = 0;
  let stale = false;

  const run = async (target: Target, i: number): Promise<void> => {
    await turns.start(i);
    let ok = false;
    let absentOnly = false;
    let started = 0;
    const report: string[] = [];
    try {
      // Not an async arrow: an awaiting frame would keep its `config` (the raw value, as big again as the
      // validated one) alive until the last file is written; this one ends once `generate` has validated it.
      const result = await withConfig(target, io, (config) =>
        generate({
          config,
          out: target.out,
          cwd: io.cwd,
          source: target.config,
          check: mode === "check",
          dryRun: mode === "dry-run",
          onChange: (change) => {
            if (mode !== "write") report.push(changeReport(io.out, target.out, [change], mode));
          },
          beforeSync: async (planned) => {
            if (planned.warnings.length > 0) io.err.write(issueReport(io.err, target.config, planned.warnings));
            if (flags.eval === true) plans.push([target, { ...planned, files: planned.files.filter(isNix).map(renderFile) }]);
            await turns.gate(i);
            if (flags.eval === true && (await (evaluated ??= evaluateTargets(plans, flags, io))) === undefined) throw new Stopped();
            started = performance.now();
          },
        }).catch((error: unknown) => {
          if (error instanceof InvalidConfigError && error.issues.every((found) => found.code === "missing-user-file")) {
            absentOnly = true;
            missing += error.issues.length;
          }
          throw error;
        }),
      );
      if (result === undefined) {
        if (!absentOnly) invalid += 1;
      } else {
        stale = reportTarget(target, result, report, mode, io, performance.now() - started) || stale;
        const values = (await evaluated)?.get(target.out);
        if (values !== undefined) stale = (await syncTargetSnapshots(target, values, io, mode)) || stale;
        ok = true;
      }
    } catch (error) {
      if (!(error instanceof Stopped)) throw error;
    } finally {
      turns.done(i, ok);
    }
  };
  const runs = await Promise.allSettled(targets.map(run));
  const failure = runs.find((outcome) => outcome.status === "rejected");
  if (failure !== undefined) throw failure.reason;

  if (invalid > 0) io.err.write(errorLine(io.err, `${invalid} invalid ${invalid === 1 ? "config" : "configs"}: nothing was written`));
  if (missing > 0) io.err.write(errorLine(io.err, `${missing} missing user ${missing === 1 ? "file" : "files"}: nothing was written`));
  if (invalid > 0 || missing > 0 || (evaluated !== undefined && (await evaluated) === undefined)) return 1;
  if (mode === "check" && stale) {
    io.err.write(errorLine(io.err, "generated files are out of date: run `nixgen gen` (in this repository: `pnpm gen`)"));
    return 1;
  }
  return 0;
}

/** Prints one target's re-encryption notice, changes and summary line; true when anything was (or would be) changed. */
function reportTarget(target: Target, result: GenerateResult, report: readonly string[], mode: Mode, io: Io, ms: number): boolean {
  if (mode !== "check") io.out.write(rekeySection(target.out, result.rekeys));
  io.out.write(report.join(""));
  io.out.write(`${paint(io.out, "bold", `${target.out}:`)} ${summaryLine(result.changes, mode, ms)}\n`);
  return !result.upToDate;
}

/** Nix files are what `--eval` evaluates (before they are written). */
const isNix = (file: EmittedFile): boolean => isFileKind(file.kind);
