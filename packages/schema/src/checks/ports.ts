// Ports services listen on: every `port`-typed option of every service a machine runs, at its
// effective value (the machine's override, else the default). Two services on one port collide.
// Ports opened in the firewall: by each module a machine runs (numbers, or its port options at their
// effective values) and by the machine itself; a port opened by two of them is one port for two services.
import type { ValuePath } from "@homelab/nix";
import { issue, type Issue } from "../issue.js";
import type { Machine } from "../machine.js";
import { isOptionGroup, type OptionTree, type OptionType, type ServiceModule } from "../module.js";
import { effectiveValue, enabledServices, findOption, optionEntries, type OptionEntry } from "../option-walk.js";
import type { Check } from "./check-helpers.js";

export const checkServicePorts: Check = (config) => {
  // Which options are ports, and in which groups, is the module's: worked out once, not per machine.
  const portsOf = new Map(Object.entries(config.modules).map(([name, module]) => [name, portOptions(name, module.options)]));
  return Object.entries(config.machines).flatMap(([machineName, machine]) => {
    const taken = new Map<number, string>();
    const found: Issue[] = [];
    for (const [name, overrides] of enabledServices(machine)) {
      for (const port of portsOf.get(name) ?? []) {
        if (port.groupEnables.some((enable) => effectiveValue(overrides, enable)?.value === false)) continue;
        const given = effectiveValue(overrides, port.entry)?.value;
        // Anything else is an expression, null, or out of range (which the option-type check reports).
        if (typeof given !== "number" && typeof given !== "bigint") continue;
        const value = Number(given);
        if (!Number.isInteger(value) || value < 0 || value > 65535) continue;
        const at = (): ValuePath => ["machines", machineName, "services", name, ...port.entry.path];
        if (value === 0) {
          found.push(
            issue("port-range", at(), `${port.option} is port 0, which lets the kernel pick any port: must be 1–65535`),
          );
          continue;
        }
        const holder = taken.get(value);
        if (holder === undefined) taken.set(value, port.option);
        else found.push(issue("port-conflict", at(), `${port.option} and ${holder} both use port ${value}`));
      }
    }
    return found;
  });
};

/** A port-typed option of a module: `web.metrics.port`, and the `enable` options of the groups it is in. */
interface PortOption {
  readonly entry: OptionEntry;
  readonly option: string;
  /** A port inside an option group whose own `enable` comes to false is not listened on. */
  readonly groupEnables: readonly OptionEntry[];
}

function portOptions(module: string, tree: OptionTree): PortOption[] {
  const entries = optionEntries(tree);
  const byPath = new Map<string, OptionEntry>();
  for (const entry of entries) if (!byPath.has(entry.path.join("."))) byPath.set(entry.path.join("."), entry);
  return entries
    .filter((entry) => isPortType(entry.spec.type))
    .map((entry) => ({
      entry,
      option: `${module}.${entry.path.join(".")}`,
      groupEnables: entry.path
        .slice(0, -1)
        .flatMap((_, depth) => byPath.get(`${entry.path.slice(0, depth + 1).join(".")}.enable`) ?? []),
    }));
}

function isPortType(type: OptionType): boolean {
  return type === "port" || (typeof type === "object" && "nullOr" in type && type.nullOr === "port");
}

interface FirewallClaim {
  readonly port: number;
  /** The module that opens it; undefined for the machine's own firewall list. */
  readonly module: string | undefined;
  /** `web.port` when the port comes from an option (which checkServicePorts compares already). */
  readonly option: string | undefined;
  readonly path: ValuePath;
}

const protocols = ["tcp", "udp"] as const;
type Protocol = (typeof protocols)[number];

export const checkFirewallPorts: Check = (config) => {
  const modules = Object.entries(config.modules);
  const openersOf = {
    tcp: new Map(modules.map(([name, module]) => [name, openers(name, module, "tcp")])),
    udp: new Map(modules.map(([name, module]) => [name, openers(name, module, "udp")])),
  };
  return Object.entries(config.machines).flatMap(([machineName, machine]) => {
    const services = enabledServices(machine);
    return protocols.flatMap((protocol) => {
      const first = new Map<number, FirewallClaim>();
      return firewallClaims(openersOf[protocol], services, machineName, machine, protocol).flatMap((claim): Issue[] => {
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
    });
  });
};

/** An entry of a module's firewall list: a port, or a port option of the module read on each machine. */
type Opener = { readonly port: number } | { readonly entry: OptionEntry; readonly option: string };

function openers(name: string, module: ServiceModule, protocol: Protocol): Opener[] {
  return (module.firewall?.[protocol] ?? []).flatMap((entry): Opener[] => {
    if (typeof entry === "number") return [{ port: entry }];
    const path = entry.split(".");
    const spec = findOption(module.options, path);
    if (spec === undefined || isOptionGroup(spec)) return []; // module-option-ref reports it
    return [{ entry: { path, spec }, option: `${name}.${entry}` }];
  });
}

/** Every port the machine's modules and then the machine itself open, in that order. */
function firewallClaims(
  openersOf: ReadonlyMap<string, readonly Opener[]>,
  services: readonly (readonly [name: string, overrides: Readonly<Record<string, unknown>>])[],
  machineName: string,
  machine: Machine,
  protocol: Protocol,
): FirewallClaim[] {
  const fromModules = services.flatMap(([name, overrides]) =>
    (openersOf.get(name) ?? []).flatMap((opener): FirewallClaim[] => {
      const service: ValuePath = ["machines", machineName, "services", name];
      if ("port" in opener) return [{ port: opener.port, module: name, option: undefined, path: service }];
      const value = effectiveValue(overrides, opener.entry)?.value;
      return typeof value === "number" || typeof value === "bigint"
        ? [{ port: Number(value), module: name, option: opener.option, path: [...service, ...opener.entry.path] }]
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
