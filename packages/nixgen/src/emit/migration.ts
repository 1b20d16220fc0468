// MIGRATION.md: the migration plan as a checklist with this homelab's names, ids, paths and commands —
// storage first (datasets, directory mappings, the maintenance node), then per machine: create it,
// move the data, switch DNS/DHCP, test, and how to roll back. Only machines that replace another one, and LXC containers to create, appear.
import { managedMappings } from "@homelab/schema/internal";
import { resolveProfile, type HomelabConfig, type LxcMachine, type Machine, type VmMachine } from "@homelab/schema";
import { shellWord } from "../text/escape.js";
import { render, type Rendered } from "../text/render.js";
import { headerLines } from "./header.js";
import { loginUser } from "./hosts.js";
import { lxcSettings } from "./lxc-settings.js";
import { nodeLabel } from "./proxmox-nodes.js";
import { lxcCommands, lxcConfPath, lxcScriptPath } from "./proxmox-lxc.js";
import { mainEntries, storageSteps } from "./proxmox-storage.js";
import { diskLayoutCommands } from "./platform.js";
import type { EmitContext, Emitter } from "./types.js";
import { userFiles } from "./user-files.js";

export const emitMigration: Emitter = (ctx) => {
  const { config } = ctx;
  const storage = storageView(config);
  if (storage === undefined && !Object.values(config.machines).some(inRunbook) && userFiles(config, ctx.source).length === 0) return [];
  return [
    {
      path: "MIGRATION.md",
      kind: "markdown",
      // The machines' views are built when the file renders and dropped with it: built here, a
      // 10,000-machine homelab's (~5 MB) would be held while every other file is written.
      render: () =>
        render("migration.md", {
          header: headerLines(ctx),
          title: config.name,
          storage,
          provided: providedView(ctx),
          machines: Object.entries(config.machines).flatMap(([name, machine]) => (inRunbook(machine) ? [machineView(config, name, machine)] : [])),
        }),
    },
  ];
};

/** Machines that replace another one, and LXC containers to create, have a section. */
function inRunbook(machine: Machine): boolean {
  return machine.replaces !== undefined || machine.kind === "lxc";
}

function providedView(ctx: EmitContext) {
  return userFiles(ctx.config, ctx.source).map((file) => ({
    path: file.path,
    why: file.why,
    how: file.howToCreate,
    command: file.command === undefined ? undefined : `cd ${file.command.cwd} && ${file.command.run}`,
  }));
}

/** rsync runs grouped by where they run (a comment line above them in the fence). */
interface Copies {
  readonly where: string;
  /** `parent`: a directory to make first, as rsync makes only the last one. */
  readonly rsyncs: readonly { readonly source: string; readonly dest: string; readonly parent: string | undefined }[];
}

function storageView(config: HomelabConfig) {
  const steps = storageSteps(config);
  if (steps.length === 0) return undefined;
  return {
    datasets: steps
      .filter((step) => step.kind === "datasets")
      .map((step) => ({
        node: step.node,
        commands: step.commands,
        datasets: config.storage.datasets
          .filter((dataset) => dataset.node === step.node)
          .map((dataset) => ({
            name: dataset.name,
            check: `zfs list -o name,mountpoint ${sh(dataset.name)} && ls -ld ${sh(dataset.mountpoint)}`,
            mountpoint: dataset.mountpoint,
            owner: dataset.owner === undefined ? undefined : `${dataset.owner.uid}:${dataset.owner.gid}`,
          })),
      })),
    mappings: steps
      .filter((step) => step.kind === "mappings")
      .map((step) => ({
        commands: step.commands,
        checks: managedMappings(config.storage.mappings).map(([id]) => ({
          id,
          check: `pvesh get ${sh(`/cluster/mapping/dir/${id}`)}`,
        })),
      }))[0],
    maintenance: steps
      .filter((step) => step.kind === "maintenance")
      .map((step) => maintenanceView(config, step.node as string, step.commands)),
  };
}

