// Ports services listen on: every `port`-typed option of every service a machine runs, at its
// effective value (the machine's override, else the default). Two services on one port collide.
// Ports opened in the firewall: by each module a machine runs (numbers, or its port options at their
// effective values) and by the machine itself; a port opened by two of them is one port for two services.
import type { ValuePath } from "@homelab/nix";
import { issue, type Issue } from "../issue.js";
import type { Machine } from "../machine.js";
import { isOptionGroup, type OptionType, type ServiceModule } from "../module.js";
import { effectiveValue, enabledServices, findOption, optionEntries, type OptionEntry } from "../option-walk.js";
import type { Check } from "./check-helpers.js";

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

interface FirewallClaim {
  readonly port: number;
  /** The module that opens it; undefined for the machine's own firewall list. */
  readonly module: string | undefined;
  /** `web.port` when the port comes from an option (which checkServicePorts compares already). */
  readonly option: string | undefined;
  readonly path: ValuePath;
}

export const checkFirewallPorts: Check = (config) =>
  Object.entries(config.machines).flatMap(([machineName, machine]) =>
    (["tcp", "udp"] as const).flatMap((protocol) => {
      const first = new Map<number, FirewallClaim>();
      return firewallClaims(config.modules, machineName, machine, protocol).flatMap((claim): Issue[] => {
        const earlier = first.get(claim.port);
        if (earlier === undefined) {
          first.set(claim.port, claim);
          return [];
        }
        // One module listing a port twice is redundant, not a clash; two port options are port-conflict's.
        if (earlier.module === claim.module || (earlier.option !== undefined && claim.option !== undefined)) return [];
        const by = (c: FirewallClaim): string => (c.module === undefined ? "the machine's firewall" : `module ${c.module}${c.option === undefined ? "" : ` (${c.option})`}`);
        return [issue("firewall-port-conflict", claim.path, `${protocol} port ${claim.port} is opened by ${by(earlier)} and by ${by(claim)}: two services cannot share it`)];
      });
    }),
  );

/** Every port the machine's modules and then the machine itself open, in that order. */
function firewallClaims(
  modules: Readonly<Record<string, ServiceModule>>,
  machineName: string,
  machine: Machine,
  protocol: "tcp" | "udp",
): FirewallClaim[] {
  const fromModules = enabledServices(machine).flatMap(([name, overrides]) =>
    (modules[name]?.firewall?.[protocol] ?? []).flatMap((entry): FirewallClaim[] => {
      const service: ValuePath = ["machines", machineName, "services", name];
      if (typeof entry === "number") return [{ port: entry, module: name, option: undefined, path: service }];
      const path = entry.split(".");
      const spec = findOption(modules[name]?.options ?? {}, path);
      if (spec === undefined || isOptionGroup(spec)) return []; // module-option-ref reports it
      const value = effectiveValue(overrides, { path, spec })?.value;
      return typeof value === "number" || typeof value === "bigint"
        ? [{ port: Number(value), module: name, option: `${name}.${entry}`, path: [...service, ...path] }]
        : [];
    }),
  );
  const fromMachine = machine.firewall[protocol].map((port, i): FirewallClaim => ({
    port,
    module: undefined,
    option: undefined,
    path: ["machines", machineName, "firewall", protocol, i],
  }));
  return [...fromModules, ...fromMachine];
}
