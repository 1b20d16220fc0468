// Load one target's config and run a step on it. A bad config is the user's to fix, not a crash: its
// findings are printed under the file name and the caller gets `undefined`; anything else is a bug and throws.
import { NixValueError } from "@homelab/nix";
import { loadConfig, ConfigLoadError } from "../config/load.js";
import { InvalidConfigError } from "../plan.js";
import { errorLine, issueReport } from "../run-report.js";
import type { Io } from "./command.js";
import type { Target } from "./targets.js";

export async function withConfig<T>(target: Target, io: Io, step: (input: unknown) => T | Promise<T>): Promise<T | undefined> {
  try {
    return await step(await loadConfig(target.config, { cwd: io.cwd }));
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      io.err.write(issueReport(io.err, target.config, error.issues));
    } else if (error instanceof ConfigLoadError) {
      io.err.write(errorLine(io.err, error.message));
    } else if (error instanceof NixValueError) {
      // A value the schema let through but Nix cannot hold (e.g. an integer beyond 64 bits).
      io.err.write(errorLine(io.err, `${target.config}: ${error.message}`));
    } else {
      throw error;
    }
    return undefined;
  }
}
