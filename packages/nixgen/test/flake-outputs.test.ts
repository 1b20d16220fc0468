import { attrs, call, id, lambda, path, print, ref, select } from "@homelab/nix";
import type { HomelabConfigInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { emitFlakeOutputs, flakeOutputsExpr } from "../src/emit/flake-outputs.js";
import { homelab } from "./helpers/homelab-config.js";
import { nixEval, writeTree } from "./helpers/nix-cli.js";
import { rendered } from "./helpers/rendered.js";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBlST+ehM8M3Q2Tg3WsZ9mT5ic6tLxLbTk0hRTZ3/pJv";

const cases: [name: string, { given: HomelabConfigInput; want: string }][] = [
  [
    "one nixosSystem per machine; disko and agenix modules only where a machine needs them",
    {
      given: {
        keys: { hosts: { frame1: KEY } },
        secrets: { token: { recipients: ["frame1"] } },
        machines: {
          frame1: { kind: "metal", hostname: "frame1", disko: "./disko.nix", secrets: { token: true } },
          "frame1-vm": {
            kind: "metal",
            hostname: "frame1-vm",
            system: "aarch64-linux",
            identityPaths: ["/etc/ssh/ssh_host_ed25519_key"],
          },
          plain: { kind: "metal", hostname: "plain" },
        },
      },
      want: `inputs@{ nixpkgs, ... }:
{
  nixosConfigurations = {
    frame1 = nixpkgs.lib.nixosSystem {
      system = "x86_64-linux";
      specialArgs = {
        inherit inputs;
      };
      modules = [
        inputs.disko.nixosModules.disko
        inputs.agenix.nixosModules.default
        ./machines/frame1/default.nix
      ];
    };
    frame1-vm = nixpkgs.lib.nixosSystem {
      system = "aarch64-linux";
      specialArgs = {
        inherit inputs;
      };
      modules = [
        inputs.agenix.nixosModules.default
        ./machines/frame1-vm/default.nix
      ];
    };
    plain = nixpkgs.lib.nixosSystem {
      system = "x86_64-linux";
      specialArgs = {
        inherit inputs;
      };
      modules = [ ./machines/plain/default.nix ];
    };
  };
}`,
    },
  ],
  [
    "profile-based machines get their profile's settings as module arguments, and the profile is registered",
    {
      given: {
        profiles: { "LXC-base": { systemSettings: { profile: "proxmox-lxc" } }, LXCHOME: { extends: "LXC-base" } },
        machines: {
          LXCHOME: {
            kind: "lxc",
            hostname: "lxchome",
            profile: "LXCHOME",
            proxmox: {
              node: "pve",
              vmid: 110,
              cores: 4,
              memory: 8192,
              disk: "32G",
              storage: "local-lvm",
              template: "local:vztmpl/nixos.tar.xz",
            },
          },
        },
      },
      want: `inputs@{ nixpkgs, ... }:
{
  nixosConfigurations = {
    LXCHOME = nixpkgs.lib.nixosSystem {
      system = "x86_64-linux";
      specialArgs = {
        inherit inputs;
        inherit (import ./profiles/LXCHOME-config.nix) systemSettings userSettings;
      };
      modules = [ ./machines/LXCHOME/default.nix ];
    };
  };
  profiles = {
    LXCHOME = ./profiles/LXCHOME-config.nix;
  };
}`,
    },
  ],
];

describe("flake outputs", () => {
  test.each(cases)("%s", (_, { given, want }) => {
    expect(print(flakeOutputsExpr(homelab(given)))).toBe(want);
  });

  test("no machines, no file", () => {
    expect(rendered(emitFlakeOutputs({ config: homelab({}), source: "c.ts" }))).toEqual([]);
  });

  test("a function of the flake inputs: evaluates with a stand-in nixosSystem", async () => {
    const config = homelab(cases[0]![1].given);
    const root = await writeTree(rendered(emitFlakeOutputs({ config, source: "c.ts" })));
    // nixosSystem returns its arguments, with the module paths reduced to names Nix can print.
    const nixosSystem = lambda(
      "args",
      attrs({
        system: select(id("args"), "system"),
        modules: call(ref("map"), ref("builtins.typeOf"), select(id("args"), "modules")),
        specialArgs: call(ref("builtins.attrNames"), select(id("args"), "specialArgs")),
      }),
    );
    const inputs = attrs({
      nixpkgs: { lib: { nixosSystem } },
      agenix: { nixosModules: { default: "agenix" } },
      disko: { nixosModules: { disko: "disko" } },
    });
    const outputs = await nixEval(
      select(call(call(id("import"), path(`${root}/flake-outputs.nix`)), inputs), "nixosConfigurations"),
    );
    expect(outputs).toEqual({
      frame1: { system: "x86_64-linux", modules: ["string", "string", "path"], specialArgs: ["inputs"] },
      "frame1-vm": { system: "aarch64-linux", modules: ["string", "path"], specialArgs: ["inputs"] },
      plain: { system: "x86_64-linux", modules: ["path"], specialArgs: ["inputs"] },
    });
  });
});
