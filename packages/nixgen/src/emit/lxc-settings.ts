// One LXC container's Proxmox settings as the values `/etc/pve/lxc/<vmid>.conf` and `pct` take, shared by
// the config file, the create script and the runbook so that all three say the same thing.
// Reference: pct(1); property strings are built by ../text/property-string.ts, which refuses what
// Proxmox cannot read back.
import type { HomelabConfig, LxcMachine } from "@homelab/schema";
import { listed } from "../empty-list.js";
import { propertyString } from "../text/property-string.js";
import { encodeProxmoxText } from "../text/proxmox-text.js";
import { nodeLabel } from "./proxmox-nodes.js";
import { rememberedPerName } from "./remembered.js";

export interface LxcSettings {
  readonly name: string;
  readonly vmid: number;
  readonly node: string;
  /** `pve (root@192.168.1.10)` */
  readonly nodeLabel: string;
  readonly template: string;
  readonly hostname: string;
  readonly arch: "amd64" | "arm64";
  readonly cores: number;
  readonly memory: number;
  /** Swap in MB; undefined leaves Proxmox's default (512). */
  readonly swap: number | undefined;
  /** `#Media server` lines: the machine's description as Proxmox stores a container's notes. */
  readonly notes: readonly string[];
  /** `media;nixos`, or undefined without tags. */
  readonly tags: string | undefined;
  /** `local-lvm:32`: a new volume of that many GiB on that storage. */
  readonly rootfs: string;
  /** `name=eth0,bridge=vmbr0,ip=dhcp` */
  readonly net0: string;
  /** net1, net2, …: `{ key: "net1", value: "name=eth1,bridge=vmbr1,ip=dhcp" }` */
  readonly extraNets: readonly { readonly key: string; readonly value: string }[];
  /** `nesting=1,keyctl=1,fuse=1`, or undefined when no feature is on. */
  readonly features: string | undefined;
  readonly unprivileged: 0 | 1;
  /** Start with the node; Proxmox's default is not to. */
  readonly onboot: boolean;
  readonly mounts: readonly MountPoint[];
  readonly raw: readonly string[];
  /** Further keys as `key: value` lines (`proxmox.extra`). */
  readonly extra: readonly string[];
}

export interface MountPoint {
  /** `mp0` */
  readonly key: string;
  /** `/mnt/pve/DATA_4TB,mp=/mnt/DATA_4TB,ro=1` */
  readonly value: string;
  /** Path inside the container, for the runbook's checks. */
  readonly container: string;
  readonly comment: string | undefined;
}

/**
 * Container `name`'s settings: its files and the runbook each ask, so they are worked out once, and kept
 * from MIGRATION.md to the container's own files; their empty lists are one shared list.
 */
export const lxcSettings: (config: HomelabConfig, name: string) => LxcSettings = rememberedPerName((config, name) => {
  const machine = config.machines[name];
  if (machine?.kind !== "lxc") throw new Error(`lxcSettings: ${name} is not an LXC container`);
  return containerSettings(config, name, machine);
});

function containerSettings(config: HomelabConfig, name: string, machine: LxcMachine): LxcSettings {
  const { proxmox } = machine;
  const field = `machines.${name}.proxmox`;
  return {
    name,
    vmid: proxmox.vmid,
    node: proxmox.node,
    nodeLabel: nodeLabel(config, proxmox.node),
    template: proxmox.template,
    hostname: machine.hostname,
    arch: machine.system === "aarch64-linux" ? "arm64" : "amd64",
    cores: proxmox.cores,
    memory: proxmox.memory,
    swap: proxmox.swap,
    notes: listed(notes(machine.description)),
    tags: proxmox.tags === undefined || proxmox.tags.length === 0 ? undefined : proxmox.tags.join(";"),
    rootfs: `${storageId(proxmox.storage, `${field}.storage`)}:${gibibytes(proxmox.disk)}`,
    net0: netN(proxmox.network, 0, `${field}.network`),
    extraNets: listed(
      proxmox.extraNetworks.map((network, i) => ({
        key: `net${i + 1}`,
        value: netN(network, i + 1, `${field}.extraNetworks[${i}]`),
      })),
    ),
    features: features(proxmox.features),
    unprivileged: proxmox.privileged ? 0 : 1,
    onboot: proxmox.onBoot === true,
    mounts: listed([
      ...proxmox.bindMounts.map((mount, i) => ({
        key: `mp${i}`,
        value: propertyString([
          { key: undefined, value: mount.host, field: `${field}.bindMounts[${i}].host` },
          { key: "mp", value: mount.container, field: `${field}.bindMounts[${i}].container` },
          ...(mount.readOnly ? [{ key: "ro", value: 1, field: `${field}.bindMounts[${i}].readOnly` }] : []),
        ]),
        container: mount.container,
        comment: mount.comment,
      })),
      ...volumeMounts(proxmox, field),
    ]),
    raw: proxmox.raw,
    extra: listed(Object.entries(proxmox.extra).map(([key, value]) => `${key}: ${value}`)),
  };
}

