// `nixgen validate`: the schema and the semantic checks, nothing generated or written.
import { validateConfig } from "@homelab/schema";
import { InvalidConfigError } from "../../plan.js";
import { errorLine, issueReport } from "../../run-report.js";
import { defineCommand } from "../command.js";
import { configFlags, resolveTargets } from "../targets.js";
import { withConfig } from "../with-config.js";

export const validate = defineCommand({
  name: "validate",
  summary: "Check a config against the schema and the semantic rules; write nothing",
  flags: configFlags,
  async run(flags, io) {
    let failed = 0;
    for (const target of await resolveTargets(flags, io.cwd)) {
      const config = await withConfig(target, io, (input) => {
        const validation = validateConfig(input);
        if (!validation.ok) throw new InvalidConfigError(validation.issues);
        return validation;
      });
      if (config === undefined) {
        failed += 1;
        continue;
      }
      if (config.issues.length > 0) io.err.write(issueReport(io.err, target.config, config.issues));
      const machines = Object.keys(config.config.machines).length;
      const warnings = config.issues.length;
      io.out.write(
        `${target.config}: valid, ${machines} ${machines === 1 ? "machine" : "machines"}` +
          `${warnings > 0 ? `, ${warnings} ${warnings === 1 ? "warning" : "warnings"}` : ""}\n`,
      );
    }
    if (failed > 0) io.err.write(errorLine(io.err, `${failed} invalid ${failed === 1 ? "config" : "configs"}`));
    return failed > 0 ? 1 : 0;
  },
});
