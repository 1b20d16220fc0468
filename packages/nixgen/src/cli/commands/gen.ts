// `nixgen gen`: the command's flags and help; what it does for each target is generate-targets.ts,
// which `nixgen check` shares.
import { UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import { evalFlags } from "../gen-eval.js";
import { generateTargets } from "../generate-targets.js";
import { configFlags, outFlag } from "../targets.js";

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
