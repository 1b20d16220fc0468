// Ports services listen on: every `port`-typed option of every service a machine runs, at its
// effective value (the machine's override, else the default). Two services on one port collide.
import { issue, type Issue } from "../issue.js";
import type { OptionType } from "../module.js";
import { effectiveValue, enabledServices, optionEntries, type OptionEntry } from "../option-walk.js";
import type { Check } from "./check.js";

export const checkServicePorts: Check = (config) =>
  Object.entries(config.machines).flatMap(([machineName, machine]) => {
    const taken = new Map<number, string>();
    const found: Issue[] = [];
    for (const [name, overrides] of enabledServices(machine)) {
      const module = config.modules[name];
      if (module === undefined) continue;
      const entries = optionEntries(module.options);
      for (const entry of entries.filter((e) => isPortType(e.spec.type) && !inDisabledGroup(entries, e, overrides))) {
        const given = effectiveValue(overrides, entry)?.value;
        // Anything else is an expression, null, or out of range (which the option-type check reports).
        if (typeof given !== "number" && typeof given !== "bigint") continue;
        const value = Number(given);
        if (!Number.isInteger(value) || value < 0 || value > 65535) continue;
        const option = `${name}.${entry.path.join(".")}`;
        const at = ["machines", machineName, "services", name, ...entry.path];
        if (value === 0) {
          found.push(
            issue("port-range", at, `${option} is port 0, which lets the kernel pick any port: must be 1–65535`),
          );
          continue;
        }
        const holder = taken.get(value);
        if (holder === undefined) taken.set(value, option);
        else found.push(issue("port-conflict", at, `${option} and ${holder} both use port ${value}`));
      }
    }
    return found;
  });

function isPortType(type: OptionType): boolean {
  return type === "port" || (typeof type === "object" && "nullOr" in type && type.nullOr === "port");
}

/** A port inside an option group whose own `enable` comes to false is not listened on. */
function inDisabledGroup(
  entries: readonly OptionEntry[],
  entry: OptionEntry,
  overrides: Readonly<Record<string, unknown>>,
): boolean {
  return entry.path.slice(0, -1).some((_, depth) => {
    const group = entry.path.slice(0, depth + 1).join(".");
    const enable = entries.find((e) => e.path.join(".") === `${group}.enable`);
    return enable !== undefined && effectiveValue(overrides, enable)?.value === false;
  });
}
