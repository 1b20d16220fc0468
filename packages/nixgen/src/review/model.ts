// The homelab as a reviewer reads it: where each machine runs and with what, which ports it opens,
// what it mounts, which services it runs behind which routes, and who can decrypt each secret. One
// plain-JSON value, derived from the validated config, feeds INVENTORY.md, `.review.json` and `nixgen diff`.
import { createHash } from "node:crypto";
import { effectiveValue, enabledServices, findOption, resolveProfile, type HomelabConfig, type Machine, type ServiceModule } from "@homelab/schema";
import { isOptionGroup, keyKind, reachableKeyNames } from "@homelab/schema/internal";
import { listed, noItems } from "../empty-list.js";

/** The path shown for a node of a directory mapping created outside the config. */
export const unmanagedPath = "(created outside this config)";

export interface ReviewModel {
  readonly machines: Readonly<Record<string, ReviewMachine>>;
  readonly storage: ReviewStorage;
  readonly secrets: Readonly<Record<string, ReviewSecret>>;
  /** Key name → a short digest of its public key(s): a changed key means re-encrypting what it reads. */
  readonly keys: Readonly<Record<string, string>>;
}

export interface ReviewMachine {
  readonly kind: Machine["kind"];
  readonly hostname: string;
  readonly description?: string;
  /** Proxmox placement; absent on bare metal. */
  readonly guest?: ReviewGuest;
  readonly profile?: string;
  readonly ports: Ports;
  readonly services: Readonly<Record<string, ReviewService>>;
  readonly mounts: readonly ReviewMount[];
  readonly secrets: readonly string[];
}

export interface ReviewGuest {
  readonly node: string;
  readonly vmid: number;
  readonly cores: number;
  readonly memory: number;
  readonly disk: string;
  readonly storage: string;
  /** `dhcp` or the static address with its prefix length. */
  readonly address: string;
  readonly mac?: string;
}

export interface Ports {
  readonly tcp: readonly number[];
  readonly udp: readonly number[];
}

export interface ReviewService {
  readonly ports: Ports;
  /** The reverse-proxy route the module adds: `grafana.example.net → localhost:3001`. */
  readonly route?: { readonly domain: string; readonly port: string };
}

/** Something mounted into a machine: a virtiofs share, a bind mount or an NFS export. */
export interface ReviewMount {
  readonly via: "virtiofs" | "bind" | "nfs";
  /** The mapping id, the host path, or `server:/export`. */
  readonly source: string;
  /** Where the machine sees it; absent for a virtiofs share the guest does not mount itself. */
  readonly target?: string;
  readonly readOnly?: boolean;
}

export interface ReviewStorage {
  readonly datasets: readonly { readonly name: string; readonly node: string; readonly mountpoint: string }[];
  /** Mapping id → node → host path. */
  readonly mappings: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface ReviewSecret {
  /** The encrypted file, relative to the output directory. */
  readonly file: string;
  readonly owner: string;
  readonly group: string;
  readonly mode: string;
  /** Users and hosts whose keys it is encrypted to, groups expanded, sorted. */
  readonly readers: readonly string[];
  /** Machines that decrypt it. */
  readonly usedBy: readonly string[];
}

// Two files show the model (.review.json and INVENTORY.md, rendered one after the other): the first
// computes it and leaves it here, the second takes it away, so it is built once and not kept.
const unclaimed = new WeakMap<HomelabConfig, ReviewModel>();

/** `reviewModel(config)`, computed once for the pair of files that show it. */
export function sharedReviewModel(config: HomelabConfig): ReviewModel {
  const left = unclaimed.get(config);
  if (left !== undefined) {
    unclaimed.delete(config);
    return left;
  }
  const model = reviewModel(config);
  unclaimed.set(config, model);
  return model;
}

export function reviewModel(config: HomelabConfig): ReviewModel {
  // One pass over the machines, not one per secret: bench homelabs have thousands of both.
  const usedBy = new Map<string, string[]>();
  for (const [machineName, machine] of sortedEntries(config.machines)) {
    for (const secret of Object.keys(machine.secrets)) {
      const users = usedBy.get(secret);
      if (users === undefined) usedBy.set(secret, [machineName]);
      else users.push(machineName);
    }
  }
  return {
    machines: Object.fromEntries(sortedEntries(config.machines).map(([name, machine]) => [name, reviewMachine(config, machine)])),
    storage: {
      datasets: config.storage.datasets.map(({ name, node, mountpoint }) => ({ name, node, mountpoint })),
      mappings: Object.fromEntries(
        sortedEntries(config.storage.mappings).map(([id, mapping]) => [
          id,
          // A mapping made elsewhere has nodes but no path this config knows.
          mapping.managed ? sortedObject(mapping.paths) : Object.fromEntries(mapping.nodes.map((node) => [node, unmanagedPath])),
        ]),
      ),
    },
    secrets: Object.fromEntries(
      sortedEntries(config.secrets).map(([name, secret]) => [
        name,
        {
          file: `secrets/${secret.file ?? `${name}.age`}`,
          owner: secret.owner,
          group: secret.group,
          mode: secret.mode,
          readers: readers(config, secret.recipients),
          usedBy: usedBy.get(name) ?? [],
        },
      ]),
    ),
    keys: Object.fromEntries(
      [...sortedEntries(config.keys.users), ...sortedEntries(config.keys.hosts)].map(([name, key]) => [name, digest([key].flat())]),
    ),
  };
}

function reviewMachine(config: HomelabConfig, machine: Machine): ReviewMachine {
  const services = Object.fromEntries(
    enabledServices(machine)
      .sort(([a], [b]) => compare(a, b))
      .flatMap(([name, overrides]) => {
        const module = config.modules[name];
        return module === undefined ? [] : [[name, reviewService(module, overrides)]];
      }),
  );
  const ownPorts = machinePorts(config, machine);
  const servicePorts = Object.values(services).map((service) => service.ports);
  return {
    kind: machine.kind,
    hostname: machine.hostname,
    ...(machine.description === undefined ? {} : { description: machine.description }),
    ...(machine.kind === "metal" ? {} : { guest: reviewGuest(machine) }),
    ...(machine.profile === undefined ? {} : { profile: machine.profile }),
    ports: portLists(
      [ownPorts.tcp, ...servicePorts.map((ports) => ports.tcp)].flat(),
      [ownPorts.udp, ...servicePorts.map((ports) => ports.udp)].flat(),
    ),
    services,
    mounts: listed(mounts(machine)),
    secrets: listed(Object.keys(machine.secrets).sort(compare)),
  };
}

function reviewGuest(machine: Exclude<Machine, { kind: "metal" }>): ReviewGuest {
  const { proxmox } = machine;
  const { ip, mac } = proxmox.network;
  return {
    node: proxmox.node,
    vmid: proxmox.vmid,
    cores: proxmox.cores,
    memory: proxmox.memory,
    disk: proxmox.disk,
    storage: proxmox.storage,
    address: ip === "dhcp" ? "dhcp" : ip.address,
    ...(mac === undefined ? {} : { mac }),
  };
}

/**
 * The machine's own ports: SSH (22) and its `firewall` lists, or, for a machine built from a profile,
 * the profile's allowed ports (the profile then owns SSH and the firewall, as in machine-config.ts).
 */
function machinePorts(config: HomelabConfig, machine: Machine): Ports {
  if (machine.profile === undefined) return { tcp: [22, ...machine.firewall.tcp], udp: machine.firewall.udp };
  const settings = resolveProfile(config.profiles, machine.profile).systemSettings;
  return {
    tcp: [...listedPorts(settings["allowedTCPPorts"]), ...machine.firewall.tcp],
    udp: [...listedPorts(settings["allowedUDPPorts"]), ...machine.firewall.udp],
  };
}

/** A profile's port list after resolution: numbers, or `{ items, comment }` groups of them. */
function listedPorts(list: unknown): number[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    if (typeof entry === "number") return [entry];
    if (typeof entry === "object" && entry !== null && "items" in entry && Array.isArray(entry.items)) {
      return entry.items.filter((item: unknown): item is number => typeof item === "number");
    }
    return [];
  });
}

