// What an LXC container must be given for what runs inside it (Proxmox's pct(1), "Container
// features", and pve-container src/PVE/LXC/Config.pm): Docker needs nesting and keyctl, FUSE needs fuse, NFS needs a privileged
// container (and AppArmor unconfined to serve).
import { isNixExpr } from "@homelab/nix";
import { issue, type Issue } from "../issue.js";
import { lxcMachines, machineProfile, settingSource, type Check } from "./check-helpers.js";

/** Packages whose main use mounts a FUSE file system. */
const fusePackages = ["gocryptfs", "sshfs", "rclone", "s3fs", "mergerfs", "bindfs", "encfs", "cryfs"];

const unconfined = /^lxc\.apparmor\.profile:\s*unconfined\s*$/;

export const checkLxcDocker: Check = (config) =>
  lxcMachines(config).flatMap(([name, machine]) => {
    const profile = machineProfile(config, machine);
    const docker =
      machine.docker ||
      profile?.userSettings["dockerEnable"] === true ||
      profile?.systemSettings["homelabDockerEnable"] === true;
    const { nesting, keyctl } = machine.proxmox.features;
    return docker && !(nesting && keyctl)
      ? [
          issue(
            "lxc-docker-features",
            ["machines", name, "proxmox", "features"],
            "LXC containers that run Docker need features.nesting and features.keyctl",
          ),
        ]
      : [];
  });

export const checkLxcFuse: Check = (config) =>
  lxcMachines(config).flatMap(([name, machine]) => {
    if (machine.proxmox.features.fuse) return [];
    const profile = machineProfile(config, machine);
    const packages = [
      ...machine.packages,
      ...listOfStrings(profile?.systemSettings["systemPackages"]),
      ...listOfStrings(profile?.userSettings["homePackages"]),
    ];
    const users = [...new Set([...packages.filter((p) => fusePackages.includes(p)), ...fuseFsTypes(machine.nixos)])];
    return users.length === 0
      ? []
      : [
          issue(
            "lxc-fuse-feature",
            ["machines", name, "proxmox", "features"],
            `LXC containers that use FUSE (${users.join(", ")}) need features.fuse`,
          ),
        ];
  });

export const checkLxcNfs: Check = (config) =>
  lxcMachines(config).flatMap(([name, machine]) => {
    const profile = machineProfile(config, machine);
    const server = machine.nfs.exports.length > 0 || profile?.systemSettings["nfsServerEnable"] === true;
    const client = machine.nfs.mounts.length > 0 || profile?.systemSettings["nfsClientEnable"] === true;
    const { privileged, raw } = machine.proxmox;
    const apparmor = raw.some((line) => unconfined.test(line));
    const at = ["machines", name, "proxmox"];
    const found: Issue[] = [];
    if (server && !privileged) {
      found.push(
        issue(
          "lxc-nfs-server-privileged",
          [...at, "privileged"],
          "An NFS server in an LXC container needs a privileged container (privileged: true)",
        ),
      );
    }
    if (server && !apparmor) {
      found.push(
        issue(
          "lxc-nfs-server-apparmor",
          [...at, "raw"],
          'An NFS server in an LXC container needs "lxc.apparmor.profile: unconfined" in proxmox.raw',
        ),
      );
    }
    // The kernel refuses NFS mounts in a user namespace, so no AppArmor profile makes them work there.
    if (client && !server && !privileged) {
      found.push(
        issue(
          "lxc-nfs-client-privileged",
          [...at, "privileged"],
          "NFS mounts inside an LXC container need a privileged container (privileged: true): the kernel refuses NFS in an unprivileged one, whatever its AppArmor profile",
        ),
      );
    }
    return found;
  });

export const checkLxcQemuGuest: Check = (config) =>
  lxcMachines(config).flatMap(([name, machine]) => {
    const profile = machineProfile(config, machine);
    if (profile?.userSettings["qemuGuestAddition"] !== true) return [];
    const source = settingSource(config, profile.chain, "userSettings", "qemuGuestAddition") as string;
    return [
      issue(
        "lxc-qemu-guest",
        ["profiles", source, "userSettings", "qemuGuestAddition"],
        `qemuGuestAddition is for VMs; LXC container ${name} has no QEMU guest agent to talk to`,
        "warning",
      ),
    ];
  });

function listOfStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** FUSE file system types in the machine's extra NixOS settings (`fileSystems."/x".fsType`). */
function fuseFsTypes(value: unknown): string[] {
  if (isNixExpr(value) || typeof value !== "object" || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(fuseFsTypes);
  return Object.entries(value).flatMap(([key, item]) =>
    (key === "fsType" || key.endsWith(".fsType")) &&
    typeof item === "string" &&
    /^(fuse(\.|3?$)|sshfs$|rclone$)/.test(item)
      ? [item]
      : fuseFsTypes(item),
  );
}
