// `nixgen check`: `gen --check` under its own name, for CI.
import { defineCommand } from "../command.js";
import { evalFlags } from "../gen-eval.js";
import { configFlags, outFlag } from "../targets.js";
import { generateTargets } from "../generate-targets.js";

export const check = defineCommand({
  name: "check",
  summary: "Exit 1 with a diff of every stale, missing or orphan file; write nothing (gen --check)",
  flags: { ...configFlags, ...outFlag, ...evalFlags },
  async run(flags, io) {
    return generateTargets(flags, io, "check");
  },
});
