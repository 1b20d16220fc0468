// frame1: one bare-metal server running the whole stack behind Caddy, and an aarch64 VM of
// it for testing on a Mac. Secrets are encrypted only to the admin and the machines that decrypt them.
import { defineConfig, type MachineInput } from "@homelab/schema";
import alloy from "./modules/alloy.js";
import caddy from "./modules/caddy.js";
import grafana from "./modules/grafana.js";
import homepage from "./modules/homepage.js";
import loki from "./modules/loki.js";
import victoriametrics from "./modules/victoriametrics.js";

const domain = "local.example.net";

/** Every web service on its own subdomain; the dashboard at the root. */
const webServices: MachineInput["services"] = {
  homepage: { domain },
  grafana: { domain: `grafana.${domain}` },
  victoriametrics: { domain: `metrics.${domain}` },
  loki: { domain: `logs.${domain}` },
  alloy: true,
};

const admin: NonNullable<MachineInput["users"]>[string] = {
  admin: true,
  description: "Homelab admin",
  authorizedKeys: ["admins"],
};

export default defineConfig({
  name: "frame1",
  keys: {
    users: {
      admin: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH4JgsDZfcGNhNFq+4bDi3knB1ol+vn81fFyn4ut+lz2 admin@laptop",
    },
    hosts: {
      frame1: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlrTWhEOZvxVLfeosyFR0lwrVwhYxjyf9Ouj/lDAbSE",
      "frame1-vm": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILdv4wl9qsZ6x1U6S5xFW6iK9VZ5z9i4aR70wXG8IUTc",
    },
    groups: { admins: ["admin"] },
  },
  secrets: {
    "cloudflare-api-token": {
      description: "CLOUDFLARE_API_TOKEN=… for Caddy's DNS challenge (Zone.DNS edit on example.net)",
      // The VM uses Caddy's local CA, so only the server can decrypt the token.
      recipients: ["admins", "frame1"],
      owner: "caddy",
      group: "caddy",
    },
    "grafana-admin-password": {
      description: "Grafana's admin password",
      recipients: ["admins", "frame1", "frame1-vm"],
      owner: "grafana",
      group: "grafana",
    },
    "grafana-secret-key": {
      description: "Grafana's secret_key (cookie signing, data source encryption): `openssl rand -hex 32`",
      recipients: ["admins", "frame1", "frame1-vm"],
      owner: "grafana",
      group: "grafana",
    },
  },
  modules: { alloy, caddy, grafana, homepage, loki, victoriametrics },
  machines: {
    frame1: {
      kind: "metal",
      hostname: "frame1",
      description: "Production server",
      system: "x86_64-linux",
      stateVersion: "24.11",
      timeZone: "Europe/Prague",
      hardware: "./hardware.nix",
      disko: "./disko.nix",
      users: { admin },
      packages: ["git", "htop", "vim"],
      services: {
        caddy: { acmeEmail: `admin@${domain}`, cloudflareDns: { enable: true } },
        ...webServices,
      },
      secrets: {
        "cloudflare-api-token": { option: "caddy.cloudflareDns.apiTokenFile" },
        "grafana-admin-password": { option: "grafana.adminPasswordFile" },
        "grafana-secret-key": { option: "grafana.secretKeyFile" },
      },
    },
    "frame1-vm": {
      kind: "metal",
      hostname: "frame1-vm",
      description: "QEMU VM of frame1 for testing on Apple Silicon (not on Proxmox)",
      system: "aarch64-linux",
      stateVersion: "24.11",
      timeZone: "Europe/Prague",
      // The VM's disks and boot loader (UTM/QEMU on the Mac), as its own hardware file.
      hardware: "./vm.nix",
      users: { admin },
      packages: ["git", "htop", "vim"],
      // agenix decrypts with the VM's SSH host key (its public half is keys.hosts.frame1-vm).
      identityPaths: ["/etc/ssh/ssh_host_ed25519_key"],
      services: {
        caddy: { localTls: true },
        ...webServices,
        // The Mac forwards localhost:8443 to the VM's 443, so the browser sends that port in the Host header.
        homepage: { domain, allowedHosts: [`${domain}:8443`] },
      },
      secrets: {
        "grafana-admin-password": { option: "grafana.adminPasswordFile" },
        "grafana-secret-key": { option: "grafana.secretKeyFile" },
      },
    },
  },
});
