// hosts.nix is read by an OpenTofu set-up (bpg/proxmox provider), which creates Proxmox VMs from it. Every example's
// generated hosts.nix, and hosts.nix files for the cases that consumer treats specially, go through a
// re-implementation of its reading (fixtures/opentofu/consumer.nix): each VM of the config must come
// out as the VM it describes, and nothing else may.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { homelabConfig } from "../../schema/src/config.js";
import { openTofuHost, openTofuNode } from "@homelab/schema/internal";
import { validateConfig, wholeGiB, type HomelabConfig, type HomelabConfigInput } from "@homelab/schema";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { loadConfig } from "../src/config/load.js";
import { plan } from "../src/plan.js";
import { writeTree } from "./helpers/nix-cli.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const consumer = fileURLToPath(new URL("fixtures/opentofu/consumer.nix", import.meta.url));

interface Read {
  readonly endpoint: string | null;
  readonly vms: Record<string, Record<string, unknown>>;
}

async function readHosts(file: string): Promise<Read> {
  const { stdout } = await execa("nix-instantiate", ["--eval", "--strict", "--json", consumer, "--arg", "hostsFile", file]);
  return JSON.parse(stdout) as Read;
}

/** What the consumer must make of the config's VMs: each field it reads, from the typed model. */
function expectedVms(config: HomelabConfig): Record<string, Record<string, unknown>> {
  const vms: Record<string, Record<string, unknown>> = {};
  for (const [name, machine] of Object.entries(config.machines)) {
    if (machine.kind !== "vm" || machine.proxmox.readonly === true) continue;
    const pve = machine.proxmox;
    const clone = pve.cloneFromTemplate ?? true;
    const size = pve.disk === "passthrough" ? undefined : wholeGiB(pve.disk);
    vms[name] = {
      name,
      node_name: pve.node,
      vm_id: pve.vmid,
      bios: pve.bios,
      cpu: { cores: pve.cores, type: pve.cpuType },
      memory: { dedicated: pve.memory },
      disk: size === undefined ? [] : [{ datastore_id: pve.storage, interface: pve.diskInterface ?? "virtio0", size }],
      virtiofs: pve.virtiofs.map((share) => ({
        mapping: share.mapping,
        ...(share.cache === undefined ? {} : { cache: share.cache }),
        ...(share.directIo === undefined ? {} : { direct_io: share.directIo }),
        ...(share.exposeAcl === undefined ? {} : { expose_acl: share.exposeAcl }),
        ...(share.exposeXattr === undefined ? {} : { expose_xattr: share.exposeXattr }),
      })),
      ...(clone ? { clone: { vm_id: config.proxmox.templateVmid } } : {}),
      ...(clone || pve.description !== undefined
        ? { description: pve.description ?? `Managed by OpenTofu - ${machine.hostname}` }
        : {}),
      ...(clone || pve.tags !== undefined ? { tags: pve.tags ?? ["opentofu", "nixos", "managed"] } : {}),
      ...(pve.bios === "ovmf" ? { efi_disk: { datastore_id: pve.storage } } : {}),
      ...(pve.machine === undefined ? {} : { machine: pve.machine }),
    };
  }
  return vms;
}

function expectRead(read: Read, config: HomelabConfig): void {
  const vms = expectedVms(config);
  expect(read.vms).toEqual(vms);
  if (Object.keys(vms).length === 0) return;
  expect(openTofuNode(config)).toBeDefined();
  const endpoint = new URL(read.endpoint ?? "");
  expect(endpoint.protocol).toBe("https:");
  expect(endpoint.port).toBe("8006");
  expect(endpoint.hostname).toBe(openTofuHost(config));
}

const examples = (await readdir(join(root, "examples"), { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe("every example's generated hosts.nix, as the OpenTofu consumer reads it", () => {
  test.each(examples)("%s", async (name) => {
    const dir = join(root, "examples", name);
    const file = (await readdir(dir)).find((entry) => entry.startsWith("homelab.config.")) as string;
    const validation = validateConfig(await loadConfig(join(dir, file)));
    if (!validation.ok) throw new Error(`examples/${name} is invalid`);
    expectRead(await readHosts(join(root, "generated", name, "hosts.nix")), validation.config);
  });
});

const vm = (vmid: number, proxmox: Record<string, unknown> = {}) => ({
  kind: "vm" as const,
  hostname: `vm${vmid}`,
  proxmox: { node: "prom", vmid, cores: 2, memory: 2048, disk: "32G", storage: "nvmeprom", ...proxmox },
});

const cases: [string, HomelabConfigInput][] = [
  [
    "a passthrough disk, a disk in T, an imported VM, a readonly VM, an LXC container and bare metal",
    {
      proxmox: { nodes: { prom: { address: "root@pve.lan" } }, templateVmid: 9003 },
      machines: {
        nas: vm(101, { disk: "passthrough" }),
        big: vm(102, { disk: "1T", bios: "ovmf", machine: "q35", tags: ["media"] }),
        doc1: vm(103, { cloneFromTemplate: false, diskInterface: "scsi0", description: "imported" }),
        old: vm(104, { readonly: true }),
        ct: {
          kind: "lxc",
          hostname: "ct",
          proxmox: { node: "prom", vmid: 105, cores: 1, memory: 512, disk: "8G", storage: "local-lvm", template: "local:vztmpl/nixos.tar.xz" },
        },
        laptop: { kind: "metal", hostname: "laptop" },
      },
    },
  ],
];

describe("hosts.nix for what the consumer treats specially", () => {
  test.each(cases)("%s", async (_, input) => {
    const validation = validateConfig(input);
    expect(validation.issues.filter((found) => found.severity === "error")).toEqual([]);
    const dir = await writeTree(plan(input).files);
    expectRead(await readHosts(join(dir, "hosts.nix")), homelabConfig.parse(input));
  });
});
