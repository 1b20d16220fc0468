// hosts.nix → machines. Every entry not named `_…` is a machine; what the typed model knows (kind,
// hostname, user and keys, the Proxmox placement, virtiofs shares) is typed here, and everything
// else reaches the regenerated hosts.nix through the machine's `inventory` (see reconcile-hosts.ts).
// A hosts.nix often leaves out what the model requires; where a default is honest it is used and
// reported, where none is (vmid, size) the import stops with the attribute path. A directory mapping
// whose host paths the file does not give was created elsewhere (the Proxmox UI): it is imported as
// one the config does not manage, unless --mapping gives its paths.
import { hostname as hostnameSchema, lxcMachine, machine as machineSchema, name as nameSchema, system as systemSchema, openTofuTarget, vmMachine } from "@homelab/schema/internal";
import type { MachineInput, StorageInput } from "@homelab/schema";

type DirectoryMappingInput = NonNullable<StorageInput["mappings"]>[string];
import type { IssueLog } from "./issues.js";
import type { KeyRegistry } from "./key-registry.js";
import { asNixValue, describe, isAttrs, type NixAttrs, type NixData } from "./nix-data.js";
import type { SourceScan } from "./nix-scan.js";
import { inSourceOrder, inSourceOrderDeep } from "./source-order.js";

/** Directory mapping host paths a hosts.nix does not give: mapping id → node → path. */
export type MappingPaths = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface HostsContext {
  readonly file: string;
  readonly scan: SourceScan | undefined;
  readonly lets: NixAttrs | undefined;
  readonly keys: KeyRegistry;
  readonly log: IssueLog;
  readonly mappings: MappingPaths;
}

export interface HostsImport {
  readonly machines: Record<string, MachineInput>;
  readonly nodes: Record<string, { address?: string; maintenance?: boolean }>;
  /** Where OpenTofu creates the VMs (`_proxmox.node`, `templateVmid`, `defaultStorage`). */
  readonly target: { node?: string; templateVmid?: number; defaultStorage?: string };
  readonly mappings: Record<string, DirectoryMappingInput>;
}

/**
 * Values the model requires that a hosts.nix may not hold. Each use is reported; the regenerated
 * hosts.nix still leaves them out (the machine's `inventory.omit`).
 */
const hostsDefaults = {
  /** The node name the Proxmox installer suggests. */
  node: "pve",
  /** The storage a default Proxmox installation creates for guest disks. */
  storage: "local-lvm",
  /** The file nixos-generators' `proxmox-lxc` format builds, uploaded to the `local` storage. */
  template: (system: string): string => `local:vztmpl/nixos-system-${system}.tar.xz`,
} as const;

/** Keys only a container's proxmox block has; a block with one of them is an LXC container. */
const LXC_KEYS = ["template", "features", "privileged", "unprivileged", "bindMounts", "mountPoints"];

type Kind = "lxc" | "vm" | "metal";

export function mapHosts(value: NixAttrs, ctx: HostsContext): HostsImport {
  const meta = proxmoxMeta(value["_proxmox"], ctx);
  const machines: Record<string, MachineInput> = {};
  const names = inSourceOrder(Object.keys(value), ctx.scan, []).filter((name) => !name.startsWith("_"));
  for (const name of names) {
    const entry = value[name];
    if (!nameSchema.safeParse(name).success) {
      ctx.log.error(
        ctx.file,
        "machine-name",
        [name],
        "a machine's name must start with a letter or _ and hold only letters, digits, _ and -",
      );
    } else if (!isAttrs(entry)) {
      ctx.log.error(
        ctx.file,
        "machine",
        [name],
        `a machine must be an attribute set, found ${describe(entry as NixData)}`,
      );
    } else {
      const mapped = mapMachine(name, entry, meta, ctx);
      if (mapped !== undefined) machines[name] = mapped;
    }
  }
  const usedNodes = Object.values(machines).flatMap((m) => (m.kind === "metal" ? [] : [m.proxmox.node]));
  const nodes =
    Object.keys(meta.nodes).length === 0
      ? {}
      : { ...meta.nodes, ...Object.fromEntries(usedNodes.filter((n) => !(n in meta.nodes)).map((n) => [n, {}])) };
  return { machines, nodes, target: meta.target, mappings: mappingsOf(machines, meta, ctx) };
}

/**
 * The mappings the VMs share: with the host paths `_proxmox.mappings` or --mapping give, else as a
 * mapping created elsewhere, on the nodes of the VMs that share it (no path is made up).
 */
