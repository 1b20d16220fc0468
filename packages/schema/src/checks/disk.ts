// Disk sizes Proxmox takes: `pct create --rootfs <storage>:<GiB>` and a container's new volume
// (`mpN: <storage>:<GiB>,mp=…`) want whole GiB, and a size without a unit is bytes, far too small for NixOS.
import { diskSizeBytes, PASSTHROUGH, wholeGiB } from "../disk-size.js";
import { issue, type Issue } from "../issue.js";
import type { Check } from "./check-helpers.js";

const GiB = 1024 ** 3;

export const checkDiskSizes: Check = (config) =>
  Object.entries(config.machines).flatMap(([name, machine]): Issue[] => {
    if (machine.kind === "metal") return [];
    const at = ["machines", name, "proxmox"];
    const volumes = machine.kind === "lxc" ? machine.proxmox.volumes.flatMap((volume, i) => volumeSizeIssues(volume.size, [...at, "volumes", i, "size"])) : [];
    return [...rootDiskIssues(machine.kind, machine.proxmox.disk, [...at, "disk"]), ...volumes];
  });

function rootDiskIssues(kind: "lxc" | "vm", size: string, at: (string | number)[]): Issue[] {
  if (size === PASSTHROUGH) {
    return kind === "lxc" ? [issue("lxc-disk-size", at, "an LXC container needs a root disk of its own: passthrough is for VMs")] : [];
  }
  if (kind === "lxc" && wholeGiB(size) === undefined) {
    return [issue("lxc-disk-size", at, `LXC root disks are whole GiB (pct create --rootfs <storage>:<GiB>): ${size} is not; write e.g. 32G`)];
  }
  if (diskSizeBytes(size) < GiB) {
    const hint = /[KMGT]$/.test(size) ? "" : `; a size without a unit is bytes: did you mean ${size}G?`;
    return [issue("disk-size-small", at, `disk size ${size} is under 1 GiB, too small for NixOS${hint}`, "warning")];
  }
  return [];
}

/** A data volume may be small, but it is created on a storage in whole GiB like the root disk. */
function volumeSizeIssues(size: string, at: (string | number)[]): Issue[] {
  if (size === PASSTHROUGH) return [issue("lxc-disk-size", at, "a container's volume is created on a storage: passthrough is for VMs")];
  if (wholeGiB(size) === undefined) {
    return [issue("lxc-disk-size", at, `container volumes are whole GiB (mpN: <storage>:<GiB>): ${size} is not; write e.g. 16G`)];
  }
  return [];
}
