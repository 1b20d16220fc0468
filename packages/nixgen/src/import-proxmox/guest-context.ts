// What the guest mappers share: where they report (an IssueLog entry per /etc/pve file, at the
// config key), and the reading of values every guest has (volumes, networks, tags).
import type { MachineInput } from "@homelab/schema";
import type { IssueLog } from "../import/issues.js";
import type { GuestConfig } from "./parse-guest-config.js";
import {
  parseProxmoxBoolean,
  parsePropertyString,
  PropertyStringError,
  type Properties,
} from "./parse-property-string.js";

export interface GuestContext {
  /** The file as shown in messages: `nodes/pve1/lxc/101.conf`. */
  readonly file: string;
  readonly log: IssueLog;
}

type Network = NonNullable<Extract<MachineInput, { kind: "lxc" }>["proxmox"]["network"]>;

/** A property string, or undefined (and an error-free warning) where Proxmox itself would refuse it. */
export function properties(ctx: GuestContext, key: string, value: string, defaultKey?: string): Properties | undefined {
  try {
    return parsePropertyString(value, defaultKey);
  } catch (error) {
    if (!(error instanceof PropertyStringError)) throw error;
    ctx.log.add(ctx.file, "unreadable", [key], `${key}: ${error.message}; not imported`);
    return undefined;
  }
}

/** Says which parts of a property string the model has no field for (they are not imported). */
export function lostParts(ctx: GuestContext, key: string, parts: Properties, known: readonly string[]): void {
  const lost = [...parts.keys()].filter((part) => !known.includes(part));
  if (lost.length > 0)
    ctx.log.add(
      ctx.file,
      "lost",
      [key],
      `${key}: ${lost.map((p) => `${p}=`).join(", ")} not imported (the model has no field for ${lost.length === 1 ? "it" : "them"})`,
    );
}

/** `local-lvm:vm-101-disk-0` → `local-lvm`; undefined for a path or a volume without a storage. */
export function storageOf(volume: string): string | undefined {
  const match = /^([a-z][a-z0-9._-]*[a-z0-9]):/i.exec(volume);
  return match === null ? undefined : match[1];
}

/** pve-common's pve-tag-list: tags separated by `;`, `,` or white space. */
export function tags(value: string | undefined): string[] {
  return (value ?? "").split(/[;,\s]+/).filter((tag) => tag !== "");
}

/** `1` → `1`, `4096` → `4096`; a number Proxmox wrote, or undefined (with a warning) for anything else. */
export function integer(ctx: GuestContext, key: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^[0-9]+$/.test(value)) return Number(value);
  ctx.log.add(ctx.file, "unreadable", [key], `${key}: "${value}" is not a whole number; not imported`);
  return undefined;
}

export interface NetworkParts {
  readonly bridge?: string | undefined;
  readonly mac?: string | undefined;
  readonly name?: string | undefined;
  readonly model?: string | undefined;
  readonly firewall?: string | undefined;
  readonly tag?: string | undefined;
  /** `dhcp`, `192.168.1.20/24`, or undefined where none is given (the model's default is dhcp). */
  readonly ip?: string | undefined;
  readonly gateway?: string | undefined;
}

/** A network interface of the model from the parts of a netN (and, for VMs, its ipconfigN). */
export function network(ctx: GuestContext, key: string, parts: NetworkParts): Network {
  if (parts.bridge === undefined)
    ctx.log.add(ctx.file, "defaulted", [key], `${key} has no bridge; the config says vmbr0 (check it)`);
  const vlan = integer(ctx, key, parts.tag);
  // A static address without a gateway is kept as it is: the model needs a gateway, and `validate`
  // then names exactly that field.
  const ip =
    parts.ip === undefined || parts.ip === "dhcp"
      ? {}
      : { ip: { address: parts.ip, gateway: parts.gateway } as { address: string; gateway: string } };
  return {
    ...(parts.bridge === undefined ? {} : { bridge: parts.bridge }),
    ...ip,
    ...(parts.mac === undefined ? {} : { mac: parts.mac }),
    ...(parts.name === undefined ? {} : { name: parts.name }),
    ...(parts.model === undefined ? {} : { model: parts.model as Network["model"] }),
    ...(parseProxmoxBoolean(parts.firewall) === true ? { firewall: true } : {}),
    ...(vlan === undefined ? {} : { vlan }),
  };
}

/** `mp0`, `mp1`, … present in the config, in number order. */
export function slots(conf: GuestConfig, prefix: string): string[] {
  const pattern = new RegExp(`^${prefix}([0-9]+)$`);
  return [...conf.values.keys()]
    .filter((key) => pattern.test(key))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
}
