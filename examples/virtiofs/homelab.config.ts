// Container data moves off the VMs doc1 and igpu into the ZFS dataset nvmeprom/containers on
// the Proxmox node prom, shared with the new VMs doc2 and igpu2 through the virtiofs directory mapping
// `containers` and mounted in both at /mnt/docker (owned by abl030:users, uid 1000 / gid 100). The
// maintenance node prom2 maps the same id to a local path, so the VMs can move there for maintenance.
import { defineConfig } from "@homelab/schema";

export default defineConfig({
  name: "virtiofs",
  proxmox: {
    nodes: {
      prom: { address: "root@192.168.1.12" },
      prom2: { address: "root@192.168.1.13", maintenance: true, storage: "local-lvm" },
    },
    // The NixOS template OpenTofu clones new VMs from (hosts.nix `_proxmox.templateVmid`).
    templateVmid: 9003,
    defaultStorage: "nvmeprom",
  },
  storage: {
    datasets: [
      { name: "nvmeprom/containers", node: "prom", mountpoint: "/nvmeprom/containers", owner: { uid: 1000, gid: 100 } },
    ],
    mappings: {
      containers: {
        description: "Podman containers dataset",
        // Not necessarily ZFS on the maintenance node: a local path the final rsync cutover fills.
        paths: { prom: "/nvmeprom/containers", prom2: "/srv/containers" },
      },
    },
  },
  keys: {
    users: {
      abl030: [
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG2jMit34JsLmkGKtGFwblfsSdC52Drj673FdIXUQUp4 abl030@framework",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMXd9Y/eMPCaS2gyIb1K+dXSCqDAr+N2iTrSiJlAQQcB abl030@phone",
      ],
    },
    hosts: {
      doc2: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJtBQ/Pm6VqmA8E1YSO2YKDShsY2/N/oB7NLfqpTc/ng root@doc2",
      igpu2: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEMmX5LH9AQC2RLPcbk8HEjY9YGZW17+JgEKejQMqs0i root@igpu2",
    },
    groups: { masterKeys: ["abl030"] },
  },
  machines: {
    doc2: {
      kind: "vm",
      hostname: "doc2",
      description: "Podman containers, moved from doc1",
      stateVersion: "25.05",
      timeZone: "Australia/Perth",
      podman: true,
      users: {
        abl030: {
          description: "Andy",
          uid: 1000,
          admin: true,
          extraGroups: ["podman"],
          authorizedKeys: ["masterKeys"],
        },
      },
      proxmox: {
        node: "prom",
        vmid: 114,
        cores: 4,
        memory: 8192,
        disk: "64G",
        storage: "nvmeprom",
        bios: "ovmf",
        cpuType: "host",
        virtiofs: [{ mapping: "containers", mountPoint: "/mnt/docker", owner: { user: "abl030", group: "users" } }],
      },
      replaces: { host: "doc1", dataPaths: ["/mnt/docker"] },
    },
    igpu2: {
      kind: "vm",
      hostname: "igpu2",
      description: "Podman containers that use the iGPU, moved from igpu",
      stateVersion: "25.05",
      timeZone: "Australia/Perth",
      podman: true,
      users: {
        abl030: {
          description: "Andy",
          uid: 1000,
          admin: true,
          extraGroups: ["podman", "video", "render"],
          authorizedKeys: ["masterKeys"],
        },
      },
      proxmox: {
        node: "prom",
        vmid: 115,
        cores: 8,
        memory: 16384,
        disk: "64G",
        storage: "nvmeprom",
        bios: "ovmf",
        cpuType: "host",
        virtiofs: [{ mapping: "containers", mountPoint: "/mnt/docker", owner: { user: "abl030", group: "users" } }],
        // Passthrough adds risk: attach the iGPU only after doc2 is verified.
        passthrough: [{ id: "0000:00:02.0", deferred: true, note: "Intel iGPU, after doc2 is verified" }],
      },
      replaces: { host: "igpu", dataPaths: ["/mnt/docker"] },
    },
  },
});
