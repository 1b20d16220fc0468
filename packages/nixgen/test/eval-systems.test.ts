// `nixgen eval` evaluates each nixosConfiguration as nixpkgs.lib.nixosSystem would (its modules and
// specialArgs together) and fails where `nixos-rebuild` would: a missing import, an option NixOS
// does not have, a system without a root file system or boot loader, an agenix secret whose `.age`
// file does not exist. Each case is a small output directory written for the test: the generated
// files listed in its manifest, the user's own files beside them.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { attrs, bind, call, id, path } from "@homelab/nix";
import { describe, expect, test } from "vitest";
import { nixosOptionRows } from "@homelab/schema";
import { evalGenerated } from "../src/eval/eval-generated.js";
import { evaluatePlanned } from "../src/eval/planned.js";
import { importLib, libLabel, resolveLib } from "../src/nix-run/lib-source.js";
import { nixEvalJson } from "../src/nix-run/nix-instantiate.js";
import { tempDir, writeFiles } from "./helpers/cli-run.js";

const lib = resolveLib("auto");

const flake = (systems: Record<string, readonly string[]>) =>
  [
    "inputs@{ nixpkgs, ... }:",
    "{",
    "  nixosConfigurations = {",
    ...Object.entries(systems).map(
      ([name, modules]) =>
        `    ${name} = nixpkgs.lib.nixosSystem { system = "x86_64-linux"; specialArgs = { inherit inputs; }; modules = [ ${modules.join(" ")} ]; };`,
    ),
    "  };",
    "}",
  ].join("\n");

const bootable = `
  fileSystems."/" = { device = "/dev/disk/by-label/nixos"; fsType = "ext4"; };
  boot.loader.grub.device = "/dev/sda";`;

const machine = (body: string, imports: readonly string[] = []) =>
  `{ config, lib, pkgs, modulesPath, ... }:\n{\n  imports = [ ${imports.join(" ")} ];\n  system.stateVersion = "25.05";${body}\n}\n`;

/**
 * An output directory holding `generated` (listed in its manifest, as nixgen writes them) and
 * `user` files (not listed: what a user keeps beside them). Returns its failures and values.
 */
async function evaluate(generated: Record<string, string>, user: Record<string, string> = {}) {
  const dir = await tempDir();
  const manifest = JSON.stringify({ generator: "nixgen", files: Object.keys(generated).sort() });
  await writeFiles(join(dir, "out"), { ...generated, ...user, ".nixgen-manifest.json": manifest });
  const result = await evalGenerated("out", { cwd: dir, update: true });
  return { failures: result.failures.map((f) => [f.path, f.message]), values: result.values.get("out") ?? new Map<string, unknown>() };
}

