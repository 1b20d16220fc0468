// What a machine boots on, from its kind. NixOS asserts a root file system and a boot loader; a
// container gets neither (Proxmox starts it), a Proxmox VM gets both from the model, bare metal from
// the hardware configuration the user declares (`hardware`, and `disko` for the file systems).
//
// The VM disk layout convention (documented in the nixgen README):
//   ovmf (UEFI): GPT; an EFI system partition labelled ESP (vfat, mounted at /boot) and an ext4 root
//                labelled nixos; systemd-boot.
//   seabios:     MBR; an ext4 root labelled nixos; GRUB in the MBR of the disk.
import { id, op, path, type NixValue } from "@homelab/nix";
import { rootDiskBus } from "@homelab/schema/internal";
import type { DiskBus, Machine, VmMachine } from "@homelab/schema";
import type { PathEntry } from "./attr-paths.js";

export interface Platform {
  /** Modules the machine imports before its own. */
  readonly imports: readonly NixValue[];
  readonly entries: readonly PathEntry[];
}

export const rootLabel = "nixos";
export const espLabel = "ESP";

/** The disk the guest sees for each Proxmox disk bus (VirtIO SCSI, SATA and IDE disks are SCSI disks to Linux). */
export const diskDevice: Readonly<Record<DiskBus, string>> = {
  scsi: "/dev/sda",
  virtio: "/dev/vda",
  sata: "/dev/sda",
  ide: "/dev/sda",
};

// nixpkgs' profiles/qemu-guest.nix already makes virtio_pci, virtio_scsi, virtio_blk (and virtio_net,
// virtio_mmio, 9p) available in the initrd; what a bus needs beyond them is the disk driver above.
const initrdModules: Readonly<Record<DiskBus, readonly string[]>> = {
  scsi: ["sd_mod"],
  virtio: [],
  sata: ["ahci", "sd_mod"],
  // Proxmox's IDE controller is the i440fx's PIIX.
  ide: ["ata_piix", "sd_mod"],
};

// The same for every container and every VM: built once and shared (nodes are never changed).
const LXC_IMPORTS: readonly NixValue[] = [modulesPathFile("/virtualisation/proxmox-lxc.nix")];
const VM_IMPORTS: readonly NixValue[] = [modulesPathFile("/profiles/qemu-guest.nix")];

export function platform(machine: Machine): Platform {
  switch (machine.kind) {
    case "lxc":
      return { imports: LXC_IMPORTS, entries: [] };
    case "vm":
      return { imports: VM_IMPORTS, entries: vmEntries(machine) };
    case "metal":
      // The machine's own files: the hardware configuration, then the disko layout.
      return { imports: [machine.hardware, ...(machine.disko === undefined ? [] : [machine.disko])].map(path), entries: [] };
  }
}

/** Whether the machine's module needs `modulesPath` among its arguments. */
export function usesModulesPath(machine: Machine): boolean {
  return machine.kind !== "metal";
}

function vmEntries(machine: VmMachine): PathEntry[] {
  const { bios } = machine.proxmox;
  const diskBus = rootDiskBus(machine.proxmox.diskInterface);
  const root: PathEntry = [["fileSystems", "/"], { device: `/dev/disk/by-label/${rootLabel}`, fsType: "ext4" }];
  const modules = initrdModules[diskBus];
  const initrd: PathEntry[] = modules.length > 0 ? [[["boot", "initrd", "availableKernelModules"], [...modules]]] : [];
  if (bios === "ovmf") {
    return [
      root,
      // umask=0077: systemd-boot's random seed on the ESP must not be world-readable.
      [["fileSystems", "/boot"], { device: `/dev/disk/by-label/${espLabel}`, fsType: "vfat", options: ["umask=0077"] }],
      [["boot", "loader", "systemd-boot", "enable"], true],
      [["boot", "loader", "efi", "canTouchEfiVariables"], true],
      ...initrd,
    ];
  }
  return [root, [["boot", "loader", "grub", "device"], diskDevice[diskBus]], ...initrd];
}

/** `(modulesPath + "/profiles/qemu-guest.nix")`: a module of the NixOS the machine is built with. */
function modulesPathFile(file: string): NixValue {
  return op("+", id("modulesPath"), file);
}

/**
 * The commands (as shell words) that partition and format a VM's disk from the NixOS installer the way
 * its configuration mounts it; the runbook prints them.
 */
export function diskLayoutCommands(machine: VmMachine): string[][] {
  const disk = diskDevice[rootDiskBus(machine.proxmox.diskInterface)];
  if (machine.proxmox.bios === "ovmf") {
    return [
      ["parted", "-s", disk, "--", "mklabel", "gpt", "mkpart", espLabel, "fat32", "1MiB", "1GiB", "set", "1", "esp", "on", "mkpart", rootLabel, "ext4", "1GiB", "100%"],
      ["mkfs.fat", "-F", "32", "-n", espLabel, `${disk}1`],
      ["mkfs.ext4", "-L", rootLabel, `${disk}2`],
    ];
  }
  return [
    ["parted", "-s", disk, "--", "mklabel", "msdos", "mkpart", "primary", "ext4", "1MiB", "100%"],
    ["mkfs.ext4", "-L", rootLabel, `${disk}1`],
  ];
}
