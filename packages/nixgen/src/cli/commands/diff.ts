// `nixgen diff [BASE]`: what the homelab described by the config now changes, in meaning, against the
// one generated at a git revision: each output directory's .review.json there is compared with the
// review model of its config (so neither needs regenerating first), and the result is Markdown or JSON.
import { posix, relative, resolve, sep } from "node:path";
import { validateConfig } from "@homelab/schema";
import { reviewJsonPath } from "../../emit/review-json.js";
import { InvalidConfigError } from "../../plan.js";
import { errorLine } from "../../run-report.js";
import { diffModels, emptyModel } from "../../review/model-diff.js";
import { defaultBase, fileAtRevision, GitError, resolveRevision } from "../../review/git.js";
import { reviewModel, type ReviewModel } from "../../review/model.js";
import { rekeyList } from "../../review/rekey.js";
import { targetSummary, type TargetSummary } from "../../review/summary.js";
import { UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import { configFlags, outFlag, resolveTargets } from "../targets.js";
import { withConfig } from "../with-config.js";

export const diffCommand = defineCommand({
  name: "diff",
  summary: "Summarise what the config changes in the homelab since a git revision (Markdown, or --json)",
  args: "[BASE]",
  flags: {
    ...configFlags,
    ...outFlag,
    json: { type: "boolean", description: "Print the changes as JSON, for bots" },
  },
  details: [
    "BASE defaults to the merge base of HEAD with main (or master), else HEAD: the committed output.",
    "The <out>/.review.json committed at BASE is compared with the config's homelab: machines added,",
    "removed or moved, resources, ports, mounts, services, routes and secret readers. Secrets whose",
    "readers changed are listed with the agenix command that re-encrypts them.",
  ].join("\n"),
  async run(flags, io, args) {
    if (args.length > 1) throw new UsageError(`expected at most one revision, got ${args.length}`);
    let base: string;
    try {
      base = await resolveRevision(io.cwd, args[0] ?? (await defaultBase(io.cwd)));
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      io.err.write(errorLine(io.err, error.message));
      return 1;
    }
    const summaries: (TargetSummary & { readonly baseline: boolean })[] = [];
    let failed = 0;
    for (const target of await resolveTargets(flags, io.cwd)) {
      const now = await withConfig(target, io, (input) => {
        const validation = validateConfig(input);
        if (!validation.ok) throw new InvalidConfigError(validation.issues);
        return reviewModel(validation.config);
      });
      if (now === undefined) {
        failed += 1;
        continue;
      }
      // Relative to the current directory, as git reads `REV:./path`, even for an absolute --out.
      const out = relative(io.cwd, resolve(io.cwd, target.out)).split(sep).join("/");
      const committed = await fileAtRevision(io.cwd, base, posix.join(out, reviewJsonPath));
      const before: ReviewModel = committed === undefined ? emptyModel : (JSON.parse(committed) as ReviewModel);
      summaries.push({ out: target.out, changes: diffModels(before, now), rekey: rekeyList(before, now), baseline: committed !== undefined });
    }
    if (failed > 0) {
      io.err.write(errorLine(io.err, `${failed} invalid ${failed === 1 ? "config" : "configs"}`));
      return 1;
    }
    if (flags.json === true) {
      io.out.write(JSON.stringify({ base, targets: summaries }, null, 2) + "\n");
      return 0;
    }
    summaries.forEach((summary, index) => {
      if (index > 0) io.out.write("\n");
      if (!summary.baseline) io.out.write(`${summary.out}/${reviewJsonPath} did not exist at ${base}: everything shows as added.\n\n`);
      io.out.write(targetSummary(summary, base));
    });
    return 0;
  },
});
