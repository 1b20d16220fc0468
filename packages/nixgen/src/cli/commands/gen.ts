// `nixgen gen`: plan every target first (a bad config stops the run before anything is written), then
// bring each output directory up to date, or, with --check / --dry-run, only say what would change.
import { resolve } from "node:path";
import { plan, type Plan } from "../../plan.js";
import { changeReport, issueReport, errorLine, summaryLine, paint, type Mode } from "../../run-report.js";
import { syncOutput } from "../../write/sync.js";
import { missingUserFileIssues, missingUserFiles } from "../../write/user-files-on-disk.js";
import { UsageError } from "../args.js";
import { defineCommand, type ExitCode, type Io } from "../command.js";
import { rekeyNotice } from "../rekey-notice.js";
import { evalFlags, evaluateTargets, syncTargetSnapshots, type EvalFlags } from "../gen-eval.js";
import { configFlags, outFlag, resolveTargets, type Target, type TargetFlags } from "../targets.js";
import { withConfig } from "../with-config.js";

export const gen = defineCommand({
  name: "gen",
  summary: "Generate the files of a homelab config into an output directory",
  flags: {
    ...configFlags,
    ...outFlag,
    check: { type: "boolean", description: "Write nothing; list stale, missing and orphan files with diffs; exit 1 if any" },
    "dry-run": { type: "boolean", short: "n", description: "Write nothing; list the files that would change" },
    ...evalFlags,
  },
  details: [
    "Only files whose content changed are rewritten, each atomically. The output directory's",
    ".nixgen-manifest.json lists what nixgen generated there: a file the config no longer produces",
    "is removed if it is listed, and files nixgen did not generate are never touched.",
    "Files the config needs but you write (hardware configurations, imported modules, the profile",
    "system's configuration.nix, .age secrets) must exist in the output directory: each missing one is",
    "named with how to create it, and nothing is written (`nixgen scaffold` writes starters).",
  ].join("\n"),
  async run(flags, io) {
    if (flags.check === true && flags["dry-run"] === true) throw new UsageError("--check and --dry-run exclude each other");
    return generateTargets(flags, io, flags.check === true ? "check" : flags["dry-run"] === true ? "dry-run" : "write");
  },
});

export async function generateTargets(flags: TargetFlags & EvalFlags, io: Io, mode: Mode): Promise<ExitCode> {
  const targets = await resolveTargets(flags, io.cwd);
  const plans: [Target, Plan][] = [];
  for (const target of targets) {
    const planned = await withConfig(target, io, (input) => plan(input, { source: target.config }));
    if (planned === undefined) continue;
    if (planned.warnings.length > 0) io.err.write(issueReport(io.err, target.config, planned.warnings));
    plans.push([target, planned]);
  }
  const failed = targets.length - plans.length;
  if (failed > 0) {
    io.err.write(errorLine(io.err, `${failed} invalid ${failed === 1 ? "config" : "configs"}: nothing was written`));
    return 1;
  }
  let missing = 0;
  for (const [target, { userFiles }] of plans) {
    const absent = await missingUserFiles(resolve(io.cwd, target.out), userFiles);
    if (absent.length > 0) io.err.write(issueReport(io.err, target.config, missingUserFileIssues(target.out, absent)));
    missing += absent.length;
  }
  if (missing > 0) {
    io.err.write(errorLine(io.err, `${missing} missing user ${missing === 1 ? "file" : "files"}: nothing was written`));
    return 1;
  }
  const evaluated = flags.eval === true ? await evaluateTargets(plans, flags, io) : undefined;
  if (flags.eval === true && evaluated === undefined) return 1;
  let stale = false;
  for (const [target, { files }] of plans) {
    const started = performance.now();
    if (mode !== "check") io.out.write(await rekeyNotice(target.out, resolve(io.cwd, target.out), files));
    const changes = await syncOutput(resolve(io.cwd, target.out), files, { write: mode === "write" });
    stale ||= changes.some((change) => change.kind !== "unchanged");
    if (mode !== "write") io.out.write(changeReport(io.out, target.out, changes, mode));
    io.out.write(`${paint(io.out, "bold", `${target.out}:`)} ${summaryLine(changes, mode, performance.now() - started)}\n`);
    const values = evaluated?.get(target.out);
    if (values !== undefined) stale = (await syncTargetSnapshots(target, values, io, mode)) || stale;
  }
  if (mode === "check" && stale) {
    io.err.write(errorLine(io.err, "generated files are out of date: run `nixgen gen` (in this repository: `pnpm gen`)"));
    return 1;
  }
  return 0;
}
