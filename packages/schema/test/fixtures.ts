// Small valid configs, one per kind of machine, that the check tests break one field at a time.
// Functions, so that every test mutates its own copy.
import { ref } from "@homelab/nix";
import { defineConfig, defineModule, type HomelabConfigInput } from "../src/index.js";

export const keys = {
  admin: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBlST+ehM8M3Q2Tg3WsZ9mT5ic6tLxLbTk0hRTZ3/pJv admin@laptop",
  frame1: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF/aGaYU4Zj80A0pVzCyi3FqWbll9NlS5YR/2xtFdXhs",
  frame2: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIESQCiJnnukWV6kyCRB4J4j6RzfCSJ+X4+0XUXPY2DyF",
};

/** A Docker LXC container built from a profile that extends a base. */
export function lxcFixture(): HomelabConfigInput {
  return defineConfig({
    proxmox: { nodes: { pve: {} } },
    profiles: {
      base: {
        systemSettings: {
          hostname: "nixos-lxc",
          profile: "proxmox-lxc",
          systemStateVersion: "24.11",
          allowedTCPPorts: [22],
          systemPackages: ["vim", "git"],
        },
        userSettings: { username: "admin", name: "Admin", dotfilesDir: "/home/admin/.dotfiles", dockerEnable: false },
      },
      home: {
        extends: "base",
        systemSettings: {
          hostname: "lxchome",
          allowedTCPPorts: { extend: [443] },
          systemPackages: { extend: ["gocryptfs"] },
        },
        userSettings: { dockerEnable: true },
      },
    },
    machines: {
      home: {
        kind: "lxc",
        hostname: "lxchome",
        profile: "home",
        proxmox: {
          node: "pve",
          vmid: 110,
          cores: 2,
          memory: 2048,
          disk: "32G",
          storage: "local-lvm",
          template: "local:vztmpl/nixos-24.11-x86_64.tar.xz",
          features: { nesting: true, keyctl: true, fuse: true },
        },
      },
    },
  });
}

/** A VM that mounts a cluster directory mapping over virtiofs. */
export function vmFixture(): HomelabConfigInput {
  return defineConfig({
    proxmox: { nodes: { prom: {}, prom2: { maintenance: true } }, templateVmid: 9000 },
    storage: {
      datasets: [{ name: "nvmeprom/containers", node: "prom", mountpoint: "/nvmeprom/containers" }],
      mappings: { containers: { paths: { prom: "/nvmeprom/containers", prom2: "/srv/containers" } } },
    },
    machines: {
      doc2: {
        kind: "vm",
        hostname: "doc2",
        stateVersion: "25.05",
        proxmox: {
          node: "prom",
          vmid: 114,
          cores: 4,
          memory: 8192,
          disk: "64G",
          storage: "local-lvm",
          network: { ip: { address: "192.168.1.80/24", gateway: "192.168.1.1" }, mac: "BC:24:11:00:00:01" },
          virtiofs: [{ mapping: "containers", mountPoint: "/mnt/docker", owner: { user: "abl030", group: "users" } }],
        },
      },
    },
  });
}

const web = defineModule({
  description: "A web app",
  options: {
    port: { type: "port", default: 3000, description: "Port the app listens on." },
    domain: { type: "str", description: "Domain it is served on." },
    passwordFile: { type: { nullOr: "str" }, default: null, description: "Admin password file.", secretFile: true },
  },
  // A real NixOS service, so that its config passes the check against the NixOS option table.
  config: { "services.cockpit": { enable: true, port: ref("cfg.port") } },
  route: { domain: "domain", port: "port" },
});

const proxy = defineModule({
  description: "A reverse proxy",
  options: {
    httpPort: { type: "port", default: 80, description: "HTTP port." },
    metrics: {
      options: {
        enable: { type: "bool", default: false, description: "Serve metrics." },
        port: { type: "port", default: 3000, description: "Metrics port (the same as web's, but off by default)." },
      },
    },
  },
  firewall: { tcp: ["httpPort"] },
});

/** A machine running service modules with an agenix secret bound to an option. */
export function frameFixture(): HomelabConfigInput {
  return defineConfig({
    keys: {
      users: { admin: keys.admin },
      hosts: { frame1: keys.frame1 },
      groups: { admins: ["admin"] },
    },
    secrets: { "web-password": { recipients: ["admins", "frame1"], owner: "web" } },
    modules: { web, proxy },
    machines: {
      frame1: {
        kind: "metal",
        hostname: "frame1",
        stateVersion: "24.11",
        users: { admin: { admin: true, authorizedKeys: ["admins", keys.admin] } },
        services: { proxy: true, web: { domain: "web.example.net" } },
        secrets: { "web-password": { option: "web.passwordFile" } },
      },
    },
  });
}
