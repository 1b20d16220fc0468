// Every generated file of every example goes through Nix, every nixosConfiguration as a whole
// system, and what each evaluates to matches the reviewed JSON committed beside it in
// generated/<example>/.eval/ (`pnpm gen` refreshes them).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { evalGenerated } from "../src/eval/eval-generated.js";
import { libLabel, resolveLib } from "../src/nix-run/lib-source.js";
import { findOutputDirs } from "../src/eval/snapshots.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
// The real lib when NIXGEN_NIXPKGS or NIX_PATH brings one, the double otherwise: the name says which.
const lib = libLabel(resolveLib("auto"));

describe(`generated/ evaluated with ${lib}`, () => {
  test("every Nix file and every nixosConfiguration of every example evaluates, in one Nix process after the one listing the systems, to its snapshot", async () => {
    const result = await evalGenerated("generated", { cwd: repo });
    expect(result.failures).toEqual([]);
    expect(result.processes).toBe(2);
    const drift = [...result.snapshots].flatMap(([root, changes]) =>
      changes.filter((c) => c.kind !== "unchanged").map((c) => `${c.kind} ${root}/.eval/${c.path}`),
    );
    expect(drift).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test("every example, every nixosConfiguration and every Nix file but the machines they evaluate has a snapshot", async () => {
    const roots = await findOutputDirs("generated", repo);
    expect(roots.map((root) => root.name)).toEqual(["generated/frame1", "generated/lxchome", "generated/nas-ha", "generated/virtiofs"]);
    const systems: Record<string, string[]> = {
      "generated/frame1": ["frame1", "frame1-vm"],
      "generated/lxchome": ["LXCHOME"],
      "generated/nas-ha": ["home-assistant", "jellyfin", "nas"],
      "generated/virtiofs": ["doc2", "igpu2"],
    };
    for (const root of roots) {
      const nix = root.files.filter((file) => file.kind !== "machine").map((file) => file.path);
      const want = [...nix.map((path) => `${path}.json`), ...(systems[root.name] ?? []).map((name) => `nixosConfigurations.${name}.json`)];
      const manifest = JSON.parse(await readFile(join(root.dir, ".eval/.nixgen-manifest.json"), "utf8")) as { files: Record<string, string> };
      expect(Object.keys(manifest.files)).toEqual(want.sort());
    }
  });
});

describe("what the snapshots say", () => {
  const snapshot = async (path: string) => JSON.parse(await readFile(join(repo, "generated", path), "utf8")) as Record<string, unknown>;

  test.each([
    ["frame1/.eval/flake-outputs.nix.json", ["nixosConfigurations", "frame1", "nixosSystem", "modules"], ["<stand-in inputs.disko.nixosModules.disko>", "<stand-in inputs.agenix.nixosModules.default>", "./machines/frame1/default.nix"]],
    ["lxchome/.eval/profiles/LXC-base-config.nix.json", ["systemSettings", "systemPackages"], ["vim", "wget", "zsh", "git", "btop", "home-manager"]],
    ["lxchome/.eval/hosts.nix.json", ["LXCHOME", "proxmox", "vmid"], 110],
    ["lxchome/.eval/hosts.nix.json", ["LXCHOME", "configurationFile"], "./machines/LXCHOME/default.nix"],
    ["frame1/.eval/modules/services/grafana.nix.json", ["options", "homelab.services.grafana.port"], { type: "16 bit unsigned integer; between 0 and 65535 (both inclusive)", default: 3001, description: "Port Grafana listens on (behind Caddy)." }],
    ["frame1/.eval/modules/services/grafana.nix.json", ["enabledWith"], { "homelab.services.grafana.enable": true, "homelab.services.grafana.domain": "grafana.local.example.net", "homelab.services.grafana.secretKeyFile": "/run/agenix/grafana-secret-key" }],
    ["frame1/.eval/nixosConfigurations.frame1.json", ["config", "networking", "firewall", "allowedTCPPorts"], [80, 443, 22]],
    ["frame1/.eval/nixosConfigurations.frame1.json", ["config", "services", "grafana", "settings", "security", "admin_password"], "$__file{/run/agenix/grafana-admin-password}"],
    // disko's partitions become file systems, by partition label (the user's machines/frame1/disko.nix).
    ["frame1/.eval/nixosConfigurations.frame1.json", ["config", "fileSystems", "/", "device"], "/dev/disk/by-partlabel/disk-main-root"],
    // What the system imports from outside the output is a stand-in, and says so.
    [
      "frame1/.eval/nixosConfigurations.frame1.json",
      ["standIns"],
      ["<modulesPath>/installer/scan/not-detected.nix", "NixOS option declarations (nixos-options.tsv)", "inputs.agenix.nixosModules.default", "inputs.disko.nixosModules.disko", "pkgs (packages by name)"],
    ],
    ["lxchome/.eval/nixosConfigurations.LXCHOME.json", ["standIns"], ["<modulesPath>/virtualisation/proxmox-lxc.nix", "NixOS option declarations (nixos-options.tsv)", "pkgs (packages by name)"]],
    // proxmox-lxc.nix makes it a container; the user's profiles/proxmox-lxc/configuration.nix is evaluated with it.
    ["lxchome/.eval/nixosConfigurations.LXCHOME.json", ["config", "boot", "isContainer"], true],
    ["lxchome/.eval/nixosConfigurations.LXCHOME.json", ["config", "networking", "hostName"], ""],
    ["lxchome/.eval/nixosConfigurations.LXCHOME.json", ["config", "virtualisation", "docker", "enable"], true],
  ] as const)("%s at %j", async (file, path, want) => {
    let value: unknown = await snapshot(file);
    for (const key of path) value = (value as Record<string, unknown>)[key];
    expect(value).toEqual(want);
  });
});
