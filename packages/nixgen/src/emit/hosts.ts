// hosts.nix: the inventory of every machine, read by the flake, SSH tooling and the OpenTofu setup that
// creates the VMs (it reads virtiofs shares here, as `proxmox.virtiofs`). Shared key lists are
// `let` bindings referenced by name, as in the real file; names starting with `_` hold metadata.
// What the model has no field for (an imported hosts.nix's sshAlias, homeFile, …) comes from the
// `inventory` pass-through of the machine and of the config (see inventory.ts).
// The OpenTofu consumer reads `_proxmox.{host,node,templateVmid,defaultStorage}` and, per entry with a
// `proxmox` block that is not `readonly`, a VM: so LXC containers are marked `readonly`, and VM disks
// are written in the one unit it parses (`<int>G`). See checks/opentofu.ts in @homelab/schema.
import { attrs, bind, concat, data, id, letIn, list, path, printFile, type BindingNode, type NixExpr, type NixValue } from "@homelab/nix";
import { keyKind, managedMappings, openTofuHost, openTofuNode, PASSTHROUGH } from "@homelab/schema/internal";
import { resolveProfile, wholeGiB, type HomelabConfig, type Keys, type Machine, type VmMachine } from "@homelab/schema";
import { headerLines } from "./header.js";
import { hostsPath, machineConfigPath } from "./output-layout.js";
import { omittedIn, withInventory } from "./inventory.js";
import { resolveKeys } from "./keys.js";
import type { Emitter } from "./types.js";

export const emitHosts: Emitter = (ctx) =>
  Object.keys(ctx.config.machines).length === 0
    ? []
    : [{ path: hostsPath, kind: "hosts", render: () => printFile(hostsExpr(ctx.config), { header: headerLines(ctx) }) }];

/**
 * ```nix
 * let
 *   masterKeys = [ "ssh-ed25519 AAAA… admin@laptop" ];
 * in
 * {
 *   _proxmox = { nodes = { prom = { address = "root@192.168.1.12"; }; }; mappings = { … }; };
 *   doc2 = {
 *     configurationFile = ./machines/doc2/default.nix;
 *     hostname = "doc2";
 *     …
 *     authorizedKeys = masterKeys;
 *     proxmox = { node = "prom"; vmid = 104; …; virtiofs = [ { mapping = "containers"; } ]; };
 *   };
 * }
 * ```
 */
export function hostsExpr(config: HomelabConfig): NixExpr {
  const machines = Object.entries(config.machines);
  const body = attrs([
    ...withInventory(proxmoxMetadata(config), config.inventory?.metadata, config.inventory?.omit),
    ...machines.map(([name, machine]) => bind(name, hostEntry(config, name, machine))),
  ]);
  const used = new Set(
    machines.flatMap(([, machine]) => keyEntries(machine)).filter((key) => keyKind(config.keys, key) === "group"),
  );
  const groups = Object.entries(config.keys.groups).filter(([name]) => used.has(name));
  return groups.length === 0
    ? body
    : letIn(
        groups.map(([name, members]) => bind(name, list(resolveKeys(config.keys, members)))),
        body,
      );
}

/** The user a machine is administered as: its first admin, else its first user. */
function primaryUser(machine: Machine): string | undefined {
  const users = Object.entries(machine.users);
  return (users.find(([, user]) => user.admin) ?? users[0])?.[0];
}

/** The primary user, or for a profile-built machine its profile's `username`. */
export function loginUser(config: HomelabConfig, machine: Machine): string | undefined {
  const user = primaryUser(machine);
  if (user !== undefined || machine.profile === undefined) return user;
  const username = resolveProfile(config.profiles, machine.profile).userSettings["username"];
  return typeof username === "string" ? username : undefined;
}

function keyEntries(machine: Machine): readonly string[] {
  const user = primaryUser(machine);
  return user === undefined ? [] : (machine.users[user]?.authorizedKeys ?? []);
}