/** Moving a node's storage: sync the main node's path to the maintenance node, move the VMs offline, reverse after. */
function maintenanceView(config: HomelabConfig, node: string, commands: Rendered) {
  const target = sshTarget(config.proxmox.nodes[node]?.address ?? node);
  const targetStorage = config.proxmox.nodes[node]?.storage;
  const mappings = managedMappings(config.storage.mappings).filter(([, mapping]) => mapping.paths[node] !== undefined);
  const syncs: Copies[] = mappings.flatMap(([id, mapping]) =>
    mainEntries(config, id)
      .filter(([main]) => main !== node)
      .map(([main, path]) => ({
        where: `On ${nodeLabel(config, main)}`,
        rsyncs: [{ source: dir(path), dest: `${target}:${dir(mapping.paths[node] as string)}`, parent: undefined }],
      })),
  );
  const ids = new Set(mappings.map(([id]) => id));
  const vms = vmMachines(config).filter(([, vm]) => vm.proxmox.virtiofs.some((share) => ids.has(share.mapping)));
  return {
    node,
    commands,
    syncs,
    target,
    vms: vms.map(([name, vm]) => ({
      name,
      vmid: vm.proxmox.vmid,
      where: `On ${nodeLabel(config, vm.proxmox.node)}`,
      // Local disks move only to a storage the target node has (`qm migrate --targetstorage`, qm(1)).
      targetStorage: targetStorage !== undefined && targetStorage !== vm.proxmox.storage ? targetStorage : undefined,
    })),
  };
}

function machineView(config: HomelabConfig, name: string, machine: Machine) {
  const old = machine.replaces?.host;
  const runtime = containerRuntime(config, machine);
  const user = loginUser(config, machine);
  return {
    name,
    hostname: machine.hostname,
    description: machine.description,
    old,
    kind: { lxc: "LXC container", vm: "VM", metal: "machine" }[machine.kind],
    vmid: machine.kind === "metal" ? undefined : machine.proxmox.vmid,
    node: machine.kind === "metal" ? undefined : machine.proxmox.node,
    lxc: machine.kind === "lxc" ? lxcView(config, name, machine) : undefined,
    vm: machine.kind === "vm" ? vmView(machine) : undefined,
    docker: runtime === "docker",
    podman: runtime === "podman",
    images:
      old !== undefined && runtime !== undefined && machine.kind === "lxc"
        ? { where: `On ${machine.hostname}, as root`, source: sshTarget(old) }
        : undefined,
    copies: old === undefined ? [] : copies(config, machine, old),
    landing: old === undefined ? [] : landing(config, machine, old),
    network: networkView(machine),
    checks: {
      start:
        machine.kind === "lxc"
          ? `pct start ${machine.proxmox.vmid}`
          : machine.kind === "vm"
            ? `qm start ${machine.proxmox.vmid}`
            : undefined,
      rebuild: `nixos-rebuild switch --flake ${sh(`.#${name}`)}`,
      ssh: user === undefined ? undefined : `ssh ${sh(`${user}@${machine.hostname}`)}`,
      ps: runtime === undefined ? undefined : `${runtime} ps`,
      mounts: machine.kind === "lxc" ? machine.proxmox.bindMounts.map((mount) => mount.container) : [],
      dataPaths: machine.replaces?.dataPaths ?? [],
      services: Object.keys(machine.services),
    },
  };
}

function lxcView(config: HomelabConfig, name: string, machine: LxcMachine) {
  const settings = lxcSettings(config, name);
  return {
    vmid: settings.vmid,
    node: settings.node,
    address: config.proxmox.nodes[settings.node]?.address,
    commands: lxcCommands(settings),
    conf: lxcConfPath(settings.vmid),
    script: lxcScriptPath(settings.vmid),
    configCheck: `pct config ${settings.vmid}`,
    // Unprivileged containers see host uid 101000 as their uid 1000 (the default `lxc.idmap` of pct(1), "Unprivileged Containers").
    uidShift: !machine.proxmox.privileged && machine.proxmox.bindMounts.length > 0,
  };
}

function vmView(machine: VmMachine) {
  const { proxmox } = machine;
  return {
    vmid: proxmox.vmid,
    shares: proxmox.virtiofs.map((share) => ({
      mapping: share.mapping,
      mountPoint: share.mountPoint,
      owner: share.owner === undefined ? undefined : `${share.owner.user}:${share.owner.group}`,
      check:
        share.mountPoint === undefined
          ? undefined
          : `findmnt ${sh(share.mountPoint)} && ls -ld ${sh(share.mountPoint)}`,
    })),
    reboot: `qm reboot ${proxmox.vmid}`,
    layout: diskLayoutCommands(machine),
    deferred: proxmox.passthrough
      .filter((device) => device.deferred)
      .map((device) => ({ id: device.id, note: device.note })),
  };
}