function mappingsOf(
  machines: Readonly<Record<string, MachineInput>>,
  meta: ProxmoxMeta,
  ctx: HostsContext,
): Record<string, DirectoryMappingInput> {
  const mappings: Record<string, DirectoryMappingInput> = Object.fromEntries(
    Object.entries(meta.mappings).map(([id, paths]) => [id, { paths }]),
  );
  const unmanaged = new Map<string, { nodes: Set<string>; at: (string | number)[] }>();
  for (const [name, machine] of Object.entries(machines)) {
    if (machine.kind !== "vm") continue;
    (machine.proxmox.virtiofs ?? []).forEach((share, i) => {
      const paths = meta.mappings[share.mapping];
      if (paths?.[machine.proxmox.node] !== undefined) return;
      const found = unmanaged.get(share.mapping) ?? { nodes: new Set(), at: [name, "proxmox", "virtiofs", i, "mapping"] };
      found.nodes.add(machine.proxmox.node);
      unmanaged.set(share.mapping, found);
    });
  }
  for (const [id, { nodes, at }] of unmanaged) {
    if (meta.mappings[id] !== undefined) {
      // Paths for some nodes but not this one: a path cannot be guessed, and half a mapping cannot be created.
      ctx.log.error(
        ctx.file,
        "mapping-path",
        at,
        `directory mapping "${id}" has no host path on node ${[...nodes].join(", ")}: pass --mapping ${id}=${[...nodes][0]}:/path, or add _proxmox.mappings.${id}.${[...nodes][0]}`,
      );
      continue;
    }
    mappings[id] = { managed: false, nodes: [...nodes] };
    ctx.log.add(
      ctx.file,
      "unmanaged-mapping",
      at,
      `directory mapping "${id}" has no host path here: imported as created outside the config (managed: false, nodes ${[...nodes].join(", ")}); no command is generated for it. To have nixgen create it, pass --mapping ${id}=${[...nodes][0]}:/path`,
    );
  }
  return mappings;
}

interface ProxmoxMeta {
  readonly node: string | undefined;
  readonly target: HostsImport["target"];
  readonly storage: string | undefined;
  readonly nodes: Record<string, { address?: string; maintenance?: boolean }>;
  readonly mappings: Record<string, Record<string, string>>;
}

/**
 * What `_proxmox` says about placement, in either shape seen in the wild: the real one
 * (`node`, `host`, `defaultStorage`) and nixgen's own (`nodes.<n>.address`, `mappings.<id>.<node>`).
 */
function proxmoxMeta(meta: NixData | undefined, ctx: HostsContext): ProxmoxMeta {
  const attrs = isAttrs(meta) ? meta : {};
  const nodes: ProxmoxMeta["nodes"] = {};
  for (const [node, info] of Object.entries(isAttrs(attrs["nodes"]) ? attrs["nodes"] : {})) {
    if (!nameSchema.safeParse(node).success || !isAttrs(info)) continue;
    nodes[node] = {
      ...(typeof info["address"] === "string" ? { address: info["address"] } : {}),
      ...(info["maintenance"] === true ? { maintenance: true } : {}),
    };
  }
  const node =
    typeof attrs["node"] === "string" && nameSchema.safeParse(attrs["node"]).success ? attrs["node"] : undefined;
  if (node !== undefined && Object.keys(nodes).length > 0 && nodes[node] === undefined) nodes[node] = {};
  const mappings: Record<string, Record<string, string>> = {};
  for (const [id, paths] of Object.entries(isAttrs(attrs["mappings"]) ? attrs["mappings"] : {})) {
    if (!isAttrs(paths)) continue;
    const byNode = Object.entries(paths).filter((entry): entry is [string, string] => typeof entry[1] === "string");
    if (byNode.length > 0) mappings[id] = Object.fromEntries(byNode);
  }
  for (const [id, paths] of Object.entries(ctx.mappings)) mappings[id] = { ...mappings[id], ...paths };
  const only = Object.keys(nodes).length === 1 ? Object.keys(nodes)[0] : undefined;
  const target = accepted(openTofuTarget, {
    host: attrs["host"],
    node,
    templateVmid: attrs["templateVmid"],
    defaultStorage: attrs["defaultStorage"],
  }) as HostsImport["target"];
  return {
    node: node ?? only,
    target,
    storage: typeof attrs["defaultStorage"] === "string" ? attrs["defaultStorage"] : undefined,
    nodes,
    mappings,
  };
}

function kindOf(entry: NixAttrs): Kind {
  const declared = entry["kind"];
  if (declared === "lxc" || declared === "vm" || declared === "metal") return declared;
  const proxmox = entry["proxmox"];
  if (!isAttrs(proxmox)) return "metal";
  if (proxmox["type"] === "lxc") return "lxc";
  if (proxmox["type"] === "qemu" || proxmox["type"] === "vm") return "vm";
  return LXC_KEYS.some((key) => key in proxmox) ? "lxc" : "vm";
}