describe(`whole systems, evaluated with ${libLabel(lib)}`, () => {
  test("a complete VM evaluates as one system, whose machine file has no snapshot of its own", async () => {
    const { failures, values } = await evaluate({
      "flake-outputs.nix": flake({ vm: ["./machines/vm/default.nix"] }),
      "machines/vm/default.nix": machine(`${bootable}\n  services.openssh.enable = true;`, ['(modulesPath + "/profiles/qemu-guest.nix")']),
    });
    expect(failures).toEqual([]);
    expect([...values.keys()].sort()).toEqual(["flake-outputs.nix", "nixosConfigurations.vm"]);
    expect(values.get("nixosConfigurations.vm")).toMatchObject({
      system: "x86_64-linux",
      modules: ["./machines/vm/default.nix"],
      specialArgs: ["inputs"],
      standIns: ["<modulesPath>/profiles/qemu-guest.nix", "NixOS option declarations (nixos-options.tsv)", "pkgs (packages by name)"],
      config: { boot: { initrd: { kernelModules: ["virtio_balloon", "virtio_console", "virtio_rng", "virtio_gpu"] } }, services: { openssh: { enable: true } } },
    });
  });

  test("a machine importing a file that does not exist fails, naming the file and its importer", async () => {
    const { failures } = await evaluate({
      "flake-outputs.nix": flake({ metal: ["./machines/metal/default.nix"] }),
      "machines/metal/default.nix": machine(bootable, ["./hardware.nix"]),
    });
    expect(failures).toEqual([
      ["nixosConfigurations.metal", "nixgen eval: ./machines/metal/default.nix imports ./machines/metal/hardware.nix, which does not exist"],
    ]);
  });

  test("the same import evaluates once the user provides the file", async () => {
    const { failures } = await evaluate(
      { "flake-outputs.nix": flake({ metal: ["./machines/metal/default.nix"] }), "machines/metal/default.nix": machine("", ["./hardware.nix"]) },
      { "machines/metal/hardware.nix": `{ ... }: {${bootable}\n}\n` },
    );
    expect(failures).toEqual([]);
  });

  test("a modulesPath module nixgen has no stand-in for is an error naming it", async () => {
    const { failures } = await evaluate({
      "flake-outputs.nix": flake({ vm: ["./machines/vm/default.nix"] }),
      "machines/vm/default.nix": machine(bootable, ['(modulesPath + "/virtualisation/amazon-image.nix")']),
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]?.[1]).toMatch(/^nixgen eval: \.\/machines\/vm\/default\.nix imports <modulesPath>\/virtualisation\/amazon-image\.nix, a NixOS module without a stand-in here/);
  });

  test("a VM without a root file system or boot loader fails with NixOS's assertions", async () => {
    const { failures } = await evaluate({
      "flake-outputs.nix": flake({ vm: ["./machines/vm/default.nix"] }),
      "machines/vm/default.nix": machine("\n  services.qemuGuest.enable = true;"),
    });
    expect(failures).toEqual([
      [
        "nixosConfigurations.vm",
        [
          "Failed assertions:",
          "- The ‘fileSystems’ option does not specify your root file system.",
          "- You must set the option ‘boot.loader.grub.devices’ or 'boot.loader.grub.mirroredBoots' to make the system bootable.",
        ].join("\n"),
      ],
    ]);
  });

  test.each([
    ["systemd-boot instead of GRUB", `\n  fileSystems."/" = { device = "/dev/disk/by-label/nixos"; fsType = "ext4"; };\n  boot.loader.systemd-boot.enable = true;`, []],
    ["GRUB on a list of devices", `\n  fileSystems."/" = { device = "/dev/disk/by-label/nixos"; fsType = "ext4"; };\n  boot.loader.grub.devices = [ "/dev/sda" ];`, []],
    ["a Proxmox container (proxmox-lxc.nix makes it one)", "", ['(modulesPath + "/virtualisation/proxmox-lxc.nix")']],
  ] as const)("boots: %s", async (_, body, imports) => {
    const { failures } = await evaluate({
      "flake-outputs.nix": flake({ m: ["./machines/m/default.nix"] }),
      "machines/m/default.nix": machine(body, imports),
    });
    expect(failures).toEqual([]);
  });

  test("disko's partitions with a mountpoint become file systems, by partition label", async () => {
    const disko = `
  disko.devices.disk.main = {
    device = "/dev/vda";
    content.type = "gpt";
    content.partitions.boot = { size = "1G"; type = "EF00"; content = { type = "filesystem"; format = "vfat"; mountpoint = "/boot"; }; };
    content.partitions.root = { size = "100%"; content = { type = "filesystem"; format = "ext4"; mountpoint = "/"; }; };
  };
  boot.loader.systemd-boot.enable = true;`;
    const { failures, values } = await evaluate({
      "flake-outputs.nix": flake({ m: ["inputs.disko.nixosModules.disko", "./machines/m/default.nix"] }),
      "machines/m/default.nix": machine(disko),
    });
    expect(failures).toEqual([]);
    expect(values.get("nixosConfigurations.m")).toMatchObject({
      config: {
        fileSystems: {
          "/": { device: "/dev/disk/by-partlabel/disk-main-root", fsType: "ext4", options: ["defaults"] },
          "/boot": { device: "/dev/disk/by-partlabel/disk-main-boot", fsType: "vfat", options: ["defaults"] },
        },
      },
    });
  });

  test.each([
    ["beside a generated machine", ["./machines/m/default.nix", "./extra.nix"]],
    ["in a system without a generated machine file", ["./extra.nix", "./hardware.nix"]],
  ])("an option NixOS does not have, set by a module of the system %s, fails it", async (_, modules) => {
    const { failures } = await evaluate(
      { "flake-outputs.nix": flake({ m: modules }), "machines/m/default.nix": machine(bootable) },
      { "extra.nix": "{ services.openssh.enabled = true; }\n", "hardware.nix": `{${bootable}\n}\n` },
    );
    expect(failures.map(([path, message]) => [path, message?.split("\n")[0]])).toEqual([
      ["nixosConfigurations.m", "The option `services.openssh.enabled' does not exist. Definition values:"],
    ]);
  });

  test("options of a module the system does not import do not exist (proxmoxLXC.* without proxmox-lxc.nix)", async () => {
    const { failures } = await evaluate({
      "flake-outputs.nix": flake({ m: ["./machines/m/default.nix"] }),
      "machines/m/default.nix": machine(`${bootable}\n  proxmoxLXC.privileged = true;`),
    });
    expect(failures.map(([, message]) => message?.split("\n")[0])).toEqual(["The option `proxmoxLXC' does not exist. Definition values:"]);
  });

  describe("agenix", () => {
    const secret = (file: string) =>
      machine(`${bootable}\n  services.openssh.enable = true;\n  age.secrets.token = { file = ${file}; owner = "caddy"; };`);
    const system = (file: string) => ({
      "flake-outputs.nix": flake({ m: ["inputs.agenix.nixosModules.default", "./machines/m/default.nix"] }),
      "machines/m/default.nix": secret(file),
    });

    test("a secret whose .age file does not exist fails, naming the file and how to create it", async () => {
      const { failures } = await evaluate(system("../../secrets/token.age"));
      expect(failures).toEqual([
        [
          "nixosConfigurations.m",
          "Failed assertions:\n- age.secrets.token.file: ./secrets/token.age does not exist (agenix copies it into the Nix store when the system is built); create it with `agenix -e token.age` in ./secrets, the directory of secrets.nix",
        ],
      ]);
    });

    test("with the file there, the secret has agenix's defaults", async () => {
      const { failures, values } = await evaluate(system("../../secrets/token.age"), { "secrets/token.age": "-----BEGIN AGE ENCRYPTED FILE-----\n" });
      expect(failures).toEqual([]);
      expect(values.get("nixosConfigurations.m")).toMatchObject({
        standIns: expect.arrayContaining(["inputs.agenix.nixosModules.default"]) as unknown,
        config: { age: { secrets: { token: { file: "./secrets/token.age", path: "/run/agenix/token", mode: "0400", owner: "caddy", group: "0", symlink: true } } } },
      });
    });

    test("without agenix's module, age.* does not exist", async () => {
      const { failures } = await evaluate(
        { "flake-outputs.nix": flake({ m: ["./machines/m/default.nix"] }), "machines/m/default.nix": secret("../../secrets/token.age") },
        { "secrets/token.age": "-----BEGIN AGE ENCRYPTED FILE-----\n" },
      );
      expect(failures.map(([, message]) => message?.split("\n")[0])).toEqual(["The option `age' does not exist. Definition values:"]);
    });
  });
});

