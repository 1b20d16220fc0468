// The VMHOME VM moved into the privileged LXC container LXCHOME. LXC-base holds what every
// LXC profile shares; LXCHOME extends it with VMHOME's services (Docker, nginx, syncthing, unifi).
import { defineConfig } from "@homelab/schema";

export default defineConfig({
  name: "lxchome",
  proxmox: { nodes: { pve: {} } },
  profiles: {
    "LXC-base": {
      description: "LXC-base Profile Configuration\nShared base settings of every LXC profile",
      systemSettings: {
        hostname: "nixos-lxc",
        profile: "proxmox-lxc",
        systemStateVersion: "24.11",
        timezone: "Europe/Madrid",
        locale: "en_US.UTF-8",
        resolvedEnable: false,
        nameServers: ["192.168.8.1"],
        allowedTCPPorts: [{ items: [22], comment: "ssh" }],
        allowedUDPPorts: [],
        wheelNeedsPassword: false,
        mount2ndDrives: false,
        nfsClientEnable: false,
        havegedEnable: false,
        fail2banEnable: false,
        systemPackages: ["vim", "wget", "zsh", "git", "btop", "home-manager"],
        swapFileEnable: false,
        autoSystemUpdateEnable: false,
        systemStable: true,
      },
      userSettings: {
        username: "admin",
        name: "Homelab Admin",
        dotfilesDir: "/home/admin/.dotfiles",
        homeStateVersion: "24.11",
        extraGroups: ["networkmanager", "wheel"],
        dockerEnable: false,
        virtualizationEnable: false,
        qemuGuestAddition: false,
        homePackages: ["fzf", "ripgrep"],
      },
      comments: {
        systemSettings: { allowedTCPPorts: "LXC profiles open only what they serve" },
        userSettings: {},
      },
    },

    LXCHOME: {
      extends: "LXC-base",
      description: "LXCHOME Profile Configuration\nHomelab services in LXC container\nExtends LXC-base-config.nix with VMHOME functionality",
      systemSettings: {
        hostname: "lxchome",
        profile: "proxmox-lxc",
        installCommand: "$HOME/.dotfiles/install.sh $HOME/.dotfiles LXCHOME -s -u",
        systemStateVersion: "24.11",
        resolvedEnable: true,
        // The whole of VMHOME's list, on purpose: `replace` says so and silences the warning.
        allowedTCPPorts: {
          replace: [
            22,
            443,
            { items: [8043], comment: "nginx" },
            { items: [22000], comment: "syncthing" },
            { items: [111, 4000, 4001, 4002, 2049], comment: "NFS server (if enabled)" },
            { items: [8443, 8080, 8843, 8880, 6789], comment: "unifi controller" },
          ],
        },
        allowedUDPPorts: {
          replace: [
            { items: [22000, 21027], comment: "syncthing" },
            { items: [111, 4000, 4001, 4002], comment: "NFS server (if enabled)" },
            { items: [3478, 10001, 1900, 5514], comment: "unifi controller" },
          ],
        },
        mount2ndDrives: false,
        nfsClientEnable: false,
        nfsMounts: [],
        nfsAutoMounts: [],
        havegedEnable: false,
        fail2banEnable: false,
        systemPackages: {
          replace: [
            "vim",
            "wget",
            "zsh",
            "git",
            "rclone",
            "cryptsetup",
            "gocryptfs",
            "traceroute",
            "iproute2",
            "openssl",
            "restic",
            "zim-tools",
            "p7zip",
            { items: ["nfs-utils"], comment: "Needed if NFS client enabled" },
            "btop",
            "fzf",
            "tldr",
            "atuin",
            "home-manager",
          ],
        },
        swapFileEnable: false,
        systemStable: true,
      },
      userSettings: {
        homeStateVersion: "24.11",
        extraGroups: { replace: ["networkmanager", "wheel", "docker", "nscd", "www-data"] },
        dockerEnable: true,
        virtualizationEnable: false,
        qemuGuestAddition: false,
        zshinitContent: [
          'PROMPT=" ◉ %U%F{green}%n%f%u@%U%F{green}%m%f%u:%F{yellow}%~%f',
          '%F{green}→%f "',
          'RPROMPT="%F{red}▂%f%F{yellow}▄%f%F{green}▆%f%F{cyan}█%f%F{blue}▆%f%F{magenta}▄%f%F{white}▂%f"',
          `[ $TERM = "dumb" ] && unsetopt zle && PS1='$ '`,
          "",
        ].join("\n"),
      },
      comments: {
        systemSettings: {
          profile: "Use LXC profile base",
          resolvedEnable: "Network - LXC uses Proxmox-managed networking\nnetworkManager handled by proxmox-lxc profile",
          allowedTCPPorts: "Firewall ports (same as VMHOME)",
          mount2ndDrives:
            "Drives - use bind mounts configured in Proxmox\nDisable drives.nix mounts (handled by Proxmox mp0, mp1, etc.)",
          nfsClientEnable: "NFS client - OPTION A: disabled, use Proxmox bind mounts",
          havegedEnable:
            "NFS client - OPTION B: enabled, mount inside container\nnfsClientEnable = true;\nnfsMounts = [ ... ];  # Same as VMHOME\n\nOptimizations (same as VMHOME)",
          systemPackages: "System packages (VMHOME set + atuin)",
          swapFileEnable: "Managed by Proxmox",
        },
        userSettings: { qemuGuestAddition: "Not a VM" },
      },
    },
  },

  machines: {
    LXCHOME: {
      kind: "lxc",
      hostname: "lxchome",
      description: "Homelab services (Docker, nginx, syncthing, unifi) moved from the VMHOME VM",
      profile: "LXCHOME",
      proxmox: {
        node: "pve",
        vmid: 110,
        cores: 4,
        memory: 8192,
        disk: "32G",
        storage: "local-lvm",
        template: "local:vztmpl/nixos-24.11-x86_64.tar.xz",
        network: { bridge: "vmbr0", ip: "dhcp" },
        // Docker needs nesting and keyctl; gocryptfs needs fuse.
        features: { nesting: true, keyctl: true, fuse: true },
        // Privileged is easier for Docker and NFS; unprivileged can be tried later.
        privileged: true,
        bindMounts: [
          { host: "/mnt/pve/DATA_4TB", container: "/mnt/DATA_4TB", comment: "Local drive passthrough" },
          {
            host: "/mnt/pve/NFS_media",
            container: "/mnt/NFS_media",
            comment: "NFS from host (if TrueNAS NFS is mounted on Proxmox host)",
          },
          { host: "/mnt/pve/NFS_library", container: "/mnt/NFS_library" },
          { host: "/mnt/pve/NFS_emulators", container: "/mnt/NFS_emulators" },
        ],
      },
      replaces: { host: "vmhome", dataPaths: ["/var/lib/docker/volumes"] },
    },
  },
});
