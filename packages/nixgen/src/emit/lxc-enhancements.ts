// profiles/<dir>/enhancements.nix: the module that gives the profile system's proposed LXC profile keys
// (journald*, nfsServerEnable, nfsExports) an effect. In the real profile system nothing reads them,
// so without this module they would do nothing. Every key is read with a fallback, so a profile that
// sets none of them (LXCtemplate, LXCplane) builds exactly as before, apart from store optimisation.
import {
  attrs,
  bind,
  call,
  fn,
  id,
  ifThen,
  letIn,
  list,
  op,
  printFile,
  ref,
  select,
  str,
  type NixExpr,
} from "@homelab/nix";
import { resolveProfile, type HomelabConfig } from "@homelab/schema";
import { headerLines } from "./header.js";
import type { Emitter } from "./types.js";
import { rememberedPer } from "./remembered.js";

export const emitLxcEnhancements: Emitter = (ctx) =>
  lxcProfileDirs(ctx.config).map((dir) => ({
    path: `profiles/${dir}/enhancements.nix`,
    kind: "module" as const,
    render: () =>
      printFile(lxcEnhancementsExpr(), {
        header: [...headerLines(ctx), "", `NixOS module for machines built from profiles/${dir}/: the LXC profile keys that base.nix does not read.`],
      }),
  }));

/** Profile system directories of LXC profiles: `proxmox-lxc`, and any that an LXC machine's profile uses. */
export const lxcProfileDirs: (config: HomelabConfig) => readonly string[] = rememberedPer(profileDirs);

function profileDirs(config: HomelabConfig): string[] {
  const builtByLxc = new Set<string>();
  for (const machine of Object.values(config.machines)) {
    if (machine.kind === "lxc" && machine.profile !== undefined) builtByLxc.add(machine.profile);
  }
  const dirs = new Set<string>();
  for (const name of Object.keys(config.profiles)) {
    const dir = resolveProfile(config.profiles, name).systemSettings["profile"];
    if (typeof dir !== "string") continue;
    if (dir === "proxmox-lxc" || builtByLxc.has(name)) dirs.add(dir);
  }
  return [...dirs].sort();
}

// rpcbind 111 and nfsd 2049 are fixed; statd, lockd and mountd get fixed ports so they can be opened.
// The numbers are the profile system's own (system/hardware/nfs_server.nix) and the seed's firewall lists.
const NFS_PORTS = { statdPort: 4000, lockdPort: 4001, mountdPort: 4002 } as const;
const NFS_TCP = [111, 2049, NFS_PORTS.statdPort, NFS_PORTS.lockdPort, NFS_PORTS.mountdPort];
const NFS_UDP = [111, NFS_PORTS.statdPort, NFS_PORTS.lockdPort, NFS_PORTS.mountdPort];

const settings = id("systemSettings");

/** `systemSettings.<key>` */
function setting(key: string, orDefault?: NixExpr | boolean | string): NixExpr {
  return select(settings, [key], orDefault);
}

/** `lib.mkIf (systemSettings ? <key>) "<Name>=${value}"`: one journald.conf line, only when the key is set. */
function journaldLine(key: string, name: string, value: NixExpr): NixExpr {
  return call(ref("lib.mkIf"), op("?", settings, id(key)), str(`${name}=`, value));
}

/**
 * ```nix
 * { lib, systemSettings, ... }:
 * let
 *   nfsServer = systemSettings.nfsServerEnable or false;
 * in
 * {
 *   services.journald.extraConfig = lib.mkMerge [ (lib.mkIf (systemSettings ? journaldMaxUse) "SystemMaxUse=…") … ];
 *   nix.settings.auto-optimise-store = lib.mkDefault (systemSettings.nixAutoOptimiseStore or true);
 *   services.nfs.server = lib.mkIf nfsServer { enable = true; … };
 *   networking.firewall = lib.mkIf nfsServer { allowedTCPPorts = [ … ]; allowedUDPPorts = [ … ]; };
 * }
 * ```
 */
export function lxcEnhancementsExpr(): NixExpr {
  const nfsServer = id("nfsServer");
  const journald = call(
    ref("lib.mkMerge"),
    list([
      journaldLine("journaldMaxUse", "SystemMaxUse", setting("journaldMaxUse")),
      journaldLine("journaldMaxRetentionSec", "MaxRetentionSec", setting("journaldMaxRetentionSec")),
      journaldLine("journaldCompress", "Compress", ifThen(setting("journaldCompress"), "yes", "no")),
    ]),
  );
  const body = attrs([
    bind(["services", "journald", "extraConfig"], journald, {
      comment: "journald limits, each only when the profile sets its key",
    }),
    bind(
      ["nix", "settings", "auto-optimise-store"],
      call(ref("lib.mkDefault"), setting("nixAutoOptimiseStore", true)),
      { comment: "Deduplicates the store on small LXC root disks; opt out with nixAutoOptimiseStore = false" },
    ),
    bind(
      ["services", "nfs", "server"],
      call(
        ref("lib.mkIf"),
        nfsServer,
        attrs([
          bind("enable", true),
          bind("exports", setting("nfsExports", "")),
          ...Object.entries(NFS_PORTS).map(([option, port]) => bind(option, port)),
        ]),
      ),
      {
        comment:
          "NFS server (nfsServerEnable): needs a privileged container, the host's nfsd module\nand lxc.apparmor.profile: unconfined",
      },
    ),
    bind(
      ["networking", "firewall"],
      call(ref("lib.mkIf"), nfsServer, attrs({ allowedTCPPorts: NFS_TCP, allowedUDPPorts: NFS_UDP })),
    ),
  ]);
  return fn(
    ["lib", "systemSettings"],
    letIn([bind("nfsServer", setting("nfsServerEnable", false))], body),
    { ellipsis: true },
  );
}
