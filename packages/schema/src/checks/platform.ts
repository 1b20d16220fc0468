// What makes a machine bootable comes from one place. A Proxmox VM's root file system and boot loader
// come from its `proxmox.bios` and `proxmox.diskInterface`, so raw settings must not set them too. (Bare
// metal's come from its hardware file, which `nixgen gen` requires to exist.)
import { issue } from "../issue.js";
import type { Check } from "./check-helpers.js";
import { vmMachines } from "./check-helpers.js";

export const checkVmPlatformSettings: Check = (config) =>
  vmMachines(config).flatMap(([name, machine]) =>
    Object.entries(machine.nixos).flatMap(([key, value]) => {
      // `fileSystems: { "/": … }`, or `fileSystems./` written as one dotted path.
      const mounts =
        key === "fileSystems" && typeof value === "object" && value !== null && !Array.isArray(value)
          ? Object.keys(value)
          : key.startsWith("fileSystems.") ? [key.slice("fileSystems.".length)] : [];
      const platform =
        key === "boot.loader" ||
        key.startsWith("boot.loader.") ||
        mounts.includes("/") ||
        (machine.proxmox.bios === "ovmf" && mounts.includes("/boot"));
      return platform
        ? [
            issue(
              "vm-platform-setting",
              ["machines", name, "nixos", key],
              "a VM's root file system and boot loader come from proxmox.bios and proxmox.diskInterface (disks labelled nixos and ESP): remove this setting",
            ),
          ]
        : [];
    }),
  );
