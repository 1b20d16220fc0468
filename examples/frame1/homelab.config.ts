// frame1 (seed 003): one bare-metal server running the whole stack behind Caddy, and an aarch64 VM of
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
      admin: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBlST+ehM8M3Q2Tg3WsZ9mT5ic6tLxLbTk0hRTZ3/pJv admin@laptop",
    },
    hosts: {
      frame1: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF/aGaYU4Zj80A0pVzCyi3FqWbll9NlS5YR/2xtFdXhs",
      "frame1-vm": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIESQCiJnnukWV6kyCRB4J4j6RzfCSJ+X4+0XUXPY2DyF",
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
      imports: ["./hardware.nix", "./disko.nix"],
      users: { admin },
      packages: ["git", "htop", "vim"],
      services: {
        caddy: { acmeEmail: `admin@${domain}`, cloudflareDns: { enable: true } },
        ...webServices,
      },
      secrets: {
        "cloudflare-api-token": { option: "caddy.cloudflareDns.apiTokenFile" },
        "grafana-admin-password": { option: "grafana.adminPasswordFile" },
      },
    },
    "frame1-vm": {
      kind: "metal",
      hostname: "frame1-vm",
      description: "QEMU VM of frame1 for testing on Apple Silicon (not on Proxmox)",
      system: "aarch64-linux",
      stateVersion: "24.11",
      timeZone: "Europe/Prague",
      imports: ["./vm.nix"],
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
      },
    },
  },
});
