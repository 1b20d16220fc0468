// One container config (pct.conf(5)) onto the model's `kind: "lxc"` machine. Key formats from
// pve-container src/PVE/LXC/Config.pm: rootfs/mpN ($rootfs_desc, $mp_desc: default key `volume`),
// netN ($netconf_desc: name, bridge, hwaddr, ip, gw, firewall, tag, type, …), features
// ($features_desc), and the top-level keys of $confdesc.
import type { MachineInput } from "@homelab/schema";
import type { GuestConfig } from "./parse-guest-config.js";
import { integer, lostParts, network, properties, slots, storageOf, tags, type GuestContext } from "./guest-context.js";
import { parseProxmoxBoolean } from "./parse-property-string.js";
import { passThrough } from "./pass-through.js";

type Lxc = Extract<MachineInput, { kind: "lxc" }>;

const arches: Record<string, "x86_64-linux" | "aarch64-linux"> = { amd64: "x86_64-linux", arm64: "aarch64-linux" };

/** Keys the mapping below reads; everything else goes through `extra` (or is refused as a secret). */
const mapped = /^(arch|cores|memory|swap|hostname|rootfs|mp[0-9]+|net[0-9]+|onboot|tags|unprivileged|features)$/;

export function mapLxc(ctx: GuestContext, node: string, vmid: number, conf: GuestConfig): Lxc {
  const get = (key: string): string | undefined => conf.values.get(key);
  const arch = get("arch") ?? "amd64";
  const system = arches[arch];
  if (system === undefined)
    ctx.log.add(ctx.file, "lost", ["arch"], `arch: ${arch} has no Nix system in the model; not imported`);
  const hostname = get("hostname");
  if (hostname === undefined)
    ctx.log.add(ctx.file, "defaulted", ["hostname"], `no hostname; Proxmox calls it CT${vmid}, the config ct${vmid}`);
  else if (hostname !== hostname.toLowerCase())
    ctx.log.add(
      ctx.file,
      "defaulted",
      ["hostname"],
      `hostname ${hostname} is written in lower case, as DNS compares it`,
    );
  const cores = integer(ctx, "cores", get("cores"));
  if (cores === undefined)
    ctx.log.add(
      ctx.file,
      "must-tell",
      ["cores"],
      "no cores: the container may use every core of its node; the model needs a number",
    );
  const root = rootfs(ctx, get("rootfs"));
  const swap = integer(ctx, "swap", get("swap"));
  const onBoot = parseProxmoxBoolean(get("onboot"));
  const guestTags = tags(get("tags"));
  const mounts = mountPoints(ctx, conf);
  const [first, ...rest] = networks(ctx, conf);
  const features = get("features") === undefined ? undefined : mapFeatures(ctx, get("features") as string);
  const extra = passThrough(ctx, conf.values, mapped);
  return {
    kind: "lxc",
    hostname: (hostname ?? `ct${vmid}`).toLowerCase(),
    ...(system === undefined || system === "x86_64-linux" ? {} : { system }),
    ...(conf.description === undefined ? {} : { description: conf.description }),
    proxmox: {
      node,
      vmid,
      ...(cores === undefined ? {} : { cores }),
      memory: integer(ctx, "memory", get("memory")) ?? 512,
      ...(swap === undefined ? {} : { swap }),
      ...root,
      ...(first === undefined ? {} : { network: first }),
      ...(rest.length === 0 ? {} : { extraNetworks: rest }),
      ...(onBoot === undefined ? {} : { onBoot }),
      ...(guestTags.length === 0 ? {} : { tags: guestTags }),
      privileged: parseProxmoxBoolean(get("unprivileged")) !== true,
      ...(features === undefined ? {} : { features }),
      ...(mounts.bindMounts.length === 0 ? {} : { bindMounts: mounts.bindMounts }),
      ...(mounts.volumes.length === 0 ? {} : { volumes: mounts.volumes }),
      ...(conf.lxc.length === 0
        ? {}
        : { raw: conf.lxc.map(([key, value]) => (value === "" ? `${key}:` : `${key}: ${value}`)) }),
      ...(Object.keys(extra).length === 0 ? {} : { extra }),
      // What Proxmox did not say (template, and cores, rootfs where absent) stays unset on purpose:
      // validation then names the field the user must fill in.
    } as Lxc["proxmox"],
  };
}

