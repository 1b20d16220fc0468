// Names that must be unique across the homelab: Proxmox vmids (one namespace for containers and VMs),
// host names, static IP addresses and MAC addresses.
import type { ValuePath } from "@homelab/nix";
import type { HomelabConfig } from "../config.js";
import { issue, type Issue, type IssueCode } from "../issue.js";
import type { Check } from "./check-helpers.js";

interface Claim {
  readonly value: string;
  readonly path: ValuePath;
}

export const checkVmids: Check = (config) =>
  duplicates(config, "duplicate-vmid", "vmid", (name, machine) =>
    machine.kind === "metal"
      ? []
      : [{ value: String(machine.proxmox.vmid), path: ["machines", name, "proxmox", "vmid"] }],
  );

export const checkHostnames: Check = (config) =>
  duplicates(config, "duplicate-hostname", "hostname", (name, machine) => [
    { value: machine.hostname, path: ["machines", name, "hostname"] },
  ]);

export const checkStaticIps: Check = (config) =>
  duplicates(config, "duplicate-ip", "IP address", (name, machine) => {
    if (machine.kind === "metal" || machine.proxmox.network.ip === "dhcp") return [];
    const host = machine.proxmox.network.ip.address.split("/")[0] as string;
    return [{ value: host, path: ["machines", name, "proxmox", "network", "ip", "address"] }];
  });

export const checkMacs: Check = (config) =>
  duplicates(config, "duplicate-mac", "MAC address", (name, machine) =>
    machine.kind === "metal" || machine.proxmox.network.mac === undefined
      ? []
      : [{ value: machine.proxmox.network.mac.toUpperCase(), path: ["machines", name, "proxmox", "network", "mac"] }],
  );

/** Every claim after the first on a value is reported, naming the machine that claimed it first. */
function duplicates(
  config: HomelabConfig,
  code: IssueCode,
  what: string,
  claims: (name: string, machine: HomelabConfig["machines"][string]) => Claim[],
): Issue[] {
  const first = new Map<string, string>();
  const found: Issue[] = [];
  for (const [name, machine] of Object.entries(config.machines)) {
    for (const claim of claims(name, machine)) {
      const owner = first.get(claim.value);
      if (owner === undefined) first.set(claim.value, name);
      else found.push(issue(code, claim.path, `${what} ${claim.value} is already used by machine ${owner}`));
    }
  }
  return found;
}
