import { join } from "node:path";
import { attrs, bind, call, id, ifThen, inherit, lambda, letIn, list, op, path, ref } from "@homelab/nix";
import { homelabConfig } from "../../schema/src/config.js";
import type { HomelabConfigInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { emitLxcEnhancements, lxcProfileDirs } from "../src/emit/lxc-enhancements.js";
import { nixEval, nixParse, writeTree } from "./helpers/nix-cli.js";
import { OptionIndex } from "./nixos-options.js";
import { rendered } from "./helpers/rendered.js";

const proxmox = { node: "pve", vmid: 110, cores: 2, memory: 2048, disk: "8G", storage: "local-lvm" };
const lxc = { kind: "lxc", proxmox: { ...proxmox, template: "local:vztmpl/nixos.tar.xz" } } as const;
const vm = { kind: "vm", proxmox } as const;

const dirCases: [name: string, { given: HomelabConfigInput; want: string[] }][] = [
  ["no profiles", { given: {}, want: [] }],
  [
    "proxmox-lxc, also when inherited from the base",
    {
      given: {
        profiles: { base: { systemSettings: { profile: "proxmox-lxc" } }, child: { extends: "base" } },
      },
      want: ["proxmox-lxc"],
    },
  ],
  [
    "a directory an LXC machine's profile uses",
    {
      given: {
        profiles: { home: { systemSettings: { profile: "homelab-lxc" } }, vmhome: { systemSettings: { profile: "homelab" } } },
        machines: { a: { ...lxc, hostname: "a", profile: "home" }, b: { ...vm, hostname: "b", profile: "vmhome" } },
      },
      want: ["homelab-lxc"],
    },
  ],
];

describe("lxcProfileDirs", () => {
  test.each(dirCases)("%s", (_, { given, want }) => {
    expect(lxcProfileDirs(homelabConfig.parse(given))).toEqual(want);
  });
});

describe("profiles/proxmox-lxc/enhancements.nix", () => {
  const config = homelabConfig.parse({ profiles: { base: { systemSettings: { profile: "proxmox-lxc" } } } });
  const files = rendered(emitLxcEnhancements({ config, source: "homelab.config.ts" }));

  test("is emitted once, where the profile directory is", () => {
    expect(files.map((f) => f.path)).toEqual(["profiles/proxmox-lxc/enhancements.nix"]);
  });

  // The module system's merge is stood in for by a lib whose mkIf drops what is off, so the JSON
  // shows what each profile ends up setting.
  test("leaves profiles that set none of its keys alone, and follows those that do", async () => {
    const root = await writeTree(files);
    await nixParse(join(root, files[0]?.path ?? ""));
    const skipped = attrs({ _type: "skipped" });
    const lib = attrs({
      // A false condition yields a marker in place of the content, which is then never evaluated.
      mkIf: lambda("condition", lambda("content", ifThen(id("condition"), id("content"), skipped))),
      mkMerge: call(ref("builtins.filter"), lambda("c", op("!=", id("c"), skipped))),
      mkDefault: lambda("content", attrs([bind("_type", "default"), inherit(["content"])])),
    });
    const settings = [
      {},
      {
        journaldMaxUse: "500M",
        journaldMaxRetentionSec: "1month",
        journaldCompress: false,
        nfsServerEnable: true,
        nfsExports: "/mnt/DATA_4TB 192.168.8.0/24(rw,sync,no_subtree_check)",
        nixAutoOptimiseStore: false,
      },
    ];
    const result = await nixEval(
      letIn(
        [
          bind("lib", lib),
          bind("module", call(id("import"), path(join(root, "profiles/proxmox-lxc/enhancements.nix")))),
        ],
        call(ref("map"), lambda("systemSettings", call(id("module"), attrs([inherit(["lib", "systemSettings"])]))), list(settings)),
      ),
    );
    // Every option the module sets with all its keys on is a real NixOS option.
    const set = (result as unknown[])[1];
    const index = OptionIndex.fromTable();
    expect(optionPaths(set).filter((option) => !index.accepts(option.split(".")))).toEqual([]);
    expect(optionPaths(set)).toHaveLength(9);
    expect(result).toEqual([
      {
        services: { journald: { extraConfig: [] }, nfs: { server: { _type: "skipped" } } },
        nix: { settings: { "auto-optimise-store": { _type: "default", content: true } } },
        networking: { firewall: { _type: "skipped" } },
      },
      {
        services: {
          journald: { extraConfig: ["SystemMaxUse=500M", "MaxRetentionSec=1month", "Compress=no"] },
          nfs: {
            server: {
              enable: true,
              exports: "/mnt/DATA_4TB 192.168.8.0/24(rw,sync,no_subtree_check)",
              statdPort: 4000,
              lockdPort: 4001,
              mountdPort: 4002,
            },
          },
        },
        nix: { settings: { "auto-optimise-store": { _type: "default", content: false } } },
        networking: {
          firewall: { allowedTCPPorts: [111, 2049, 4000, 4001, 4002], allowedUDPPorts: [111, 4000, 4001, 4002] },
        },
      },
    ]);
  });
});

/** Dotted paths of the leaves of evaluated module output; a `{ _type … }` marker is a leaf. */
function optionPaths(value: unknown, prefix: readonly string[] = []): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value) || "_type" in value) return [prefix.join(".")];
  return Object.entries(value).flatMap(([key, inner]) => optionPaths(inner, [...prefix, key]));
}
