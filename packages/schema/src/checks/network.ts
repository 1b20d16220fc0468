// Network and size facts about a Proxmox guest that parse but cannot work: a gateway the guest cannot
// reach on its subnet, an address that is the subnet's own network or broadcast address, a multicast
// MAC address, and more cores than Proxmox allows (pve-container src/PVE/LXC/Config.pm: cores ≤ 8192;
// PVE::JSONSchema's MAC check: unicast, the first octet's lowest bit clear).
import { issue, type Issue } from "../issue.js";
import type { Machine } from "../machine.js";
import type { Check } from "./check-helpers.js";

const maxCores = 8192;

export const checkGuestNetwork: Check = (config) =>
  Object.entries(config.machines).flatMap(([name, machine]) => (machine.kind === "metal" ? [] : networkIssues(name, machine)));

export const checkCores: Check = (config) =>
  Object.entries(config.machines).flatMap(([name, machine]) =>
    machine.kind !== "metal" && machine.proxmox.cores > maxCores
      ? [issue("proxmox-cores", ["machines", name, "proxmox", "cores"], `${machine.proxmox.cores} cores: Proxmox allows at most ${maxCores}`)]
      : [],
  );

function networkIssues(name: string, machine: Exclude<Machine, { kind: "metal" }>): Issue[] {
  const { ip, mac } = machine.proxmox.network;
  const at = ["machines", name, "proxmox", "network"];
  const found: Issue[] = [];
  // The second hex digit odd: the group bit of the first octet (IEEE 802), which a NIC may not carry.
  if (mac !== undefined && (parseInt(mac.slice(0, 2), 16) & 1) === 1) {
    found.push(issue("mac-multicast", [...at, "mac"], `MAC address ${mac} is a multicast address (second hex digit odd); a NIC needs a unicast one such as ${unicast(mac)}`));
  }
  if (ip === "dhcp") return found;
  const [address = "", prefix = "32"] = ip.address.split("/");
  const bits = Number(prefix);
  const host = toNumber(address);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const network = (host & mask) >>> 0;
  const broadcast = (network | ~mask) >>> 0;
  const subnet = `${fromNumber(network)}/${bits}`;
  // /31 (RFC 3021) and /32 have no network or broadcast address to avoid.
  if (bits <= 30 && host === network) {
    found.push(issue("ip-network-address", [...at, "ip", "address"], `${address} is the network address of ${subnet}, not a host in it`));
  } else if (bits <= 30 && host === broadcast) {
    found.push(issue("ip-broadcast-address", [...at, "ip", "address"], `${address} is the broadcast address of ${subnet}, not a host in it`));
  }
  const gateway = toNumber(ip.gateway);
  if (gateway === host) {
    found.push(issue("gateway-is-address", [...at, "ip", "gateway"], `gateway ${ip.gateway} is the guest's own address; it must be another host on ${subnet}, e.g. the router`));
  } else if (((gateway & mask) >>> 0) !== network) {
    found.push(issue("gateway-outside-subnet", [...at, "ip", "gateway"], `gateway ${ip.gateway} is outside the guest's subnet ${subnet} (from address ${ip.address}), so it cannot be reached`));
  }
  return found;
}

function toNumber(address: string): number {
  return address.split(".").reduce((n, octet) => ((n << 8) | Number(octet)) >>> 0, 0);
}

function fromNumber(n: number): string {
  return [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join(".");
}

/** The same address with the group bit cleared, as a suggestion. */
function unicast(mac: string): string {
  const first = (parseInt(mac.slice(0, 2), 16) & 0xfe).toString(16).padStart(2, "0");
  return `${mac.slice(0, 2) === mac.slice(0, 2).toUpperCase() ? first.toUpperCase() : first}${mac.slice(2)}`;
}