/**
 * The rsync commands of the data move, grouped by where they run. A path under a VM's virtiofs share goes
 * straight into the mapping's directory on the VM's node, under the old host's name (
 * `/nvmeprom/containers/doc1/`); anything else is pulled by the new machine itself.
 */
function copies(config: HomelabConfig, machine: Machine, old: string): Copies[] {
  const groups = new Map<string, Copies["rsyncs"][number][]>();
  for (const path of machine.replaces?.dataPaths ?? []) {
    const into = shareLanding(config, machine, old, path);
    const where = into === undefined ? `On ${machine.hostname}, as root` : `On ${nodeLabel(config, into.node)}`;
    const dest = dir(into?.hostPath ?? path);
    // rsync makes only the last directory; under a share, `<mapping>/<old>/` may not exist yet.
    const parent = into?.nested === true ? dest.slice(0, dest.slice(0, -1).lastIndexOf("/")) : undefined;
    groups.set(where, [...(groups.get(where) ?? []), { source: `${sshTarget(old)}:${dir(path)}`, dest, parent }]);
  }
  return [...groups].map(([where, rsyncs]) => ({ where, rsyncs }));
}

/** Where copied share data shows up inside the new VM: `/mnt/docker/doc1`. */
function landing(config: HomelabConfig, machine: Machine, old: string): { path: string; guestPath: string }[] {
  return (machine.replaces?.dataPaths ?? []).flatMap((path) => {
    const into = shareLanding(config, machine, old, path);
    return into === undefined ? [] : [{ path, guestPath: into.guestPath }];
  });
}

interface ShareLanding {
  readonly node: string;
  /** `/nvmeprom/containers/doc1/app` on the node */
  readonly hostPath: string;
  /** `/mnt/docker/doc1/app` in the guest */
  readonly guestPath: string;
  /** Below the old host's directory rather than the directory itself. */
  readonly nested: boolean;
}

/** Where a data path of the old host goes when it lies under one of the new VM's virtiofs shares. */
function shareLanding(config: HomelabConfig, machine: Machine, old: string, path: string): ShareLanding | undefined {
  if (machine.kind !== "vm") return undefined;
  const share = shareOf(machine, path);
  const mapping = share === undefined ? undefined : config.storage.mappings[share.mapping];
  // A mapping created elsewhere has no path this config knows: no host-side copy to write.
  const base = mapping?.managed === true ? mapping.paths[machine.proxmox.node] : undefined;
  if (share?.mountPoint === undefined || base === undefined) return undefined;
  const mountPoint = share.mountPoint.replace(/\/$/, "");
  const rest = path.slice(mountPoint.length).replace(/\/$/, "");
  return {
    node: machine.proxmox.node,
    hostPath: `${base.replace(/\/$/, "")}/${old}${rest}`,
    guestPath: `${mountPoint}/${old}${rest}`,
    nested: rest !== "",
  };
}

function shareOf(machine: VmMachine, path: string): VmMachine["proxmox"]["virtiofs"][number] | undefined {
  return machine.proxmox.virtiofs.find(
    (share) =>
      share.mountPoint !== undefined &&
      (path === share.mountPoint || path.startsWith(`${share.mountPoint.replace(/\/$/, "")}/`)),
  );
}

/** Docker or Podman, set on the machine or by its profile's `dockerEnable`. */
function containerRuntime(config: HomelabConfig, machine: Machine): "docker" | "podman" | undefined {
  if (machine.docker) return "docker";
  if (machine.podman) return "podman";
  if (machine.profile === undefined) return undefined;
  return resolveProfile(config.profiles, machine.profile).userSettings["dockerEnable"] === true ? "docker" : undefined;
}

function networkView(machine: Machine) {
  if (machine.kind === "metal") return { mac: undefined, address: undefined };
  const { network } = machine.proxmox;
  return { mac: network.mac, address: network.ip === "dhcp" ? undefined : network.ip.address };
}

function vmMachines(config: HomelabConfig): [string, VmMachine][] {
  return Object.entries(config.machines).flatMap(([name, machine]) => (machine.kind === "vm" ? [[name, machine]] : []));
}

/** `root@doc1`, or the address as given when it names a user already. */
function sshTarget(host: string): string {
  return host.includes("@") ? host : `root@${host}`;
}

/** rsync copies a directory's contents when the source ends in `/`; the destination gets one too. */
function dir(path: string): string {
  return path.endsWith("/") ? path : `${path}/`;
}

function sh(value: string): string {
  return shellWord(value, "MIGRATION.md");
}
