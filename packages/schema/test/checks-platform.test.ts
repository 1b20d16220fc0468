import { describe, expect, test } from "vitest";
import { homelabConfig } from "../src/config.js";
import { rootDiskBus } from "../src/internal.js";
import { vmFixture, frameFixture } from "./fixtures.js";
import { edit, report } from "./report.js";

describe("platform", () => {
  test("a VM's root file system and boot loader come from proxmox.bios and diskInterface, not from raw settings", () => {
    const config = edit(vmFixture(), (c) => {
      // UEFI, so that /boot (its ESP) comes from the model too.
      c.machines.doc2.proxmox.bios = "ovmf";
      c.machines.doc2.nixos = {
        "boot.loader.grub.device": "/dev/sda",
        fileSystems: { "/": { device: "/dev/sda1", fsType: "ext4" }, "/data": { device: "/dev/sdb1", fsType: "ext4" } },
        "fileSystems./boot": { device: "/dev/sda2", fsType: "vfat" },
        "boot.kernelParams": ["console=ttyS0"],
      };
    });
    const message = "✖ a VM's root file system and boot loader come from proxmox.bios and proxmox.diskInterface (disks labelled nixos and ESP): remove this setting";
    expect(report(config)).toEqual([
      `vm-platform-setting: ${message} → at machines.doc2.nixos["boot.loader.grub.device"]`,
      `vm-platform-setting: ${message} → at machines.doc2.nixos.fileSystems`,
      `vm-platform-setting: ${message} → at machines.doc2.nixos["fileSystems./boot"]`,
    ]);
  });

  test("bare metal's hardware file is ./hardware.nix unless named; a VM's root disk is on VirtIO block unless named, as OpenTofu creates it", () => {
    const config = homelabConfig.parse(frameFixture());
    const metal = Object.values(config.machines).find((machine) => machine.kind === "metal");
    expect(metal?.kind === "metal" ? metal.hardware : undefined).toBe("./hardware.nix");
    const vm = Object.values(homelabConfig.parse(vmFixture()).machines).find((machine) => machine.kind === "vm");
    expect(vm?.kind === "vm" ? rootDiskBus(vm.proxmox.diskInterface) : undefined).toBe("virtio");
  });
});