/** `local-lvm:vm-101-disk-0,size=8G` → storage and disk. */
function rootfs(ctx: GuestContext, value: string | undefined): { storage?: string; disk?: string } {
  if (value === undefined) {
    ctx.log.add(ctx.file, "must-tell", ["rootfs"], "no rootfs: the model needs its storage and size");
    return {};
  }
  const parts = properties(ctx, "rootfs", value, "volume");
  if (parts === undefined) return {};
  lostParts(ctx, "rootfs", parts, ["volume", "size"]);
  const storage = storageOf(parts.get("volume") ?? "");
  const size = parts.get("size");
  if (storage === undefined)
    ctx.log.add(
      ctx.file,
      "must-tell",
      ["rootfs"],
      `rootfs ${parts.get("volume")} is not on a Proxmox storage; the model needs one`,
    );
  if (size === undefined) ctx.log.add(ctx.file, "must-tell", ["rootfs"], "rootfs has no size=; the model needs one");
  return { ...(storage === undefined ? {} : { storage }), ...(size === undefined ? {} : { disk: size }) };
}

type Mounts = {
  bindMounts: NonNullable<Lxc["proxmox"]["bindMounts"]>;
  volumes: NonNullable<Lxc["proxmox"]["volumes"]>;
};

/** mpN in slot order: a path (`/mnt/data`) is a bind mount, `storage:volume` a volume of that storage. */
function mountPoints(ctx: GuestContext, conf: GuestConfig): Mounts {
  const found: Mounts = { bindMounts: [], volumes: [] };
  for (const key of slots(conf, "mp")) {
    const parts = properties(ctx, key, conf.values.get(key) as string, "volume");
    if (parts === undefined) continue;
    const volume = parts.get("volume") ?? "";
    const container = parts.get("mp");
    if (container === undefined) {
      ctx.log.add(ctx.file, "unreadable", [key], `${key} has no mp= (the path inside the container); not imported`);
      continue;
    }
    const readOnly = parseProxmoxBoolean(parts.get("ro")) === true;
    if (volume.startsWith("/")) {
      lostParts(ctx, key, parts, ["volume", "mp", "ro"]);
      found.bindMounts.push({ host: volume, container, ...(readOnly ? { readOnly } : {}) });
      continue;
    }
    lostParts(ctx, key, parts, ["volume", "mp", "ro", "size", "backup"]);
    const storage = storageOf(volume);
    const size = parts.get("size");
    if (storage === undefined || size === undefined) {
      ctx.log.add(ctx.file, "unreadable", [key], `${key}: ${volume} has no storage or no size=; not imported`);
      continue;
    }
    const backup = parseProxmoxBoolean(parts.get("backup"));
    found.volumes.push({
      storage,
      size,
      container,
      ...(readOnly ? { readOnly } : {}),
      ...(backup === undefined ? {} : { backup }),
    });
  }
  return found;
}

function networks(ctx: GuestContext, conf: GuestConfig): NonNullable<Lxc["proxmox"]["network"]>[] {
  return slots(conf, "net").flatMap((key) => {
    const parts = properties(ctx, key, conf.values.get(key) as string);
    if (parts === undefined) return [];
    lostParts(ctx, key, parts, ["name", "bridge", "hwaddr", "ip", "gw", "firewall", "tag", "type"]);
    const index = key.slice(3);
    const name = parts.get("name");
    return [
      network(ctx, key, {
        bridge: parts.get("bridge"),
        mac: parts.get("hwaddr"),
        // eth<N> is what the emitter writes for netN; any other name is kept.
        name: name === `eth${index}` ? undefined : name,
        firewall: parts.get("firewall"),
        tag: parts.get("tag"),
        ip: parts.get("ip"),
        gateway: parts.get("gw"),
      }),
    ];
  });
}

function mapFeatures(ctx: GuestContext, value: string): NonNullable<Lxc["proxmox"]["features"]> | undefined {
  const parts = properties(ctx, "features", value);
  if (parts === undefined) return undefined;
  lostParts(ctx, "features", parts, ["nesting", "keyctl", "fuse", "mknod", "mount"]);
  const on = (key: string): boolean => parseProxmoxBoolean(parts.get(key)) === true;
  const mount = (parts.get("mount") ?? "").split(";").filter((type) => type !== "");
  return {
    ...(on("nesting") ? { nesting: true } : {}),
    ...(on("keyctl") ? { keyctl: true } : {}),
    ...(on("fuse") ? { fuse: true } : {}),
    ...(on("mknod") ? { mknod: true } : {}),
    ...(mount.length === 0 ? {} : { mount }),
  };
}
