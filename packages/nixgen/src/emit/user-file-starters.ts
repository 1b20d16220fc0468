// The starters `nixgen scaffold` writes for user files: commented NixOS modules that say where the real
// content comes from, shaped like what the generated machines expect. Built as Nix ASTs, as every
// generated file is; they carry no "do not edit" header, because the user owns them from then on.
import { attrs, bind, call, fn, id, list, op, printFile, select, str, type BindingNode, type NixExpr } from "@homelab/nix";
import type { MetalMachine, ResolvedProfile } from "@homelab/schema";

function starterHeader(source: string, lines: readonly string[]): string[] {
  return [`Starter written by \`nixgen scaffold\` from ${source}: this file is yours; nixgen never overwrites it.`, ...lines];
}

/** Bare metal: boot loader and (without disko) the file systems of nixgen's layout, until nixos-generate-config replaces the rest. */
export function hardwareStarter(name: string, machine: MetalMachine, source: string): string {
  const fileSystems: BindingNode[] =
    machine.disko === undefined
      ? [
          bind(["fileSystems", "/"], { device: "/dev/disk/by-label/nixos", fsType: "ext4" }),
          bind(["fileSystems", "/boot"], { device: "/dev/disk/by-label/ESP", fsType: "vfat", options: ["umask=0077"] }),
        ]
      : [];
  const layout =
    machine.disko === undefined
      ? "The layout it expects: a GPT disk with an EFI system partition labelled ESP (vfat, at /boot) and an ext4 root labelled nixos."
      : `The file systems come from ${machine.disko} (disko): leave fileSystems out of this file.`;
  const module = fn(
    ["modulesPath"],
    attrs([
      bind("imports", list([op("+", id("modulesPath"), "/installer/scan/not-detected.nix")])),
      bind(["boot", "initrd", "availableKernelModules"], [], { comment: "What nixos-generate-config detects, e.g. nvme xhci_pci ahci usb_storage sd_mod" }),
      bind(["boot", "kernelModules"], []),
      bind(["boot", "loader", "systemd-boot", "enable"], true, { comment: "UEFI; keep this when you paste the detected configuration" }),
      bind(["boot", "loader", "efi", "canTouchEfiVariables"], true),
      ...fileSystems,
    ]),
    { ellipsis: true },
  );
  return printFile(module, {
    header: starterHeader(source, [
      `The hardware configuration of ${name}. On ${name}, run`,
      `  nixos-generate-config --show-hardware-config${machine.disko === undefined ? "" : " --no-filesystems"}`,
      "and put what it detects here (kernel modules, CPU microcode, file systems), keeping the boot loader.",
      layout,
    ]),
  });
}

/** One disk, GPT: a 1 GiB EFI system partition at /boot and an ext4 root on the rest. */
export function diskoStarter(name: string, source: string): string {
  const partitions = {
    ESP: { size: "1G", type: "EF00", content: { type: "filesystem", format: "vfat", mountpoint: "/boot", mountOptions: ["umask=0077"] } },
    root: { size: "100%", content: { type: "filesystem", format: "ext4", mountpoint: "/" } },
  };
  const layout = attrs([
    bind(["disko", "devices", "disk", "main"], attrs([
      bind("type", "disk"),
      bind("device", "/dev/nvme0n1", { comment: `The disk of ${name} as \`lsblk\` names it; prefer /dev/disk/by-id/…` }),
      bind("content", { type: "gpt", partitions }),
    ])),
  ]);
  return printFile(layout, {
    header: starterHeader(source, [
      `The disk layout of ${name} for disko (https://github.com/nix-community/disko), which formats the disk`,
      "at installation and declares fileSystems from it.",
    ]),
  });
}

export function moduleStarter(name: string, source: string): string {
  return printFile(fn(["config", "lib", "pkgs"], attrs([]), { ellipsis: true }), {
    header: starterHeader(source, [`A NixOS module ${name} imports: its settings go here.`]),
  });
}

// Profile settings a profile system's module turns into NixOS options (profiles/*/configuration.nix).
const systemOptions: readonly (readonly [key: string, option: readonly string[]])[] = [
  ["hostname", ["networking", "hostName"]],
  ["systemStateVersion", ["system", "stateVersion"]],
  ["timezone", ["time", "timeZone"]],
  ["locale", ["i18n", "defaultLocale"]],
  ["nameServers", ["networking", "nameservers"]],
  ["resolvedEnable", ["services", "resolved", "enable"]],
  ["allowedTCPPorts", ["networking", "firewall", "allowedTCPPorts"]],
  ["allowedUDPPorts", ["networking", "firewall", "allowedUDPPorts"]],
  ["wheelNeedsPassword", ["security", "sudo", "wheelNeedsPassword"]],
  ["fail2banEnable", ["services", "fail2ban", "enable"]],
  ["havegedEnable", ["services", "haveged", "enable"]],
];

/**
 * A module reading the settings the flake passes (`systemSettings`, `userSettings`), limited to the
 * keys every profile built on this system has, so it evaluates for each of them.
 */
export function profileSystemStarter(system: string, profiles: readonly ResolvedProfile[], source: string): string {
  const everywhere = (section: "systemSettings" | "userSettings", key: string) =>
    profiles.every((profile) => profile[section][key] !== undefined);
  const setting = (section: "systemSettings" | "userSettings", key: string) => select(id(section), [key]);
  const bindings: BindingNode[] = systemOptions.flatMap(([key, option]) =>
    everywhere("systemSettings", key) ? [bind([...option], setting("systemSettings", key))] : [],
  );
  if (everywhere("systemSettings", "systemPackages")) {
    bindings.push(
      bind(["environment", "systemPackages"], call(setting("systemSettings", "systemPackages"), id("pkgs"), id("pkgs")), {
        comment: "The settings hold `pkgs: pkgs-unstable: [ … ]`; pass your unstable package set second",
      }),
    );
  }
  bindings.push(bind(["services", "openssh", "enable"], true));
  if (everywhere("userSettings", "username")) {
    const user = [
      bind("isNormalUser", true),
      ...(everywhere("userSettings", "name") ? [bind("description", setting("userSettings", "name"))] : []),
      ...(everywhere("userSettings", "extraGroups") ? [bind("extraGroups", setting("userSettings", "extraGroups"))] : []),
    ];
    bindings.push(bind(["users", "users", str(setting("userSettings", "username"))], attrs(user)));
  }
  if (everywhere("userSettings", "dockerEnable")) {
    bindings.push(bind(["virtualisation", "docker", "enable"], setting("userSettings", "dockerEnable")));
  }
  const module: NixExpr = fn(["pkgs", "systemSettings", "userSettings"], attrs(bindings), { ellipsis: true });
  return printFile(module, {
    header: starterHeader(source, [
      `The profile system ${system}: the NixOS module every machine whose profile sets systemSettings.profile = "${system}"`,
      "imports. The flake passes the profile's settings (profiles/<name>-config.nix) as systemSettings and userSettings.",
    ]),
  });
}