function reviewService(module: ServiceModule, overrides: Readonly<Record<string, unknown>>): ReviewService {
  const value = (option: string): unknown => {
    const path = option.split(".");
    const spec = findOption(module.options, path);
    if (spec === undefined || isOptionGroup(spec)) return undefined;
    return effectiveValue(overrides, { path, spec })?.value;
  };
  const ports = (refs: readonly (number | string)[] | undefined): number[] =>
    (refs ?? []).flatMap((ref) => {
      const port = typeof ref === "number" ? ref : value(ref);
      return typeof port === "number" ? [port] : [];
    });
  const domain = module.route === undefined ? undefined : value(module.route.domain);
  const port = module.route === undefined ? undefined : value(module.route.port);
  return {
    ports: portLists(ports(module.firewall?.tcp), ports(module.firewall?.udp)),
    // A value set by a Nix expression is only known to Nix: shown as "(computed)".
    ...(module.route === undefined ? {} : { route: { domain: plain(domain), port: plain(port) } }),
  };
}

function mounts(machine: Machine): ReviewMount[] {
  const guestMounts: ReviewMount[] =
    machine.kind === "vm"
      ? machine.proxmox.virtiofs.map((share) => ({
          via: "virtiofs",
          source: share.mapping,
          ...(share.mountPoint === undefined ? {} : { target: share.mountPoint }),
        }))
      : machine.kind === "lxc"
        ? machine.proxmox.bindMounts.map((mount) => ({
            via: "bind",
            source: mount.host,
            target: mount.container,
            ...(mount.readOnly ? { readOnly: true } : {}),
          }))
        : [];
  const nfs: ReviewMount[] = machine.nfs.mounts.map((mount) => ({
    via: "nfs",
    source: `${mount.server}:${mount.export}`,
    target: mount.mountPoint,
  }));
  return guestMounts.concat(nfs);
}

/** Users and hosts a secret is encrypted to: groups stand for their members. */
function readers(config: HomelabConfig, recipients: readonly string[]): string[] {
  return reachableKeyNames(config.keys, recipients)
    .filter((name) => keyKind(config.keys, name) !== "group")
    .sort(compare);
}

function plain(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "(computed)";
}

function digest(keys: readonly string[]): string {
  return createHash("sha256").update(keys.join("\n")).digest("hex").slice(0, 12);
}

// Most of a model's lists are empty (10,000 bench machines: 63,000 of 88,000, and 18,000 of 22,000
// services open no port): one shared empty list, and one shared pair of them, rather than an array each.
const noPorts: Ports = Object.freeze({ tcp: noItems, udp: noItems });

/** Each list sorted, each port once. */
function portLists(tcp: readonly number[], udp: readonly number[]): Ports {
  return tcp.length === 0 && udp.length === 0 ? noPorts : { tcp: sortedPorts(tcp), udp: sortedPorts(udp) };
}

function sortedPorts(ports: readonly number[]): readonly number[] {
  return listed([...new Set(ports)].sort((a, b) => a - b));
}

function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => compare(a, b));
}

function sortedObject<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(sortedEntries(record));
}

/** Code-unit order: the same on every machine, whatever its locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
