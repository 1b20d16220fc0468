// What each machine boots on: the model's firmware and disk bus become the root file system, the boot
// loader and the initrd's disk driver of a Proxmox VM; containers import Proxmox's LXC module; bare
// metal imports its hardware file. And every generated example holds to it.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { attrs, list, print } from "@homelab/nix";
import type { MachineInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { mergeBindings } from "../src/emit/attr-paths.js";
import { diskLayoutCommands, platform } from "../src/emit/platform.js";
import { homelab } from "./helpers/homelab-config.js";

const placement = { node: "pve", vmid: 120, cores: 2, memory: 4096, disk: "32G", storage: "local-lvm" } as const;
const vm = (proxmox: Record<string, string>): MachineInput => ({ kind: "vm", hostname: "v", proxmox: { ...placement, ...proxmox } });

function printed(given: MachineInput): string {
  const machine = homelab({ machines: { m: given } }).machines["m"]!;
  const { imports, entries } = platform(machine);
  return `${print(list([...imports]))}\n${print(attrs(mergeBindings(entries)))}`;
}

const cases: [name: string, { given: MachineInput; want: string }][] = [
  [
    "OVMF on VirtIO SCSI: ESP at /boot, systemd-boot, the SCSI disk driver",
    {
      given: vm({ bios: "ovmf", diskInterface: "scsi0" }),
      want: `[
  (modulesPath + "/profiles/qemu-guest.nix")
]
{
  fileSystems."/" = {
    device = "/dev/disk/by-label/nixos";
    fsType = "ext4";
  };
  fileSystems."/boot" = {
    device = "/dev/disk/by-label/ESP";
    fsType = "vfat";
    options = [ "umask=0077" ];
  };
  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;
  boot.initrd.availableKernelModules = [ "sd_mod" ];
}`,
    },
  ],
  [
    "SeaBIOS on VirtIO block (the defaults, what hosts.nix's OpenTofu consumer creates): GRUB on /dev/vda; qemu-guest.nix already loads virtio_blk",
    {
      given: vm({}),
      want: `[
  (modulesPath + "/profiles/qemu-guest.nix")
]
{
  fileSystems."/" = {
    device = "/dev/disk/by-label/nixos";
    fsType = "ext4";
  };
  boot.loader.grub.device = "/dev/vda";
}`,
    },
  ],
  [
    "SeaBIOS on SATA: GRUB on /dev/sda, AHCI and the SCSI disk driver",
    {
      given: vm({ bios: "seabios", diskInterface: "sata0" }),
      want: `[
  (modulesPath + "/profiles/qemu-guest.nix")
]
{
  fileSystems."/" = {
    device = "/dev/disk/by-label/nixos";
    fsType = "ext4";
  };
  boot.loader.grub.device = "/dev/sda";
  boot.initrd.availableKernelModules = [
    "ahci"
    "sd_mod"
  ];
}`,
    },
  ],
  [
    "bare metal: its hardware file (./hardware.nix unless named), then its disko layout",
    {
      given: { kind: "metal", hostname: "b", disko: "./disko.nix" },
      want: `[
  ./hardware.nix
  ./disko.nix
]
{ }`,
    },
  ],
];

describe("platform", () => {
  test.each(cases)("%s", (_, { given, want }) => {
    expect(printed(given)).toBe(want);
  });

  test("the runbook's disk commands make the labels the configuration mounts", () => {
    const machine = (bios: string, diskInterface: string) => homelab({ machines: { m: vm({ bios, diskInterface }) } }).machines["m"]!;
    const lines = (bios: string, diskInterface: string) => {
      const m = machine(bios, diskInterface);
      return m.kind === "vm" ? diskLayoutCommands(m).map((words) => words.join(" ")) : [];
    };
    expect(lines("ovmf", "virtio0")).toEqual([
      "parted -s /dev/vda -- mklabel gpt mkpart ESP fat32 1MiB 1GiB set 1 esp on mkpart nixos ext4 1GiB 100%",
      "mkfs.fat -F 32 -n ESP /dev/vda1",
      "mkfs.ext4 -L nixos /dev/vda2",
    ]);
    expect(lines("seabios", "scsi0")).toEqual([
      "parted -s /dev/sda -- mklabel msdos mkpart primary ext4 1MiB 100%",
      "mkfs.ext4 -L nixos /dev/sda1",
    ]);
  });
});

describe("generated examples", () => {
  const generated = fileURLToPath(new URL("../../../generated/", import.meta.url));
  const machines = readdirSync(generated).flatMap((example) =>
    readdirSync(`${generated}${example}/machines`).map((name): [string, string] => [
      `${example}/${name}`,
      readFileSync(`${generated}${example}/machines/${name}/default.nix`, "utf8"),
    ]),
  );
  const evaluated = (id: string) =>
    JSON.parse(readFileSync(`${generated}${id.replace("/", "/.eval/nixosConfigurations.")}.json`, "utf8")) as {
      config: { fileSystems?: Record<string, unknown>; boot?: { loader?: unknown } };
    };

  test.each(machines)("%s boots: a container imports proxmox-lxc.nix, anything else has a root file system and a boot loader", (id, text) => {
    if (text.includes('(modulesPath + "/virtualisation/proxmox-lxc.nix")')) return;
    const { config } = evaluated(id);
    // With disko, the root file system comes from its layout (nixgen eval's disko stand-in derives it).
    expect(config.fileSystems?.["/"], id).toBeDefined();
    expect(config.boot?.loader, id).toBeDefined();
  });
});
