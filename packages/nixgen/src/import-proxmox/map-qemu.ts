// One VM config (qm.conf(5)) onto the model's `kind: "vm"` machine. Key formats from qemu-server:
// disks scsiN/virtioN/sataN/ideN (default key `file`, `size=`, `media=cdrom`), netN (the model key
// holds the MAC: `virtio=BC:24:11:…`), ipconfigN (cloud-init `ip=…,gw=…`), cpu (default key
// `cputype`), machine (default key `type`), agent (default key `enabled`), virtiofsN
// (PVE/QemuServer/Virtiofs.pm: default key `dirid`, cache, direct-io, expose-acl, expose-xattr),
// hostpciN (default key `host`: PCI ids separated by `;`, or `mapping=`), boot (`order=scsi0;net0`).
import { defaultDiskInterface } from "@homelab/schema/internal";
import type { MachineInput } from "@homelab/schema";
import { integer, lostParts, network, properties, slots, storageOf, tags, type GuestContext } from "./guest-context.js";
import { parseProxmoxBoolean } from "./parse-property-string.js";
import type { GuestConfig } from "./parse-guest-config.js";
import { passThrough } from "./pass-through.js";

type Vm = Extract<MachineInput, { kind: "vm" }>;
type Proxmox = Vm["proxmox"];

const models = ["virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"];
const diskKey = /^(scsi|virtio|sata|ide)[0-9]+$/;

const mapped =
  /^(name|cores|sockets|memory|bios|cpu|machine|agent|onboot|tags|boot|bootdisk|arch|net[0-9]+|ipconfig[0-9]+|virtiofs[0-9]+|hostpci[0-9]+)$/;

export function mapQemu(ctx: GuestContext, node: string, vmid: number, conf: GuestConfig): Vm {
  const get = (key: string): string | undefined => conf.values.get(key);
  const name = get("name");
  const hostname = (name ?? `vm${vmid}`).split(".")[0]?.toLowerCase() ?? `vm${vmid}`;
  if (name === undefined) ctx.log.add(ctx.file, "defaulted", ["name"], `no name; the config calls it vm${vmid}`);
  else if (hostname !== name)
    ctx.log.add(ctx.file, "defaulted", ["name"], `name ${name} is not a host name; the config says ${hostname}`);
  const sockets = integer(ctx, "sockets", get("sockets"));
  const disks = vmDisks(ctx, conf);
  const onBoot = parseProxmoxBoolean(get("onboot"));
  const guestTags = tags(get("tags"));
  const [first, ...rest] = vmNetworks(ctx, conf);
  const virtiofs = slots(conf, "virtiofs").flatMap((key) => share(ctx, key, conf.values.get(key) as string));
  const passthrough = slots(conf, "hostpci").flatMap((key) => pciDevices(ctx, key, conf.values.get(key) as string));
  const machine = single(ctx, "machine", get("machine"), "type", ["type"]);
  const kept = passThrough(ctx, new Map([...conf.values].filter(([key]) => !disks.imported.has(key))), mapped);
  return {
    kind: "vm",
    hostname,
    ...(get("arch") === "aarch64" ? { system: "aarch64-linux" as const } : {}),
    ...(conf.description === undefined ? {} : { description: conf.description }),
    proxmox: {
      node,
      vmid,
      // qemu-server's defaults where the key is absent: 1 core, 512 MB, SeaBIOS, kvm64, no agent.
      cores: integer(ctx, "cores", get("cores")) ?? 1,
      ...(sockets === undefined ? {} : { sockets }),
      memory: memory(ctx, get("memory")) ?? 512,
      ...disks.root,
      ...(disks.extra.length === 0 ? {} : { extraDisks: disks.extra }),
      ...(first === undefined ? {} : { network: first }),
      ...(rest.length === 0 ? {} : { extraNetworks: rest }),
      ...(onBoot === undefined ? {} : { onBoot }),
      ...(guestTags.length === 0 ? {} : { tags: guestTags }),
      bios: bios(ctx, get("bios")),
      cpuType: single(ctx, "cpu", get("cpu"), "cputype", ["cputype"]) ?? "kvm64",
      ...(machine === undefined ? {} : { machine }),
      agent: parseProxmoxBoolean(single(ctx, "agent", get("agent"), "enabled", ["enabled"])) === true,
      ...(virtiofs.length === 0 ? {} : { virtiofs }),
      ...(passthrough.length === 0 ? {} : { passthrough }),
      // A VM without a sized disk leaves disk and storage unset on purpose: validation names them.
    } as Proxmox,
    ...(Object.keys(kept).length === 0 ? {} : { inventory: { proxmox: kept } }),
  };
}

/** The default key's value of a property string (`host`, `cputype=host,flags=+aes` → `host`). */
function single(
  ctx: GuestContext,
  key: string,
  value: string | undefined,
  defaultKey: string,
  known: readonly string[],
): string | undefined {
  if (value === undefined) return undefined;
  const parts = properties(ctx, key, value, defaultKey);
  if (parts === undefined) return undefined;
  lostParts(ctx, key, parts, known);
  return parts.get(defaultKey);
}

/** `4096`, or `current=4096` (newer qemu-server). */
function memory(ctx: GuestContext, value: string | undefined): number | undefined {
  return integer(ctx, "memory", single(ctx, "memory", value, "current", ["current"]));
}

function bios(ctx: GuestContext, value: string | undefined): "seabios" | "ovmf" {
  if (value === undefined || value === "seabios" || value === "ovmf") return value ?? "seabios";
  ctx.log.add(ctx.file, "lost", ["bios"], `bios: ${value} is not one the model knows; the config says seabios`);
  return "seabios";
}