function mapMachine(name: string, entry: NixAttrs, meta: ProxmoxMeta, ctx: HostsContext): MachineInput | undefined {
  const kind = kindOf(entry);
  const system = systemSchema.safeParse(entry["system"]).success
    ? (entry["system"] as "x86_64-linux" | "aarch64-linux")
    : undefined;
  const users = machineUsers(name, entry, ctx);
  const common = {
    // Not checked here: the schema says what is wrong with a hostname that is there.
    hostname: (entry["hostname"] ?? derivedHostname(name, ctx)) as string,
    ...(system === undefined ? {} : { system }),
    ...(users === undefined ? {} : { users }),
  };
  if (kind === "metal") return validated(name, { kind, ...common }, ctx);
  const at = [name, "proxmox"];
  const proxmox = inWrittenOrder(entry["proxmox"], ctx.scan, at);
  if (!isAttrs(proxmox)) {
    const what = kind === "lxc" ? "container" : "VM";
    ctx.log.error(ctx.file, "proxmox", at, `a ${what} needs a proxmox block (vmid, cores, memory, disk)`);
    return undefined;
  }
  const placement = placementOf(proxmox, at, meta, ctx);
  if (placement === undefined) return undefined;
  if (kind === "lxc")
    return validated(
      name,
      {
        kind,
        ...common,
        proxmox: { ...placement, ...containerOf(proxmox, at, system ?? "x86_64-linux", ctx) },
      } as MachineInput,
      ctx,
    );
  const vm = vmOf(proxmox);
  return validated(name, { kind, ...common, proxmox: { ...placement, ...vm } } as MachineInput, ctx);
}

/** `value` with its attribute sets in the order the file wrote them (shares, features). */
function inWrittenOrder(
  value: NixData | undefined,
  scan: SourceScan | undefined,
  at: readonly string[],
): NixData | undefined {
  const plain = value === undefined ? undefined : asNixValue(value);
  return plain === undefined ? value : inSourceOrderDeep(plain, scan, at);
}

/** The entry's name as its hostname; when that is no DNS label either, the schema says so at `<name>.hostname`. */
function derivedHostname(name: string, ctx: HostsContext): string {
  const derived = name.toLowerCase().replace(/_/g, "-");
  if (!hostnameSchema.safeParse(derived).success) return name;
  ctx.log.add(
    ctx.file,
    "default",
    [name, "hostname"],
    `no hostname: the typed config uses "${derived}", from the entry's name`,
  );
  return derived;
}

/** `user` with `authorizedKeys` as the machine's one user, keys named through the registry. */
function machineUsers(name: string, entry: NixAttrs, ctx: HostsContext): MachineInput["users"] | undefined {
  const user = entry["user"];
  if (typeof user !== "string" || !nameSchema.safeParse(user).success) return undefined;
  const keys = entry["authorizedKeys"];
  const typed = Array.isArray(keys) && keys.length > 0 && keys.every((key) => ctx.keys.isKey(key));
  return { [user]: typed ? { authorizedKeys: ctx.keys.refs(keys as string[], ctx.lets, name) } : {} };
}

type Placement = Extract<MachineInput, { kind: "vm" }>["proxmox"] & { node: string };

function placementOf(
  proxmox: NixAttrs,
  at: readonly string[],
  meta: ProxmoxMeta,
  ctx: HostsContext,
): Placement | undefined {
  const missing = (["vmid", "cores", "memory", "disk"] as const).filter((key) => proxmox[key] === undefined);
  for (const key of missing) {
    ctx.log.error(ctx.file, "required", [...at, key], `no ${key}: ${requiredWhy[key]}, and there is no default for it`);
  }
  if (missing.length > 0) return undefined;
  const defaulted = (key: "node" | "storage", fromMeta: string | undefined, metaKey: string): string => {
    const own = proxmox[key];
    if (typeof own === "string") return own;
    if (fromMeta !== undefined) return fromMeta;
    ctx.log.add(
      ctx.file,
      "default",
      [...at, key],
      `no ${key} here or in _proxmox.${metaKey}: the typed config uses "${hostsDefaults[key]}", Proxmox's default`,
    );
    return hostsDefaults[key];
  };
  return {
    node: defaulted("node", meta.node, "node"),
    vmid: proxmox["vmid"] as number,
    cores: proxmox["cores"] as number,
    memory: proxmox["memory"] as number,
    disk: proxmox["disk"] as string,
    storage: defaulted("storage", meta.storage, "defaultStorage"),
    ...(typeof proxmox["onBoot"] === "boolean" ? { onBoot: proxmox["onBoot"] } : {}),
  };
}

