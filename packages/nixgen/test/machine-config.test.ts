import { print } from "@homelab/nix";
import type { HomelabConfigInput, MachineInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { emitMachineConfigs, machineExpr } from "../src/emit/machine-config.js";
import { homelab } from "./helpers/homelab-config.js";
import { rendered } from "./helpers/rendered.js";

const ADMIN_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBlST+ehM8M3Q2Tg3WsZ9mT5ic6tLxLbTk0hRTZ3/pJv admin@laptop";
const CI_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF/aGaYU4Zj80A0pVzCyi3FqWbll9NlS5YR/2xtFdXhs ci";

/** What every case shares: two modules (imported everywhere), keys and secrets. */
const shared: HomelabConfigInput = {
  keys: { users: { admin: ADMIN_KEY }, groups: { admins: ["admin"] } },
  secrets: {
    "grafana-admin-password": { recipients: ["admins"], owner: "grafana", group: "grafana" },
    "cloudflare-api-token": { recipients: ["admins"], file: "cf-token.age" },
  },
  modules: { grafana: { description: "Grafana" }, caddy: { description: "Caddy" } },
  profiles: {
    "LXC-base": { systemSettings: { profile: "proxmox-lxc", hostname: "lxc" } },
    LXCHOME: { extends: "LXC-base", systemSettings: { hostname: "lxchome" } },
  },
};

const placement = { node: "pve", vmid: 120, cores: 2, memory: 4096, disk: "32G", storage: "local-lvm" } as const;

const cases: [name: string, { given: MachineInput; want: string }][] = [
  [
    "bare metal: its hardware file, disko layout and imports, base system, users with resolved keys, secrets, services with overrides and secret paths",
    {
      given: {
        kind: "metal",
        hostname: "frame1",
        stateVersion: "24.11",
        timeZone: "Europe/Prague",
        hardware: "./hw.nix",
        disko: "./disko.nix",
        imports: ["./extra.nix"],
        users: { admin: { admin: true, extraGroups: ["docker"], authorizedKeys: ["admins", CI_KEY] } },
        secrets: {
          "grafana-admin-password": { option: "grafana.adminPasswordFile" },
          "cloudflare-api-token": { option: "caddy.cloudflareDns.apiTokenFile", owner: "caddy", mode: "0440" },
        },
        identityPaths: ["/etc/ssh/ssh_host_ed25519_key"],
        services: { caddy: { acmeEmail: "a@example.net", cloudflareDns: { enable: true } }, grafana: true },
        packages: ["git", "python3Packages.requests"],
      },
      want: `{ config, lib, pkgs, ... }:
{
  imports = [
    ./hw.nix
    ./disko.nix
    ./extra.nix
    ../../modules/services/caddy.nix
    ../../modules/services/grafana.nix
  ];
  system.stateVersion = "24.11";
  networking.hostName = "frame1";
  time.timeZone = "Europe/Prague";
  services.openssh.enable = true;
  networking.firewall.allowedTCPPorts = [ 22 ];
  users.users.admin = {
    isNormalUser = true;
    extraGroups = [
      "wheel"
      "docker"
    ];
    openssh.authorizedKeys.keys = [
      "${ADMIN_KEY}"
      "${CI_KEY}"
    ];
  };
  age.identityPaths = [ "/etc/ssh/ssh_host_ed25519_key" ];
  age.secrets.grafana-admin-password = {
    file = ../../secrets/grafana-admin-password.age;
    owner = "grafana";
    group = "grafana";
    mode = "0400";
  };
  age.secrets.cloudflare-api-token = {
    file = ../../secrets/cf-token.age;
    owner = "caddy";
    group = "root";
    mode = "0440";
  };
  environment.systemPackages = with pkgs; [
    git
    python3Packages.requests
  ];
  homelab.services.caddy = {
    enable = true;
    acmeEmail = "a@example.net";
    cloudflareDns = {
      enable = true;
      apiTokenFile = config.age.secrets.cloudflare-api-token.path;
    };
  };
  homelab.services.grafana = {
    enable = true;
    adminPasswordFile = config.age.secrets.grafana-admin-password.path;
  };
}`,
    },
  ],
  [
    "LXC container: the Proxmox LXC module from modulesPath, Docker, extra firewall ports merged with SSH's",
    {
      given: {
        kind: "lxc",
        hostname: "apps",
        docker: true,
        podman: true,
        firewall: { tcp: [22, 8080], udp: [53] },
        nixos: { "networking.firewall.allowedTCPPorts": [9000], "services.journald.extraConfig": "SystemMaxUse=500M\n" },
        proxmox: { ...placement, template: "local:vztmpl/nixos.tar.xz" },
      },
      want: `{ config, lib, pkgs, modulesPath, ... }:
{
  imports = [
    (modulesPath + "/virtualisation/proxmox-lxc.nix")
    ../../modules/services/caddy.nix
    ../../modules/services/grafana.nix
  ];
  networking.hostName = "apps";
  services.openssh.enable = true;
  networking.firewall.allowedTCPPorts = [
    22
    8080
    9000
  ];
  networking.firewall.allowedUDPPorts = [ 53 ];
  virtualisation.docker.enable = true;
  virtualisation.podman.enable = true;
  services.journald.extraConfig = ''
    SystemMaxUse=500M
  '';
}`,
    },
  ],
  [
    "VM: QEMU guest profile, root on the disk labelled nixos, OVMF's ESP and systemd-boot, the SCSI disk driver, guest agent, and virtiofs shares mounted by mapping id and owned through tmpfiles",
    {
      given: {
        kind: "vm",
        hostname: "doc2",
        proxmox: {
          ...placement,
          bios: "ovmf",
          diskInterface: "scsi0",
          virtiofs: [
            { mapping: "containers", mountPoint: "/mnt/docker", owner: { user: "abl030", group: "users" } },
            { mapping: "isos" },
          ],
        },
      },
      want: `{ config, lib, pkgs, modulesPath, ... }:
{
  imports = [
    (modulesPath + "/profiles/qemu-guest.nix")
    ../../modules/services/caddy.nix
    ../../modules/services/grafana.nix
  ];
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
  networking.hostName = "doc2";
  services.openssh.enable = true;
  networking.firewall.allowedTCPPorts = [ 22 ];
  services.qemuGuest.enable = true;
  fileSystems."/mnt/docker" = {
    device = "containers";
    fsType = "virtiofs";
    options = [
      "rw"
      "relatime"
    ];
  };
  systemd.tmpfiles.rules = [ "d /mnt/docker 0755 abl030 users - -" ];
}`,
    },
  ],
  [
    "NFS: client mounts as file systems, exports as lines",
    {
      given: {
        kind: "metal",
        hostname: "nas",
        nfs: {
          mounts: [{ server: "192.168.1.10", export: "/mnt/tank/media", mountPoint: "/mnt/media" }],
          exports: [
            { path: "/srv/share", clients: "192.168.1.0/24" },
            { path: "/srv/ro", clients: "10.0.0.0/8", options: ["ro", "no_subtree_check"] },
          ],
        },
      },
      want: `{ config, lib, pkgs, ... }:
{
  imports = [
    ./hardware.nix
    ../../modules/services/caddy.nix
    ../../modules/services/grafana.nix
  ];
  networking.hostName = "nas";
  services.openssh.enable = true;
  networking.firewall.allowedTCPPorts = [ 22 ];
  fileSystems."/mnt/media" = {
    device = "192.168.1.10:/mnt/tank/media";
    fsType = "nfs";
    options = [
      "nfsvers=4.2"
      "noatime"
    ];
  };
  services.nfs.server = {
    enable = true;
    exports = ''
      /srv/share 192.168.1.0/24(rw,sync,no_subtree_check)
      /srv/ro 10.0.0.0/8(ro,no_subtree_check)
    '';
  };
}`,
    },
  ],
  [
    "profile-based: the profile system's modules and enhancements; the profile owns host name and SSH",
    {
      given: {
        kind: "lxc",
        hostname: "lxchome",
        profile: "LXCHOME",
        stateVersion: "24.11",
        services: { grafana: true },
        proxmox: { ...placement, template: "local:vztmpl/nixos.tar.xz" },
      },
      want: `{ config, lib, pkgs, modulesPath, ... }:
{
  imports = [
    (modulesPath + "/virtualisation/proxmox-lxc.nix")
    ../../profiles/proxmox-lxc/configuration.nix
    ../../profiles/proxmox-lxc/enhancements.nix
    ../../modules/services/caddy.nix
    ../../modules/services/grafana.nix
  ];
  homelab.services.grafana.enable = true;
}`,
    },
  ],
  [
    "packages named like a module argument or a builtin are reached through pkgs",
    {
      given: { kind: "metal", hostname: "odd", stateVersion: "25.05", packages: ["lib", "map", "vim", "config.x"] },
      want: `{ config, lib, pkgs, ... }:
{
  imports = [
    ./hardware.nix
    ../../modules/services/caddy.nix
    ../../modules/services/grafana.nix
  ];
  system.stateVersion = "25.05";
  networking.hostName = "odd";
  services.openssh.enable = true;
  networking.firewall.allowedTCPPorts = [ 22 ];
  environment.systemPackages = with pkgs; [
    pkgs.lib
    pkgs.map
    vim
    pkgs.config.x
  ];
}`,
    },
  ],
];

describe("machine config", () => {
  test.each(cases)("%s", (_, { given, want }) => {
    const config = homelab({ ...shared, machines: { m: given } });
    expect(print(machineExpr(config, config.machines["m"]!))).toBe(want);
  });
});

test("one file per machine, named by its flake attribute", () => {
  const config = homelab({ machines: { "frame1-vm": { kind: "metal", hostname: "frame1-vm" } } });
  expect(rendered(emitMachineConfigs({ config, source: "c.ts" })).map((f) => f.path)).toEqual(["machines/frame1-vm/default.nix"]);
});
