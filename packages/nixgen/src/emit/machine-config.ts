// machines/<name>/default.nix: the NixOS module of one machine, in the order people read it:
// imports, the base system, agenix secrets, containers and mounts, extra settings, then one
// `homelab.services.<name>` block per service it runs, holding only the overrides.
import {
  attrs,
  bind,
  fn,
  id,
  list,
  path,
  printFile,
  select,
  str,
  type NixExpr,
  type NixValue,
} from "@homelab/nix";
import { resolveProfile, type HomelabConfig, type Machine } from "@homelab/schema";
import { exportsPath, tmpfilesField } from "../text/escape.js";
import { dottedEntries, mergeBindings, splitPath, type PathEntry } from "./attr-paths.js";
import { headerLines } from "./header.js";
import { resolveKeys } from "./keys.js";
import { lxcProfileDirs } from "./lxc-enhancements.js";
import { machineConfigPath, serviceModulePath } from "./output-layout.js";
import { packageRef, withPkgs } from "./package-ref.js";
import { platform, usesModulesPath, type Platform } from "./platform.js";
import type { Emitter } from "./types.js";
import { rememberedPer } from "./remembered.js";

/** The machine module's arguments; a package named like one is written `pkgs.<name>`. */
const MODULE_ARGUMENTS: ReadonlySet<string> = new Set(["config", "lib", "pkgs", "modulesPath"]);

export const emitMachineConfigs: Emitter = (ctx) =>
  Object.entries(ctx.config.machines).map(([name, machine]) => ({
    path: machineConfigPath(name),
    kind: "machine" as const,
    render: () => printFile(machineExpr(ctx.config, machine), { header: headerLines(ctx) }),
  }));

export function machineExpr(config: HomelabConfig, machine: Machine): NixExpr {
  const boot = platform(machine);
  const entries: PathEntry[] = [
    ...boot.entries,
    ...baseSystem(config, machine),
    ...ageSecrets(config, machine),
    ...containers(machine),
    ...guestMounts(machine),
    ...nfs(machine),
    ...packages(machine),
    ...dottedEntries(machine.nixos),
    ...services(machine),
  ];
  return fn(
    [...MODULE_ARGUMENTS].filter((name) => name !== "modulesPath" || usesModulesPath(machine)),
    attrs([bind("imports", list(imports(config, machine, boot))), ...mergeBindings(entries)]),
    { ellipsis: true },
  );
}

/**
 * The machine's own files, what it boots on, the profile system's modules, then every service module
 * (enabled or not). A profile system may import the LXC module as well; NixOS imports a file once
 * however often it is listed.
 */
function imports(config: HomelabConfig, machine: Machine, { imports: boot }: Platform): NixValue[] {
  const own = machine.imports.map(path);
  const system = machine.profile === undefined ? undefined : profileSystem(config, machine.profile);
  const profile = system === undefined ? [] : [path(`../../profiles/${system}/configuration.nix`)];
  const enhancements =
    system !== undefined && lxcProfileDirs(config).includes(system)
      ? [path(`../../profiles/${system}/enhancements.nix`)]
      : [];
  return [...boot, ...own, ...profile, ...enhancements, ...moduleImports(config)];
}

// Every machine imports every service module: one list per config, shared (nodes are never changed).
const moduleImports = rememberedPer((config: HomelabConfig): readonly NixValue[] =>
  Object.keys(config.modules)
    .sort()
    .map((name) => path(`../../${serviceModulePath(name)}`)),
);

/** The profile system directory (`profiles/<systemSettings.profile>/`), inherited through `extends`. */
function profileSystem(config: HomelabConfig, profile: string): string {
  const system = resolveProfile(config.profiles, profile).systemSettings["profile"];
  if (typeof system !== "string") throw new Error(`profile ${profile} has no systemSettings.profile (the schema checks refuse this)`);
  return system;
}

/**
 * Host name, state version, SSH, firewall and users. A profile-based machine gets these from its
 * profile's settings, so only what the machine itself lists is added (lists merge across modules).
 */
function baseSystem(config: HomelabConfig, machine: Machine): PathEntry[] {
  const fromProfile = machine.profile !== undefined;
  const tcp = unique([...(fromProfile ? [] : [22]), ...machine.firewall.tcp]);
  const entries: PathEntry[] = [];
  if (!fromProfile && machine.stateVersion !== undefined) entries.push([["system", "stateVersion"], machine.stateVersion]);
  if (!fromProfile) entries.push([["networking", "hostName"], machine.hostname]);
  if (machine.timeZone !== undefined) entries.push([["time", "timeZone"], machine.timeZone]);
  if (!fromProfile) entries.push([["services", "openssh", "enable"], true]);
  if (tcp.length > 0) entries.push([["networking", "firewall", "allowedTCPPorts"], tcp]);
  if (machine.firewall.udp.length > 0) entries.push([["networking", "firewall", "allowedUDPPorts"], unique(machine.firewall.udp)]);
  for (const [name, user] of Object.entries(machine.users)) {
    const groups = unique([...(user.admin ? ["wheel"] : []), ...user.extraGroups]);
    const keys = resolveKeys(config.keys, user.authorizedKeys);
    entries.push([
      ["users", "users", name],
      {
        isNormalUser: true,
        description: user.description,
        uid: user.uid,
        extraGroups: groups.length > 0 ? groups : undefined,
        openssh: keys.length > 0 ? { authorizedKeys: { keys } } : undefined,
      },
    ]);
  }
  return entries;
}