const requiredWhy = {
  vmid: "a Proxmox guest is known by its id",
  cores: "the guest's CPU cores",
  memory: "the guest's memory in MB",
  disk: 'the size of the guest\'s root disk, e.g. "32G"',
} as const;

/** A field of a zod object schema, as far as this file needs it. */
interface FieldSchema {
  safeParse(value: unknown): { readonly success: boolean };
}

/**
 * Those of `candidates` the schema's own field accepts. The others stay out of the typed config;
 * their hosts.nix attributes still pass through (reconcile-hosts.ts), so nothing is lost.
 */
function accepted(
  shape: Readonly<Record<string, FieldSchema>>,
  candidates: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(candidates).filter(([key, value]) => value !== undefined && shape[key]?.safeParse(value).success),
  );
}

function containerOf(proxmox: NixAttrs, at: readonly string[], system: string, ctx: HostsContext) {
  let template = proxmox["template"];
  if (typeof template !== "string") {
    template = hostsDefaults.template(system);
    ctx.log.add(
      ctx.file,
      "default",
      [...at, "template"],
      `no template: the typed config uses "${template}" (only used to create the container again)`,
    );
  }
  const unprivileged = proxmox["unprivileged"];
  const features = isAttrs(proxmox["features"]) ? proxmox["features"] : {};
  return {
    template: template as string,
    ...accepted(lxcMachine.shape.proxmox.shape, {
      privileged: proxmox["privileged"] ?? (typeof unprivileged === "boolean" ? !unprivileged : undefined),
    }),
    ...(Object.keys(features).length === 0 ? {} : accepted(lxcMachine.shape.proxmox.shape, { features })),
  };
}

function vmOf(proxmox: NixAttrs) {
  const passthrough = proxmox["passthrough"];
  return accepted(vmMachine.shape.proxmox.shape, {
    bios: proxmox["bios"],
    cpuType: proxmox["cpuType"],
    agent: proxmox["agent"],
    machine: proxmox["machine"],
    diskInterface: proxmox["diskInterface"],
    cloneFromTemplate: proxmox["cloneFromTemplate"],
    readonly: proxmox["readonly"],
    tags: proxmox["tags"],
    description: proxmox["description"],
    passthrough: Array.isArray(passthrough) ? passthrough.map((id) => ({ id })) : undefined,
    virtiofs: sharesOf(proxmox["virtiofs"]),
  });
}

/** hosts.nix names of a share's fields, as the OpenTofu provider spells them. */
const SHARE_FIELDS: Readonly<Record<string, string>> = {
  mapping: "mapping",
  cache: "cache",
  direct_io: "directIo",
  expose_acl: "exposeAcl",
  expose_xattr: "exposeXattr",
};

/**
 * `proxmox.virtiofs`, a list of shares or one share, with the model's field names;
 * undefined when a share holds a field the model does not know.
 */
function sharesOf(value: NixData | undefined): Record<string, NixData>[] | undefined {
  if (value === undefined) return undefined;
  const shares = Array.isArray(value) ? value : [value];
  if (!shares.every((share) => isAttrs(share) && Object.keys(share).every((key) => Object.hasOwn(SHARE_FIELDS, key))))
    return undefined;
  return (shares as NixAttrs[]).map((share) =>
    Object.fromEntries(Object.entries(share).map(([key, item]) => [SHARE_FIELDS[key] as string, item])),
  );
}

/** The machine through the schema; its complaints come back at the hosts.nix attribute path. */
function validated(name: string, candidate: MachineInput, ctx: HostsContext): MachineInput | undefined {
  const parsed = machineSchema.safeParse(candidate);
  if (parsed.success) return candidate;
  for (const found of parsed.error.issues) {
    const path = sourcePath(found.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment)));
    ctx.log.error(ctx.file, "invalid", [name, ...path], `${found.message}${shown(valueAt(candidate, found.path))}`);
  }
  return undefined;
}

/** `users.<u>.authorizedKeys.3` → `authorizedKeys.3`; virtiofs fields by their hosts.nix names. */
function sourcePath(path: readonly (string | number)[]): (string | number)[] {
  if (path[0] === "users" && path[2] === "authorizedKeys") return ["authorizedKeys", ...path.slice(3)];
  if (path[0] === "proxmox" && path[1] === "virtiofs" && typeof path[3] === "string") {
    const field = Object.entries(SHARE_FIELDS).find(([, typed]) => typed === path[3])?.[0];
    return [...path.slice(0, 3), field ?? path[3], ...path.slice(4)];
  }
  return [...path];
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    root,
  );
}

function shown(value: unknown): string {
  return value === undefined || typeof value === "object" ? "" : ` (found ${JSON.stringify(value)})`;
}