function hostEntry(config: HomelabConfig, name: string, machine: Machine): NixExpr {
  const user = loginUser(config, machine);
  const keys = keyEntries(machine);
  const entry: Record<string, NixValue> = {
    configurationFile: path(`./${machineConfigPath(name)}`),
    hostname: machine.hostname,
    system: machine.system,
    kind: machine.kind,
  };
  if (user !== undefined) entry["user"] = user;
  if (keys.length > 0) entry["authorizedKeys"] = authorizedKeys(config.keys, keys);
  const proxmox = machine.kind === "metal" ? undefined : proxmoxEntry(machine);
  if (proxmox !== undefined) entry["proxmox"] = proxmox.value;
  // Most entries are plain data, which the printer writes without a node per value; an entry with a
  // comment on its proxmox block or an inventory pass-through is built binding by binding.
  if (proxmox?.comment === undefined && machine.inventory === undefined) return data(entry);
  const bindings = Object.entries(entry).map(([key, value]) =>
    key === "proxmox" && proxmox?.comment !== undefined ? bind(key, value, { comment: proxmox.comment }) : bind(key, value),
  );
  return attrs(withInventory(bindings, machine.inventory?.attrs, omittedIn(machine.inventory?.omit ?? [])));
}

/** Groups by name (`masterKeys`), everything else as literal keys: `masterKeys ++ [ "ssh-ed25519 …" ]`. */
function authorizedKeys(keys: Keys, entries: readonly string[]): NixExpr {
  const segments: NixExpr[] = [];
  let literals: string[] = [];
  for (const entry of entries) {
    if (keyKind(keys, entry) !== "group") {
      literals.push(...resolveKeys(keys, [entry]));
      continue;
    }
    if (literals.length > 0) segments.push(list(literals));
    literals = [];
    segments.push(id(entry));
  }
  if (literals.length > 0) segments.push(list(literals));
  const [first = list([]), ...rest] = segments;
  return rest.reduce<NixExpr>((acc, segment) => concat(acc, segment), first);
}

/** A guest's `proxmox` block, and the comment above it. */
function proxmoxEntry(machine: Exclude<Machine, { kind: "metal" }>): { value: NixValue; comment: string | undefined } {
  const { proxmox } = machine;
  const block: Record<string, NixValue | undefined> = {
    node: proxmox.node,
    vmid: proxmox.vmid,
    cores: proxmox.cores,
    memory: proxmox.memory,
    disk: machine.kind === "vm" ? consumerDisk(proxmox.disk) : proxmox.disk,
    storage: proxmox.storage,
    onBoot: proxmox.onBoot,
    tags: proxmox.tags,
  };
  if (machine.kind === "lxc") {
    block["readonly"] = true;
    return {
      value: withProxmoxInventory(machine, block),
      comment: "An LXC container (proxmox/): readonly, so that OpenTofu does not create it as a VM",
    };
  }
  const { machine: machineType, diskInterface, cloneFromTemplate, readonly, description } = machine.proxmox;
  const attached = machine.proxmox.passthrough.filter((device) => !device.deferred).map((device) => device.id);
  const deferred = machine.proxmox.passthrough.filter((device) => device.deferred);
  Object.assign(block, {
    bios: machine.proxmox.bios,
    cpuType: machine.proxmox.cpuType,
    sockets: machine.proxmox.sockets,
    machine: machineType,
    diskInterface,
    extraDisks: machine.proxmox.extraDisks.length === 0 ? undefined : machine.proxmox.extraDisks.map((disk) => ({ ...disk })),
    network: isDefaultNetwork(machine.proxmox.network) ? undefined : networkAttrs(machine.proxmox.network),
    extraNetworks: machine.proxmox.extraNetworks.length === 0 ? undefined : machine.proxmox.extraNetworks.map(networkAttrs),
    cloneFromTemplate,
    readonly,
    description,
    agent: machine.proxmox.agent ? undefined : false,
    passthrough: attached.length === 0 ? undefined : attached,
    virtiofs: machine.proxmox.virtiofs.length === 0 ? undefined : machine.proxmox.virtiofs.map(virtiofsShare),
  });
  // Deferred devices are planned, not attached: OpenTofu must not see them, the reader should.
  const comment = deferred.map(
    (device) => `PCI passthrough ${device.id} deferred${device.note === undefined ? "" : `: ${device.note}`}`,
  );
  return { value: withProxmoxInventory(machine, block), comment: comment.length === 0 ? undefined : comment.join("\n") };
}

