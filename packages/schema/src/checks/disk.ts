// Root disk sizes Proxmox takes: `pct create --rootfs <storage>:<GiB>` wants whole GiB, and a size
// without a unit is bytes, far too small for NixOS.
import { diskSizeBytes, PASSTHROUGH, wholeGiB } from "../disk-size.js";
import { issue, type Issue } from "../issue.js";
import type { Check } from "./check-helpers.js";

const GiB = 1024 ** 3;

export const checkDiskSizes: Check = (config) =>
  Object.entries(config.machines).flatMap(([name, machine]): Issue[] => {
    if (machine.kind === "metal") return [];
    const size = machine.proxmox.disk;
    const at = ["machines", name, "proxmox", "disk"];
    if (size === PASSTHROUGH) {
      return machine.kind === "lxc"
        ? [issue("lxc-disk-size", at, "an LXC container needs a root disk of its own: passthrough is for VMs")]
        : [];
    }
    if (machine.kind === "lxc" && wholeGiB(size) === undefined) {
      return [
        issue(
          "lxc-disk-size",
          at,
          `LXC root disks are whole GiB (pct create --rootfs <storage>:<GiB>): ${size} is not; write e.g. 32G`,
        ),
      ];
    }
    if (diskSizeBytes(size) < GiB) {
      const hint = /[KMGT]$/.test(size) ? "" : `; a size without a unit is bytes: did you mean ${size}G?`;
      return [issue("disk-size-small", at, `disk size ${size} is under 1 GiB, too small for NixOS${hint}`, "warning")];
    }
    return [];
  });
