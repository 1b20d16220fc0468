// The pass-through fields `nixgen import` fills: a machine's `inventory` (attributes beside, instead of
// and without the generated ones), the config's `inventory.metadata`, and a secret's `agenix` attributes.
import { path, print } from "@homelab/nix";
import type { HomelabConfigInput, MachineInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { hostsExpr } from "../src/emit/hosts.js";
import { secretsNixExpr } from "../src/emit/secrets-nix.js";
import { homelab } from "./helpers/homelab-config.js";
import { nixEval } from "./helpers/nix-cli.js";

const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFLyJmWmDBLSiRhdlQ7ogTYJFm9rET0XjWwP05Af8jmh admin@laptop";

const doc2 = (inventory: MachineInput["inventory"]): MachineInput => ({
  kind: "vm",
  hostname: "doc2",
  proxmox: { node: "prom", vmid: 114, cores: 4, memory: 8192, disk: "64G", storage: "nvmeprom" },
  ...(inventory === undefined ? {} : { inventory }),
});

describe("hosts.nix with inventory", () => {
  test.each<[string, { given: HomelabConfigInput; want: string }]>([
    [
      "extra attributes follow the generated ones; a same-named one replaces it in place; omitted ones are gone",
      {
        given: {
          machines: {
            doc2: doc2({
              attrs: { configurationFile: path("./hosts/doc2/configuration.nix"), sshAlias: "doc2" },
              proxmox: { machine: "q35", cores: 6 },
              omit: ["system", "kind", "proxmox.node", "proxmox.bios"],
            }),
          },
        },
        want: `{
  _proxmox = {
    node = "prom";
    defaultStorage = "local-lvm";
  };
  doc2 = {
    configurationFile = ./hosts/doc2/configuration.nix;
    hostname = "doc2";
    proxmox = {
      vmid = 114;
      cores = 6;
      memory = 8192;
      disk = "64G";
      storage = "nvmeprom";
      cpuType = "x86-64-v2-AES";
      machine = "q35";
    };
    sshAlias = "doc2";
  };
}`,
      },
    ],
    [
      "metadata entries come first; one named like the generated _proxmox replaces it, or it is omitted",
      {
        given: {
          proxmox: { nodes: { prom: { address: "root@192.168.1.12" } } },
          inventory: { metadata: { _fleet: { domain: "home.arpa" } }, omit: ["_proxmox"] },
          machines: { doc2: doc2({ omit: ["configurationFile", "system", "kind", "proxmox"] }) },
        },
        want: `{
  _fleet = {
    domain = "home.arpa";
  };
  doc2 = {
    hostname = "doc2";
  };
}`,
      },
    ],
  ])("%s", (_, { given, want }) => {
    expect(print(hostsExpr(homelab(given)))).toBe(want);
  });

  test("an empty inventory changes nothing", () => {
    const without = print(hostsExpr(homelab({ machines: { doc2: doc2(undefined) } })));
    expect(print(hostsExpr(homelab({ machines: { doc2: doc2({}) }, inventory: {} })))).toBe(without);
    expect(without).toContain('kind = "vm";');
  });
});

describe("secrets.nix with agenix attributes", () => {
  test("other attributes of a rule are bound beside its publicKeys", async () => {
    const config = homelab({
      keys: { users: { admin: key } },
      secrets: { token: { recipients: ["admin"], agenix: { armor: true } } },
    });
    expect(print(secretsNixExpr(config))).toContain('"token.age".armor = true;');
    expect(await nixEval(secretsNixExpr(config))).toEqual({ "token.age": { armor: true, publicKeys: [key] } });
  });
});