/** The block as plain data (printed without a node per value), or with the machine's `inventory.proxmox` laid over it. */
function withProxmoxInventory(machine: Exclude<Machine, { kind: "metal" }>, block: Record<string, NixValue | undefined>): NixValue {
  if (machine.inventory === undefined) return data(block);
  const bindings = Object.entries(block).flatMap(([key, value]) => (value === undefined ? [] : [bind(key, value)]));
  return attrs(withInventory(bindings, machine.inventory.proxmox, omittedIn(machine.inventory.omit ?? [], "proxmox")));
}

type Network = VmMachine["proxmox"]["network"];

/** A VM's net0 is written when it says more than the default (vmbr0, DHCP). */
function isDefaultNetwork(network: Network): boolean {
  const { bridge, ip, ...rest } = network;
  return bridge === "vmbr0" && ip === "dhcp" && Object.values(rest).every((value) => value === undefined);
}

/** `{ bridge = "vmbr1"; ip = { address = "…/24"; gateway = "…"; }; mac = "BC:24:11:…"; }`, only the fields set. */
function networkAttrs(network: Network): NixValue {
  return {
    bridge: network.bridge,
    ip: network.ip === "dhcp" ? "dhcp" : { ...network.ip },
    mac: network.mac,
    model: network.model,
    firewall: network.firewall,
    vlan: network.vlan,
  };
}

/** A binding for a field the consumer defaults when it is absent. */
function optional(name: string, value: string | number | boolean | undefined): BindingNode[] {
  return value === undefined ? [] : [bind(name, value)];
}

/** `1T` → `"1024G"`: the consumer parses `<int>G` only (checks/opentofu.ts refuses other VM sizes). */
function consumerDisk(disk: string): string {
  const gib = disk === PASSTHROUGH ? undefined : wholeGiB(disk);
  return gib === undefined ? disk : `${gib}G`;
}

/** `{ mapping = "containers"; cache = "always"; }`: optional fields only when set, named as the OpenTofu provider names them. */
function virtiofsShare(share: VmMachine["proxmox"]["virtiofs"][number]): NixValue {
  return {
    mapping: share.mapping,
    cache: share.cache,
    direct_io: share.directIo,
    expose_acl: share.exposeAcl,
    expose_xattr: share.exposeXattr,
  };
}

/**
 * `_proxmox`: where OpenTofu creates the VMs (its API address, node, template, default storage),
 * then the nodes and directory mappings, for tooling that reads the inventory.
 */
function proxmoxMetadata(config: HomelabConfig): BindingNode[] {
  const nodes = Object.entries(config.proxmox.nodes);
  // Only the paths this config knows; a mapping created elsewhere has none to tell.
  const mappings = managedMappings(config.storage.mappings);
  const storages = Object.entries(config.storage.storages);
  const hasVms = Object.values(config.machines).some((machine) => machine.kind === "vm");
  const target =
    hasVms || nodes.length > 0
      ? [
          ...optional("host", openTofuHost(config)),
          ...optional("node", openTofuNode(config)),
          ...optional("templateVmid", config.proxmox.templateVmid),
          bind("defaultStorage", config.proxmox.defaultStorage),
        ]
      : [];
  const entries = [
    ...target,
    ...(nodes.length === 0
      ? []
      : [
          bind(
            "nodes",
            attrs(
              nodes.map(([name, node]) =>
                bind(name, attrs({ address: node.address, maintenance: node.maintenance ? true : undefined })),
              ),
            ),
          ),
        ]),
    ...(mappings.length === 0
      ? []
      : [bind("mappings", attrs(mappings.map(([name, mapping]) => bind(name, attrs(mapping.paths)))))]),
    ...(storages.length === 0
      ? []
      : [
          bind(
            "storages",
            attrs(storages.map(([id, storage]) => bind(id, attrs({ type: storage.type, ...storage.options })))),
          ),
        ]),
  ];
  return entries.length === 0 ? [] : [bind("_proxmox", attrs(entries))];
}