describe("gen --eval: planned files, with the user's files from the output directory", () => {
  const planned = [
    { path: "flake-outputs.nix", kind: "flake" as const, content: flake({ metal: ["./machines/metal/default.nix"] }) },
    { path: "machines/metal/default.nix", kind: "machine" as const, content: machine("", ["./hardware.nix"]) },
  ];

  const userFiles = ["machines/metal/hardware.nix"];

  test("a declared user file in the output directory is imported from there", async () => {
    const dir = await tempDir();
    await writeFiles(dir, { "machines/metal/hardware.nix": `{ ... }: {${bootable}\n}\n` });
    const result = await evaluatePlanned([{ name: "out", files: planned, dir, userFiles }]);
    expect(result.failures).toEqual([]);
    expect([...(result.values.get("out")?.keys() ?? [])].sort()).toEqual(["flake-outputs.nix", "nixosConfigurations.metal"]);
  });

  test("without it, the system fails naming the file", async () => {
    const result = await evaluatePlanned([{ name: "out", files: planned, dir: await tempDir(), userFiles }]);
    expect(result.failures.map((f) => [f.path, f.message])).toEqual([
      ["nixosConfigurations.metal", "nixgen eval: ./machines/metal/default.nix imports ./machines/metal/hardware.nix, which does not exist"],
    ]);
  });
});

test("the stand-ins of agenix and proxmox-lxc.nix declare their options with the types of the NixOS option list", async () => {
  const fixture = fileURLToPath(new URL("fixtures/stand-in-option-types.nix", import.meta.url));
  const result = await nixEvalJson({ expr: call(id("import"), path(fixture), attrs([bind("lib", importLib({ kind: "double" }))])) });
  if (!result.ok) throw new Error(result.error.message);
  const rows = nixosOptionRows().filter(
    ([name]) => (name.startsWith("age.") || name.startsWith("proxmoxLXC.")) && !name.startsWith("age.secrets.<name>"),
  );
  expect(result.value).toEqual(Object.fromEntries(rows));
});
