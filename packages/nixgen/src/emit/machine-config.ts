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
const MODULE_ARGUMENTS = ["config", "lib", "pkgs", "modulesPath"] as const;
/** Those of a machine whose module needs no `modulesPath`. */
const PLAIN_ARGUMENTS = MODULE_ARGUMENTS.filter((name) => name !== "modulesPath");
const MODULE_SCOPE: ReadonlySet<string> = new Set(MODULE_ARGUMENTS);

export const emitMachineConfigs: Emitter = (ctx) =>
  Object.entries(ctx.config.machines).map(([name, machine]) => ({
    path: machineConfigPath(name),
    kind: "machine" as const,
    render: () => printFile(machineExpr(ctx.config, machine), { header: headerLines(ctx) }),
  }));

export function machineExpr(config: HomelabConfig, machine: Machine): NixExpr {
  const boot = platform(machine);
  // One list the parts add to, in reading order (a machine has a dozen entries or so).
  const entries: PathEntry[] = boot.entries.slice();
  baseSystem(entries, config, machine);
  ageSecrets(entries, config, machine);
  containers(entries, machine);
  guestMounts(entries, machine);
  nfs(entries, machine);
  packages(entries, machine);
  entries.push(...dottedEntries(machine.nixos));
  services(entries, machine);
  const bindings = mergeBindings(entries);
  bindings.unshift(bind("imports", list(imports(config, machine, boot))));
  return fn(usesModulesPath(machine) ? MODULE_ARGUMENTS : PLAIN_ARGUMENTS, attrs(bindings), { ellipsis: true });
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
function baseSystem(entries: PathEntry[], config: HomelabConfig, machine: Machine): void {
  const fromProfile = machine.profile !== undefined;
  const tcp = unique(fromProfile ? machine.firewall.tcp : [22, ...machine.firewall.tcp]);
  if (!fromProfile && machine.stateVersion !== undefined) entries.push([["system", "stateVersion"], machine.stateVersion]);
  if (!fromProfile) entries.push([["networking", "hostName"], machine.hostname]);
  if (machine.timeZone !== undefined) entries.push([["time", "timeZone"], machine.timeZone]);
  if (!fromProfile) entries.push([["services", "openssh", "enable"], true]);
  if (tcp.length > 0) entries.push([["networking", "firewall", "allowedTCPPorts"], tcp]);
  if (machine.firewall.udp.length > 0) entries.push([["networking", "firewall", "allowedUDPPorts"], unique(machine.firewall.udp)]);
  for (const name of Object.keys(machine.users)) {
    const user = machine.users[name] as Machine["users"][string];
    const groups = user.admin ? unique(["wheel", ...user.extraGroups]) : unique(user.extraGroups);
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
}

/** `age.secrets.<name> = { file = ../../secrets/<file>; owner; group; mode; }`: who reads it, spelt out. */
function ageSecrets(entries: PathEntry[], config: HomelabConfig, machine: Machine): void {
  if (machine.identityPaths !== undefined) entries.push([["age", "identityPaths"], machine.identityPaths]);
  for (const name of Object.keys(machine.secrets)) {
    const use = machine.secrets[name] as Machine["secrets"][string];
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
}

function containers(entries: PathEntry[], machine: Machine): void {
  if (machine.docker) entries.push([["virtualisation", "docker", "enable"], true]);
  if (machine.podman) entries.push([["virtualisation", "podman", "enable"], true]);
}

/** The QEMU guest agent and virtiofs shares, mounted by mapping id and owned through tmpfiles. */
function guestMounts(entries: PathEntry[], machine: Machine): void {
  if (machine.kind !== "vm") return;
  if (machine.proxmox.agent) entries.push([["services", "qemuGuest", "enable"], true]);
  const mounted = machine.proxmox.virtiofs.flatMap((share) => (share.mountPoint === undefined ? [] : [{ ...share, at: share.mountPoint }]));
  for (const share of mounted) {
    entries.push([["fileSystems", share.at], { device: share.mapping, fsType: "virtiofs", options: ["rw", "relatime"] }]);
  }
  const rules = mounted.flatMap(({ at, mode, owner }) => (owner ? [tmpfilesDirectory(at, mode, owner)] : []));
  if (rules.length > 0) entries.push([["systemd", "tmpfiles", "rules"], rules]);
}

/** NFS client mounts as `fileSystems`, exports as `services.nfs.server.exports` lines. */
function nfs(entries: PathEntry[], machine: Machine): void {
  for (const mount of machine.nfs.mounts) {
    entries.push([["fileSystems", mount.mountPoint], { device: `${mount.server}:${mount.export}`, fsType: "nfs", options: mount.options }]);
  }
  if (machine.nfs.exports.length > 0) {
    const lines = machine.nfs.exports.map((e) => `${exportsLine(e)}\n`);
    entries.push([["services", "nfs", "server"], { enable: true, exports: str(lines.join("")) }]);
  }
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
function packages(entries: PathEntry[], machine: Machine): void {
  if (machine.packages.length === 0) return;
  const items = machine.packages.map((name) => packageRef(name, MODULE_SCOPE));
  entries.push([["environment", "systemPackages"], withPkgs(items)]);
}

/**
 * `homelab.services.<name> = { enable = true; … };` with the machine's overrides, and each secret bound
 * to a module option set to its decrypted path: `adminPasswordFile = config.age.secrets.<name>.path;`.
 */
function services(entries: PathEntry[], machine: Machine): void {
  for (const name of Object.keys(machine.services)) {
    const use = machine.services[name];
    entries.push([["homelab", "services", name], use === true ? ENABLED : { enable: true, ...use }]);
  }
  for (const name of Object.keys(machine.secrets)) {
    const use = machine.secrets[name];
    if (use === true || use === undefined || use.option === undefined) continue;
    entries.push([["homelab", "services", ...splitPath(use.option)], select(id("config"), ["age", "secrets", name, "path"])]);
  }
}

/** A service used as it is: only enabled (never changed: merging copies). */
const ENABLED: NixValue = { enable: true };

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