interface Disks {
  readonly root: Partial<Pick<Proxmox, "disk" | "storage" | "diskInterface">>;
  readonly extra: NonNullable<Proxmox["extraDisks"]>;
  /** Disk keys imported as disks; the others (CD-ROMs, cloud-init drives, `none`) pass through. */
  readonly imported: ReadonlySet<string>;
}

/** Disks on a storage with a size; the root disk is the first disk of the boot order, else the first by slot. */
function vmDisks(ctx: GuestContext, conf: GuestConfig): Disks {
  const found: { slot: string; storage: string; size: string }[] = [];
  for (const [slot, value] of [...conf.values].filter(([key]) => diskKey.test(key))) {
    const parts = properties(ctx, slot, value, "file");
    if (parts === undefined || parts.get("media") === "cdrom") continue;
    const storage = storageOf(parts.get("file") ?? "");
    const size = parts.get("size");
    if (storage === undefined || size === undefined) continue;
    lostParts(ctx, slot, parts, ["file", "size"]);
    found.push({ slot, storage, size });
  }
  found.sort((a, b) => slotOrder(a.slot) - slotOrder(b.slot));
  const order = bootOrder(conf);
  const root =
    order.map((slot) => found.find((disk) => disk.slot === slot)).find((disk) => disk !== undefined) ?? found[0];
  if (root === undefined)
    ctx.log.add(
      ctx.file,
      "must-tell",
      [],
      "no disk on a storage with a size=: the model needs the root disk's storage and size",
    );
  return {
    root:
      root === undefined
        ? {}
        : { disk: root.size, storage: root.storage, ...(root.slot === defaultDiskInterface ? {} : { diskInterface: root.slot }) },
    extra: found.filter((disk) => disk !== root),
    imported: new Set(found.map((disk) => disk.slot)),
  };
}

const buses = ["scsi", "virtio", "sata", "ide"];

function slotOrder(slot: string): number {
  const [, bus = "", index = "0"] = /^([a-z]+)([0-9]+)$/.exec(slot) ?? [];
  return buses.indexOf(bus) * 1000 + Number(index);
}

/** `order=scsi0;ide2;net0`, or the legacy `bootdisk: scsi0`. */
function bootOrder(conf: GuestConfig): string[] {
  const boot = conf.values.get("boot");
  const order = boot === undefined ? undefined : /(?:^|,)order=([^,]+)/.exec(boot)?.[1];
  if (order !== undefined) return order.split(";");
  const legacy = conf.values.get("bootdisk");
  return legacy === undefined ? [] : [legacy];
}

function vmNetworks(ctx: GuestContext, conf: GuestConfig): NonNullable<Proxmox["network"]>[] {
  return slots(conf, "net").flatMap((key) => {
    const parts = properties(ctx, key, conf.values.get(key) as string, "model");
    if (parts === undefined) return [];
    const model = models.find((candidate) => parts.has(candidate));
    lostParts(ctx, key, parts, [...models, "macaddr", "bridge", "firewall", "tag"]);
    const ipKey = `ipconfig${key.slice(3)}`;
    const ipconfig = conf.values.get(ipKey);
    const address = ipconfig === undefined ? undefined : properties(ctx, ipKey, ipconfig);
    if (address !== undefined) lostParts(ctx, ipKey, address, ["ip", "gw"]);
    return [
      network(ctx, key, {
        bridge: parts.get("bridge"),
        mac: model === undefined ? parts.get("macaddr") : parts.get(model),
        model: model === "virtio" ? undefined : model,
        firewall: parts.get("firewall"),
        tag: parts.get("tag"),
        ip: address?.get("ip"),
        gateway: address?.get("gw"),
      }),
    ];
  });
}

function share(ctx: GuestContext, key: string, value: string): NonNullable<Proxmox["virtiofs"]> {
  const parts = properties(ctx, key, value, "dirid");
  const mapping = parts?.get("dirid");
  if (parts === undefined || mapping === undefined) return [];
  lostParts(ctx, key, parts, ["dirid", "cache", "direct-io", "expose-acl", "expose-xattr"]);
  const cache = parts.get("cache");
  const on = (part: string): { [k: string]: boolean } => {
    const value = parseProxmoxBoolean(parts.get(part));
    return value === undefined ? {} : { [camel(part)]: value };
  };
  return [
    {
      mapping,
      // A cache mode the model does not know is kept as written, and validation names it.
      ...(cache === undefined ? {} : { cache: cache as "auto" }),
      ...on("direct-io"),
      ...on("expose-acl"),
      ...on("expose-xattr"),
    },
  ];
}

function camel(name: string): string {
  return name.replace(/-(.)/g, (_, next: string) => next.toUpperCase());
}

/** Every PCI id of a hostpciN, planned (deferred): attaching them is for the user to confirm. */
function pciDevices(ctx: GuestContext, key: string, value: string): NonNullable<Proxmox["passthrough"]> {
  const parts = properties(ctx, key, value, "host");
  if (parts === undefined) return [];
  const host = parts.get("host");
  if (host === undefined) {
    ctx.log.add(
      ctx.file,
      "lost",
      [key],
      `${key}: a mapped device (mapping=${parts.get("mapping")}) has no PCI address for the model; not imported`,
    );
    return [];
  }
  const options = [...parts].filter(([part]) => part !== "host").map(([part, v]) => `${part}=${v}`);
  const note = `${key} on the imported VM${options.length === 0 ? "" : ` (${options.join(",")})`}`;
  return host.split(";").map((id) => ({ id: id.toLowerCase(), deferred: true, note }));
}