/** Proxmox sizes are binary (`parse_size` in pve-common); `--rootfs` takes GiB, fractions allowed. */
export function gibibytes(size: string): string {
  const match = /^([0-9]+(?:\.[0-9]+)?)([KMGT]?)$/.exec(size);
  if (match === null) throw new Error(`${size} is not a Proxmox size (the schema checks this)`);
  const exponent = { "": -3, K: -2, M: -1, G: 0, T: 1 }[match[2] as "" | "K" | "M" | "G" | "T"];
  const value = Number(match[1]) * 1024 ** exponent;
  return Number.isInteger(value) ? String(value) : value.toFixed(9).replace(/0+$/, "");
}

/** `local-lvm`: the storage part of `local-lvm:32`; the schema's Proxmox id format keeps `:` out of it. */
function storageId(storage: string, field: string): string {
  return propertyString([{ key: undefined, value: storage, field }]);
}

/** Volumes are numbered after the bind mounts: `mp2: local-lvm:16,mp=/srv/data,backup=1` (a new volume of 16 GiB). */
function volumeMounts(proxmox: LxcMachine["proxmox"], field: string): MountPoint[] {
  return proxmox.volumes.map((volume, i) => ({
    key: `mp${proxmox.bindMounts.length + i}`,
    value: propertyString([
      {
        key: undefined,
        value: `${storageId(volume.storage, `${field}.volumes[${i}].storage`)}:${gibibytes(volume.size)}`,
        field: `${field}.volumes[${i}]`,
      },
      { key: "mp", value: volume.container, field: `${field}.volumes[${i}].container` },
      ...(volume.readOnly ? [{ key: "ro", value: 1, field: `${field}.volumes[${i}].readOnly` }] : []),
      ...(volume.backup === undefined
        ? []
        : [{ key: "backup", value: volume.backup ? 1 : 0, field: `${field}.volumes[${i}].backup` }]),
    ]),
    container: volume.container,
    comment: undefined,
  }));
}

/** Each line `#` + encode_text (pve-container write_pct_config); trailing spaces as %20, which decode_text reads back. */
function notes(description: string | undefined): string[] {
  if (description === undefined) return [];
  return description
    .split("\n")
    .map((line) => `#${encodeProxmoxText(line).replace(/ +$/, (spaces) => "%20".repeat(spaces.length))}`);
}

function netN(network: LxcMachine["proxmox"]["network"], index: number, field: string): string {
  const ip =
    network.ip === "dhcp"
      ? [{ key: "ip", value: "dhcp", field: `${field}.ip` }]
      : [
          { key: "ip", value: network.ip.address, field: `${field}.ip.address` },
          { key: "gw", value: network.ip.gateway, field: `${field}.ip.gateway` },
        ];
  return propertyString([
    { key: "name", value: network.name ?? `eth${index}`, field: `${field}.name` },
    { key: "bridge", value: network.bridge, field: `${field}.bridge` },
    ...ip,
    ...(network.mac === undefined ? [] : [{ key: "hwaddr", value: network.mac, field: `${field}.mac` }]),
    ...(network.firewall === true ? [{ key: "firewall", value: 1, field: `${field}.firewall` }] : []),
    ...(network.vlan === undefined ? [] : [{ key: "tag", value: network.vlan, field: `${field}.vlan` }]),
  ]);
}

/** In the order pct(1) lists them; `mount` takes `;`-separated file system types. */
function features(wanted: LxcMachine["proxmox"]["features"]): string | undefined {
  const on = [
    ...(wanted.nesting ? ["nesting=1"] : []),
    ...(wanted.keyctl ? ["keyctl=1"] : []),
    ...(wanted.fuse ? ["fuse=1"] : []),
    ...(wanted.mknod ? ["mknod=1"] : []),
    ...(wanted.mount.length > 0 ? [`mount=${wanted.mount.join(";")}`] : []),
  ];
  return on.length === 0 ? undefined : on.join(",");
}
