import { realpath } from "node:fs/promises";
import { attrs, call, id, ifThen, lambda, op, path, print, ref, select, update, type NixExpr } from "@homelab/nix";
import type { HomelabConfigInput, MachineInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { emitHosts, hostsExpr } from "../src/emit/hosts.js";
import { homelab } from "./helpers/homelab-config.js";
import { nixEval, nixParse, writeTree } from "./helpers/nix-cli.js";
import { rendered } from "./helpers/rendered.js";

const key = (n: number) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${String(n).repeat(43)}`;

const keys = {
  users: { abl030: [key(1), key(2)], guest: key(3) },
  hosts: { doc2: key(4) },
  groups: { masterKeys: ["abl030"], unusedKeys: ["guest"] },
};

type ShareInput = NonNullable<Extract<MachineInput, { kind: "vm" }>["proxmox"]["virtiofs"]>[number];

const vm = (share: ShareInput = { mapping: "containers" }) => ({
  kind: "vm" as const,
  hostname: "doc2",
  users: { abl030: { admin: true, authorizedKeys: ["masterKeys"] } },
  proxmox: { node: "prom", vmid: 114, cores: 4, memory: 8192, disk: "64G", storage: "nvmeprom", virtiofs: [share] },
});

const cases: [name: string, { given: HomelabConfigInput; want: string }][] = [
  [
    "a key group used by a machine is a let binding; the unused group is left out; metadata entry first",
    {
      given: {
        proxmox: { nodes: { prom: { address: "root@192.168.1.12" }, prom2: { maintenance: true } } },
        storage: { mappings: { containers: { paths: { prom: "/nvmeprom/containers", prom2: "/srv/containers" } } } },
        keys,
        machines: { doc2: vm() },
      },
      want: `let
  masterKeys = [
    "${key(1)}"
    "${key(2)}"
  ];
in
{
  _proxmox = {
    host = "192.168.1.12";
    node = "prom";
    defaultStorage = "local-lvm";
    nodes = {
      prom = {
        address = "root@192.168.1.12";
      };
      prom2 = {
        maintenance = true;
      };
    };
    mappings = {
      containers = {
        prom = "/nvmeprom/containers";
        prom2 = "/srv/containers";
      };
    };
  };
  doc2 = {
    configurationFile = ./machines/doc2/default.nix;
    hostname = "doc2";
    system = "x86_64-linux";
    kind = "vm";
    user = "abl030";
    authorizedKeys = masterKeys;
    proxmox = {
      node = "prom";
      vmid = 114;
      cores = 4;
      memory = 8192;
      disk = "64G";
      storage = "nvmeprom";
      bios = "seabios";
      cpuType = "x86-64-v2-AES";
      virtiofs = [
        {
          mapping = "containers";
        }
      ];
    };
  };
}`,
    },
  ],
  [
    "no group referenced: no let; literal and user keys inline; share options only when set, in snake_case",
    {
      given: {
        keys,
        machines: {
          doc2: {
            ...vm({ mapping: "containers", cache: "always", directIo: true, exposeAcl: true, exposeXattr: true }),
            users: { abl030: { admin: true, authorizedKeys: ["guest", key(9)] } },
          },
        },
      },
      want: `{
  _proxmox = {
    node = "prom";
    defaultStorage = "local-lvm";
  };
  doc2 = {
    configurationFile = ./machines/doc2/default.nix;
    hostname = "doc2";
    system = "x86_64-linux";
    kind = "vm";
    user = "abl030";
    authorizedKeys = [
      "${key(3)}"
      "${key(9)}"
    ];
    proxmox = {
      node = "prom";
      vmid = 114;
      cores = 4;
      memory = 8192;
      disk = "64G";
      storage = "nvmeprom";
      bios = "seabios";
      cpuType = "x86-64-v2-AES";
      virtiofs = [
        {
          mapping = "containers";
          cache = "always";
          direct_io = true;
          expose_acl = true;
          expose_xattr = true;
        }
      ];
    };
  };
}`,
    },
  ],
  [
    "groups and literals join with ++; an LXC carries its placement only; metal has no proxmox; deferred passthrough is a comment",
    {
      given: {
        keys,
        machines: {
          box: {
            kind: "metal",
            hostname: "box",
            system: "aarch64-linux",
            users: { ops: { authorizedKeys: ["masterKeys", "doc2"] } },
          },
          ct: {
            kind: "lxc",
            hostname: "ct",
            proxmox: {
              node: "pve",
              vmid: 110,
              cores: 2,
              memory: 2048,
              disk: "32G",
              storage: "local-lvm",
              template: "local:vztmpl/nixos.tar.xz",
              onBoot: true,
            },
          },
          gpu: {
            ...vm(),
            hostname: "gpu",
            users: {},
            proxmox: {
              ...vm().proxmox,
              virtiofs: [],
              passthrough: [{ id: "0000:01:00.0" }, { id: "0000:00:02.0", deferred: true, note: "iGPU, later" }],
            },
          },
        },
      },
      want: `let
  masterKeys = [
    "${key(1)}"
    "${key(2)}"
  ];
in
{
  _proxmox = {
    node = "prom";
    defaultStorage = "local-lvm";
  };
  box = {
    configurationFile = ./machines/box/default.nix;
    hostname = "box";
    system = "aarch64-linux";
    kind = "metal";
    user = "ops";
    authorizedKeys = masterKeys ++ [
      "${key(4)}"
    ];
  };
  ct = {
    configurationFile = ./machines/ct/default.nix;
    hostname = "ct";
    system = "x86_64-linux";
    kind = "lxc";
    # An LXC container (proxmox/): readonly, so that OpenTofu does not create it as a VM
    proxmox = {
      node = "pve";
      vmid = 110;
      cores = 2;
      memory = 2048;
      disk = "32G";
      storage = "local-lvm";
      onBoot = true;
      readonly = true;
    };
  };
  gpu = {
    configurationFile = ./machines/gpu/default.nix;
    hostname = "gpu";
    system = "x86_64-linux";
    kind = "vm";
    # PCI passthrough 0000:00:02.0 deferred: iGPU, later
    proxmox = {
      node = "prom";
      vmid = 114;
      cores = 4;
      memory = 8192;
      disk = "64G";
      storage = "nvmeprom";
      bios = "seabios";
      cpuType = "x86-64-v2-AES";
      passthrough = [ "0000:01:00.0" ];
    };
  };
}`,
    },
  ],
];

/**
 * `import ./hosts.nix` with each configurationFile made a string relative to the output root: a path
 * in `--json` output would be copied into the store, and its absolute location differs per run.
 */
function relativeFiles(root: string): NixExpr {
  const file = select(id("host"), "configurationFile");
  const relative = call(ref("builtins.substring"), root.length, 1000, call(id("toString"), file));
  return call(
    ref("builtins.mapAttrs"),
    lambda(
      "name",
      lambda(
        "host",
        ifThen(
          op("?", id("host"), id("configurationFile")),
          update(id("host"), attrs({ configurationFile: relative })),
          id("host"),
        ),
      ),
    ),
    call(id("import"), path(`${root}/hosts.nix`)),
  );
}

describe("hosts.nix", () => {
  test.each(cases)("%s", async (_, { given, want }) => {
    const config = homelab(given);
    expect(print(hostsExpr(config))).toBe(want);
    const files = rendered(emitHosts({ config, source: "homelab.config.ts" }));
    expect(files.map((file) => file.path)).toEqual(["hosts.nix"]);
    const root = await writeTree(files);
    await nixParse(`${root}/hosts.nix`);
  });

  test("evaluates to the inventory", async () => {
    const config = homelab(cases[0]![1].given);
    const root = await realpath(await writeTree(rendered(emitHosts({ config, source: "homelab.config.ts" }))));
    expect(await nixEval(relativeFiles(root))).toEqual({
      _proxmox: {
        host: "192.168.1.12",
        node: "prom",
        defaultStorage: "local-lvm",
        nodes: { prom: { address: "root@192.168.1.12" }, prom2: { maintenance: true } },
        mappings: { containers: { prom: "/nvmeprom/containers", prom2: "/srv/containers" } },
      },
      doc2: {
        configurationFile: "/machines/doc2/default.nix",
        hostname: "doc2",
        system: "x86_64-linux",
        kind: "vm",
        user: "abl030",
        authorizedKeys: [key(1), key(2)],
        proxmox: {
          node: "prom",
          vmid: 114,
          cores: 4,
          memory: 8192,
          disk: "64G",
          storage: "nvmeprom",
          bios: "seabios",
          cpuType: "x86-64-v2-AES",
          virtiofs: [{ mapping: "containers" }],
        },
      },
    });
  });

  test("starts with the header; nothing without machines", () => {
    const [file] = rendered(emitHosts({ config: homelab(cases[0]![1].given), source: "homelab.config.ts" }));
    expect(file?.content.split("\n").slice(0, 3)).toEqual([
      "# Generated by nixgen from homelab.config.ts: do not edit; run `pnpm gen`.",
      "",
      "let",
    ]);
    expect(rendered(emitHosts({ config: homelab({ keys }), source: "homelab.config.ts" }))).toEqual([]);
  });
});
