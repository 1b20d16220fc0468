// A VM's root disk slot (`scsi0`, `virtio0`, …) and the bus it implies. The slot decides two things
// that must agree: the disk OpenTofu (or Proxmox) attaches, and the device the guest's boot loader
// is installed on. Absent, it is what hosts.nix's OpenTofu consumer creates.

export const defaultDiskInterface = "virtio0";

export type DiskBus = "ide" | "sata" | "scsi" | "virtio";

/** The bus of a slot: `scsi0` → `scsi`. */
export function rootDiskBus(diskInterface: string | undefined): DiskBus {
  return (diskInterface ?? defaultDiskInterface).replace(/[0-9]+$/, "") as DiskBus;
}