/** `age.secrets.<name> = { file = ../../secrets/<file>; owner; group; mode; }`: who reads it, spelt out. */
function ageSecrets(config: HomelabConfig, machine: Machine): PathEntry[] {
  const entries: PathEntry[] = [];
  if (machine.identityPaths !== undefined) entries.push([["age", "identityPaths"], machine.identityPaths]);
  for (const [name, use] of Object.entries(machine.secrets)) {
    const secret = config.secrets[name];
    if (secret === undefined) throw new Error(`machine secret ${name} is not in secrets (the schema checks refuse this)`);
    const local = use === true ? {} : use;
    entries.push([
      ["age", "secrets", name],
      {
        file: path(`../../secrets/${secret.file ?? `${name}.age`}`),
        owner: local.owner ?? secret.owner,
        group: local.group ?? secret.group,
        mode: local.mode ?? secret.mode,
      },
    ]);
  }
  return entries;
}

function containers(machine: Machine): PathEntry[] {
  return [
    ...(machine.docker ? [[["virtualisation", "docker", "enable"], true] as const] : []),
    ...(machine.podman ? [[["virtualisation", "podman", "enable"], true] as const] : []),
  ];
}

/** The QEMU guest agent and virtiofs shares, mounted by mapping id and owned through tmpfiles. */
function guestMounts(machine: Machine): PathEntry[] {
  if (machine.kind !== "vm") return [];
  const entries: PathEntry[] = [];
  if (machine.proxmox.agent) entries.push([["services", "qemuGuest", "enable"], true]);
  const mounted = machine.proxmox.virtiofs.flatMap((share) => (share.mountPoint === undefined ? [] : [{ ...share, at: share.mountPoint }]));
  for (const share of mounted) {
    entries.push([["fileSystems", share.at], { device: share.mapping, fsType: "virtiofs", options: ["rw", "relatime"] }]);
  }
  const rules = mounted.flatMap(({ at, mode, owner }) => (owner ? [tmpfilesDirectory(at, mode, owner)] : []));
  if (rules.length > 0) entries.push([["systemd", "tmpfiles", "rules"], rules]);
  return entries;
}

/** NFS client mounts as `fileSystems`, exports as `services.nfs.server.exports` lines. */
function nfs(machine: Machine): PathEntry[] {
  const entries: PathEntry[] = machine.nfs.mounts.map((mount) => [
    ["fileSystems", mount.mountPoint],
    { device: `${mount.server}:${mount.export}`, fsType: "nfs", options: mount.options },
  ]);
  if (machine.nfs.exports.length > 0) {
    const lines = machine.nfs.exports.map((e) => `${exportsLine(e)}\n`);
    entries.push([["services", "nfs", "server"], { enable: true, exports: str(lines.join("")) }]);
  }
  return entries;
}

/** `d /mnt/docker 0755 abl030 users - -`: a directory with its owner, each field escaped for tmpfiles.d(5). */
export function tmpfilesDirectory(path: string, mode: string, owner: { user: string; group: string }): string {
  return ["d", path, mode, owner.user, owner.group, "-", "-"].map(tmpfilesField).join(" ");
}

/**
 * `/srv/share 192.168.1.0/24(rw,sync)`: one line of /etc/exports. The schema keeps the client and the
 * options to exports(5)'s own syntax; only the path needs escapes.
 */
export function exportsLine(entry: Machine["nfs"]["exports"][number]): string {
  return `${exportsPath(entry.path)} ${entry.clients}(${entry.options.join(",")})`;
}

/** `environment.systemPackages = with pkgs; [ vim git ];` */
function packages(machine: Machine): PathEntry[] {
  if (machine.packages.length === 0) return [];
  const items = machine.packages.map((name) => packageRef(name, MODULE_ARGUMENTS));
  return [[["environment", "systemPackages"], withPkgs(items)]];
}

/**
 * `homelab.services.<name> = { enable = true; … };` with the machine's overrides, and each secret bound
 * to a module option set to its decrypted path: `adminPasswordFile = config.age.secrets.<name>.path;`.
 */
function services(machine: Machine): PathEntry[] {
  const enabled: PathEntry[] = Object.entries(machine.services).map(([name, use]) => [
    ["homelab", "services", name],
    { enable: true, ...(use === true ? {} : use) },
  ]);
  const bound: PathEntry[] = Object.entries(machine.secrets).flatMap(([name, use]) =>
    use === true || use.option === undefined
      ? []
      : [[["homelab", "services", ...splitPath(use.option)], select(id("config"), ["age", "secrets", name, "path"])]],
  );
  return [...enabled, ...bound];
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
