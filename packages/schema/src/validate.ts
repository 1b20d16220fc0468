// Parse, then check the whole config: every finding at once, errors and warnings alike.
import { runChecks } from "./checks/index.js";
import { homelabConfig, type HomelabConfig } from "./config.js";
import { hasErrors, type Issue } from "./issue.js";
import { withAuthoredSettingsOrder } from "./settings-order.js";
import { fromZod } from "./zod-issues.js";

export type Validation =
  | { readonly ok: true; readonly config: HomelabConfig; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export function validateConfig(input: unknown): Validation {
  // zod 4 compiles a parser per object schema (`new Function`) on its first parse. A config parses its
  // object schemas a handful of times to a few thousand, and the compiling cost more than it saved at
  // every size we measured: 10 machines 42 → 20 ms, 1,000 machines 147 → 129 ms (bench/synth.mjs configs).
  const parsed = homelabConfig.safeParse(input, { jitless: true });
  if (!parsed.success)
    return { ok: false, issues: parsed.error.issues.flatMap((found) => fromZod(found, homelabConfig, input)) };
  const config = withAuthoredSettingsOrder(parsed.data, input);
  const issues = runChecks(config);
  return hasErrors(issues) ? { ok: false, issues } : { ok: true, config, issues };
}
