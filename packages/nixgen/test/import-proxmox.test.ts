// `nixgen import --proxmox` on a cluster copy written for these tests (fixtures/pve-cluster: six
// containers and four VMs on three nodes, privileged and not, a directory mapping two VMs share, a
// snapshot, pending changes, a cloud-init password). The round trip reads the generated
// proxmox/lxc/<vmid>.conf files back with the same parser and hosts.nix through Nix, and compares
// them key by key with the originals, never as text: Proxmox reorders keys and rewrites rootfs
// (pve-container src/PVE/LXC/Config.pm), and numbers mount points by slot, which the model orders bind mounts first.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateConfig, type HomelabConfigInput, type MachineInput } from "@homelab/schema";
import { beforeAll, describe, expect, test } from "vitest";
import type { GeneratedFile } from "../src/emit/types.js";
import { generatedValues } from "../src/import/generated-values.js";
import { importProxmox, type ProxmoxImportResult } from "../src/import-proxmox/import-proxmox.js";
import { parseGuestConfig, type GuestConfig } from "../src/import-proxmox/parse-guest-config.js";
import { parsePropertyString } from "../src/import-proxmox/parse-property-string.js";
import { parseSectionConfig } from "../src/import-proxmox/parse-section-config.js";
import { readPveTree, type GuestFile } from "../src/import-proxmox/read-pve-tree.js";
import { plan } from "../src/plan.js";
import { nixgen, tempDir, writeFiles } from "./helpers/cli-run.js";

const fixture = fileURLToPath(new URL("./fixtures/pve-cluster/", import.meta.url));
const TEMPLATE = "local:vztmpl/nixos-24.11-x86_64.tar.xz";

let imported: ProxmoxImportResult;
let guests: readonly GuestFile[];
let files: readonly GeneratedFile[];
// Evaluated Nix data, read field by field: `any` because its shape is what the test checks.
type Data = Record<string, any>;

let hosts: Data;

beforeAll(async () => {
  imported = await importProxmox("pve-cluster", fixture);
  guests = (await readPveTree(fixture)).guests;
  files = plan(withTemplates(imported.config)).files;
  hosts = (await generatedValues(files, ["hosts.nix"])).get("hosts.nix") as Data;
}, 120_000);

/** What the user is told to add: the template each container was made from. */
function withTemplates(config: HomelabConfigInput): HomelabConfigInput {
  const machines = Object.fromEntries(
    Object.entries(config.machines ?? {}).map(([name, machine]): [string, MachineInput] => [
      name,
      machine.kind === "lxc" ? { ...machine, proxmox: { ...machine.proxmox, template: TEMPLATE } } : machine,
    ]),
  );
  return { ...config, machines };
}

function machineOf(vmid: number): [string, MachineInput] {
  const found = Object.entries(imported.config.machines ?? {}).find(
    ([, machine]) => machine.kind !== "metal" && machine.proxmox.vmid === vmid,
  );
  if (found === undefined) throw new Error(`no machine for ${vmid}`);
  return found;
}

const GiB = 1024 ** 3;
const units = { "": 1, K: 1024, M: 1024 ** 2, G: GiB, T: 1024 ** 4 } as const;

/** Bytes of a Proxmox size (`8G`), or of a create-form volume's GiB (`local-lvm:8`). */
function bytes(size: string): number {
  const [, number = "", unit = ""] = /^([0-9.]+)([KMGT]?)$/.exec(size) ?? [];
  return Number(number) * units[unit as keyof typeof units];
}

/** A volume either as Proxmox keeps it (`local-lvm:vm-1-disk-0` + size=8G) or as the generator writes it (`local-lvm:8`). */
function volume(parts: ReadonlyMap<string, string>): { source: string; size?: number } {
  const value = parts.get("volume") ?? "";
  if (value.startsWith("/")) return { source: value };
  const [storage = "", rest = ""] = value.split(":");
  const size = parts.get("size");
  return { source: storage, size: size === undefined ? bytes(rest) * GiB : bytes(size) };
}

const on = (value: string | undefined): boolean => value !== undefined && /^(1|on|yes|true)$/i.test(value);

/** A container config as values to compare: each key normalized the way Proxmox reads it, defaults filled in. */
function lxcView(conf: GuestConfig): Record<string, unknown> {
  const view: Record<string, unknown> = { onboot: false, unprivileged: false, arch: "amd64" };
  const mounts: Record<string, unknown> = {};
  for (const [key, value] of conf.values) {
    if (key === "parent") continue; // names a snapshot, which is not imported
    if (key === "rootfs") view[key] = volume(parsePropertyString(value, "volume"));
    else if (/^mp[0-9]+$/.test(key)) {
      const parts = parsePropertyString(value, "volume");
      mounts[parts.get("mp") as string] = { ...volume(parts), ro: on(parts.get("ro")), backup: parts.get("backup") };
    } else if (/^net[0-9]+$/.test(key)) {
      const parts = Object.fromEntries(parsePropertyString(value));
      delete parts["type"]; // veth, the only type
      view[key] = { ...parts, firewall: on(parts["firewall"]) };
    } else if (key === "features") {
      const parts = Object.fromEntries(parsePropertyString(value));
      view[key] = Object.fromEntries(
        Object.entries(parts).map(([k, v]) => [k, k === "mount" ? v.split(";").sort() : on(v)]),
      );
    } else if (key === "onboot" || key === "unprivileged") view[key] = on(value);
    else if (key === "tags") view[key] = value.split(";").sort();
    else view[key] = value;
  }
  return { ...view, mounts, lxc: conf.lxc, description: conf.description };
}

/** The generated conf without the header the generator writes for the reader (everything up to its fixed comment). */
function generatedConf(vmid: number): GuestConfig {
  const file = files.find((candidate) => candidate.path === `proxmox/lxc/${vmid}.conf`);
  if (file === undefined) throw new Error(`no proxmox/lxc/${vmid}.conf`);
  const marker = "as the container's notes.\n";
  return parseGuestConfig(file.content.slice(file.content.indexOf(marker) + marker.length));
}

describe("import --proxmox, then gen: containers", () => {
  test("the fixture has what the issue asks for", () => {
    const lxc = guests.filter((guest) => guest.kind === "lxc");
    expect(lxc.length).toBeGreaterThanOrEqual(6);
    expect(guests.filter((guest) => guest.kind === "qemu").length).toBeGreaterThanOrEqual(4);
    expect(new Set(guests.map((guest) => guest.node))).toEqual(new Set(["pve1", "pve2", "pve3"]));
    const privileged = lxc.map((guest) => on(parseGuestConfig(guest.text).values.get("unprivileged")));
    expect(privileged).toContain(true);
    expect(privileged).toContain(false);
  });

  test.each([101, 102, 103, 104, 105, 106])("proxmox/lxc/%i.conf reads back to the original, key by key", (vmid) => {
    const guest = guests.find((g) => g.vmid === vmid) as GuestFile;
    const original = parseGuestConfig(guest.text);
    const generated = generatedConf(vmid);
    expect(lxcView(generated)).toEqual(lxcView(original));
    expect(generated.snapshots).toEqual([]);
    expect(generated.pending).toBe(false);
    expect(machineOf(vmid)[1]).toMatchObject({ proxmox: { node: guest.node } });
  });
});

test("the create script appends the kept keys and the raw lxc.* lines, which pct cannot set", () => {
  const script = files.find((file) => file.path === "proxmox/lxc/102-create.sh")?.content ?? "";
  expect(script).toContain(
    [
      "# Keys kept from the imported config, then raw lxc.* keys, which pct cannot set: appended before the first start.",
      "printf '%s\\n' \\",
      "  'nameserver: 1.1.1.1' \\",
      "  'ostype: debian' \\",
      "  'startup: order=1,up=30' \\",
      "  'lxc.apparmor.profile: unconfined' \\",
    ].join("\n"),
  );
  expect(script).toContain(
    "  --net1 name=eth1,bridge=vmbr1,ip=10.0.20.2/24,gw=10.0.20.1,hwaddr=BC:24:11:00:01:12,tag=20 \\\n  --swap 256 \\",
  );
});

describe("import --proxmox, then gen: VMs in hosts.nix", () => {
  /** The VM as Proxmox's config says it, in hosts.nix's terms (qemu-server's defaults where a key is absent). */
  function expectedVm(conf: GuestConfig): Record<string, unknown> {
    const get = (key: string): string | undefined => conf.values.get(key);
    const keyed = (key: string, defaultKey: string): string | undefined =>
      get(key) === undefined ? undefined : parsePropertyString(get(key) as string, defaultKey).get(defaultKey);
    const disks = Object.fromEntries(
      [...conf.values]
        .filter(([key]) => /^(scsi|virtio|sata|ide)[0-9]+$/.test(key))
        .map(([key, value]) => [key, parsePropertyString(value, "file")] as const)
        .filter(([, parts]) => parts.has("size") && parts.get("media") !== "cdrom")
        .map(([key, parts]) => [
          key,
          { storage: (parts.get("file") as string).split(":")[0], size: parts.get("size") },
        ]),
    );
    const networks = [...conf.values]
      .filter(([key]) => /^net[0-9]+$/.test(key))
      .map(([key, value]) => {
        const parts = parsePropertyString(value, "model");
        const model = ["virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"].find((m) => parts.has(m));
        const ipconfig = get(`ipconfig${key.slice(3)}`);
        const address = ipconfig === undefined ? undefined : parsePropertyString(ipconfig);
        const ip = address?.get("ip");
        return {
          bridge: parts.get("bridge"),
          mac: parts.get(model as string),
          model,
          firewall: on(parts.get("firewall")),
          vlan: parts.get("tag") === undefined ? undefined : Number(parts.get("tag")),
          ip: ip === undefined || ip === "dhcp" ? "dhcp" : { address: ip, gateway: address?.get("gw") },
        };
      });
    const virtiofs = [...conf.values]
      .filter(([key]) => /^virtiofs[0-9]+$/.test(key))
      .map(([, value]) => {
        const parts = parsePropertyString(value, "dirid");
        const flag = (k: string): boolean | undefined => (parts.has(k) ? on(parts.get(k)) : undefined);
        return {
          mapping: parts.get("dirid"),
          cache: parts.get("cache"),
          direct_io: flag("direct-io"),
          expose_acl: flag("expose-acl"),
          expose_xattr: flag("expose-xattr"),
        };
      });
    return {
      cores: Number(get("cores") ?? 1),
      sockets: get("sockets") === undefined ? undefined : Number(get("sockets")),
      memory: Number(keyed("memory", "current") ?? 512),
      bios: get("bios") ?? "seabios",
      cpuType: keyed("cpu", "cputype") ?? "kvm64",
      machine: keyed("machine", "type"),
      agent: on(keyed("agent", "enabled")),
      onBoot: get("onboot") === undefined ? undefined : on(get("onboot")),
      tags: get("tags")?.split(";") ?? [],
      disks,
      networks,
      virtiofs,
    };
  }

  /** The same from the evaluated hosts.nix entry. */
  function hostsVm(entry: Data): Record<string, unknown> {
    const network = (n: Data = { bridge: "vmbr0", ip: "dhcp" }): Data => ({
      bridge: n["bridge"],
      mac: n["mac"],
      model: n["model"] ?? "virtio",
      firewall: n["firewall"] === true,
      vlan: n["vlan"],
      ip: n["ip"],
    });
    return {
      cores: entry["cores"],
      sockets: entry["sockets"],
      memory: entry["memory"],
      bios: entry["bios"],
      cpuType: entry["cpuType"],
      machine: entry["machine"],
      agent: entry["agent"] !== false,
      onBoot: entry["onBoot"],
      tags: entry["tags"] ?? [],
      disks: Object.fromEntries([
        [entry["diskInterface"] ?? "virtio0", { storage: entry["storage"], size: entry["disk"] }],
        ...(entry["extraDisks"] ?? []).map((d: Record<string, string>) => [
          d["slot"],
          { storage: d["storage"], size: d["size"] },
        ]),
      ]),
      networks: [network(entry["network"]), ...(entry["extraNetworks"] ?? []).map(network)],
      virtiofs: (entry["virtiofs"] ?? []).map((share: Record<string, unknown>) => ({
        mapping: share["mapping"],
        cache: share["cache"],
        direct_io: share["direct_io"],
        expose_acl: share["expose_acl"],
        expose_xattr: share["expose_xattr"],
      })),
    };
  }

  test.each([201, 202, 203, 204])("the hosts.nix entry of VM %i reads back to its config, key by key", (vmid) => {
    const guest = guests.find((g) => g.vmid === vmid) as GuestFile;
    const conf = parseGuestConfig(guest.text);
    const [name, machine] = machineOf(vmid);
    const entry = hosts[name]["proxmox"];
    expect(entry["node"]).toBe(guest.node);
    expect(entry["vmid"]).toBe(vmid);
    expect(hostsVm(entry)).toEqual(expectedVm(conf));
    expect(machine.description).toBe(conf.description);
    expect(hosts[name]["system"]).toBe(conf.values.get("arch") === "aarch64" ? "aarch64-linux" : "x86_64-linux");
  });

  test("keys outside the model are kept in the hosts.nix entry as written; hostpci becomes deferred passthrough", async () => {
    const web = hosts["web"]["proxmox"];
    expect(web["scsihw"]).toBe("virtio-scsi-single");
    expect(web["efidisk0"]).toBe("local-lvm:vm-201-disk-0,efitype=4m,pre-enrolled-keys=1,size=4M");
    expect(web["ide2"]).toBe("none,media=cdrom");
    expect(hosts["cloud"]["proxmox"]["sshkeys"]).toBe(
      "ssh-ed25519%20AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly%20admin%40laptop%0A",
    );
    const text = files.find((file) => file.path === "hosts.nix")?.content ?? "";
    for (const id of ["0000:01:00.0", "0000:02:00.0", "0000:02:00.1"])
      expect(text).toContain(`# PCI passthrough ${id} deferred: hostpci0 on the imported VM`);
    expect(hosts["transcode"]["proxmox"]["passthrough"]).toBeUndefined();
  });

  test("storage.cfg and mapping/directory.cfg read back from hosts.nix's _proxmox", async () => {
    const storage = parseSectionConfig(await readFile(join(fixture, "storage.cfg"), "utf8"), "typed");
    expect(hosts["_proxmox"]["storages"]).toEqual(
      Object.fromEntries(
        storage.sections.map((s) => [
          s.id,
          { type: s.type, ...Object.fromEntries([...s.values].map(([k, v]) => [k, v.join(",")])) },
        ]),
      ),
    );
    const mappings = parseSectionConfig(await readFile(join(fixture, "mapping/directory.cfg"), "utf8"), "id");
    expect(hosts["_proxmox"]["mappings"]).toEqual(
      Object.fromEntries(
        mappings.sections.map((s) => [
          s.id,
          Object.fromEntries(
            (s.values.get("map") ?? []).map((m) => [
              parsePropertyString(m).get("node"),
              parsePropertyString(m).get("path"),
            ]),
          ),
        ]),
      ),
    );
    // The mapping two VMs share is one mapping, named by both.
    expect(hosts["web"]["proxmox"]["virtiofs"][0]["mapping"]).toBe("media");
    expect(hosts["transcode"]["proxmox"]["virtiofs"][0]["mapping"]).toBe("media");
    expect(imported.config.storage?.mappings?.["media"]?.description).toBe("Media library (read-only for guests)");
  });
});

describe("import --proxmox: what is not copied, and what must be told", () => {
  test("importing the same directory twice gives identical TypeScript", async () => {
    const again = await importProxmox("pve-cluster", fixture);
    expect(again.text).toBe(imported.text);
  });

  test("the cloud-init password is not in the config, and a warning names the key", () => {
    expect(imported.text).not.toContain("s3cr3t");
    expect(imported.text).not.toContain("cipassword");
    expect(JSON.stringify(imported.config)).not.toContain("s3cr3t");
    const warnings = imported.warnings.find((w) => w.file === "nodes/pve2/qemu-server/203.conf")?.issues ?? [];
    expect(warnings).toContainEqual(
      expect.objectContaining({
        code: "import/secret",
        path: ["cipassword"],
        message: expect.stringContaining("cipassword"),
      }),
    );
  });

  test("snapshots and pending changes are named, unknown keys listed", () => {
    const messages = (file: string): string[] =>
      (imported.warnings.find((w) => w.file === file)?.issues ?? []).map((i) => i.message);
    expect(messages("nodes/pve1/lxc/102.conf")).toContain(
      "snapshots before-upgrade are not imported (only the current config is)",
    );
    expect(messages("nodes/pve3/qemu-server/204.conf")).toContain(
      "snapshots clean are not imported (only the current config is)",
    );
    expect(messages("nodes/pve1/lxc/103.conf")).toContainEqual(
      expect.stringMatching(/^\[pve:pending\] changes are not imported/),
    );
    expect(messages("nodes/pve1/lxc/102.conf")).toContain(
      "kept as written, outside the typed model: nameserver, ostype, startup",
    );
    // The pending cores (4) and the snapshot's host name are not the guest's state now.
    expect(machineOf(103)[1]).toMatchObject({ proxmox: { cores: 2 } });
    expect(machineOf(102)[1].hostname).toBe("dns");
  });

  test("the symlinks to the local node's folders are not followed: every guest once", () => {
    expect(Object.keys(imported.config.machines ?? {}).sort()).toEqual([
      "backup",
      "builder",
      "cloud",
      "dns",
      "docker",
      "hass",
      "media",
      "sensors",
      "transcode",
      "web",
    ]);
  });

  test("validation names exactly what Proxmox does not keep: each container's template", () => {
    const errors = imported.missing.map((issue) => issue.path.join("."));
    expect(errors).toEqual(
      ["media", "dns", "sensors", "docker", "backup", "hass"].map((name) => `machines.${name}.proxmox.template`),
    );
    expect(validateConfig(withTemplates(imported.config)).ok).toBe(true);
  });
});

test("a container that leaves out what the model needs: validation names each field", async () => {
  const dir = await tempDir();
  await writeFiles(dir, {
    "nodes/pve9/lxc/150.conf": "arch: amd64\nhostname: Bare\nnet0: name=eth0,bridge=vmbr0,ip=10.0.0.5/24,type=veth\n",
  });
  const bare = await importProxmox("copy", dir);
  expect(bare.missing.map((issue) => issue.path.join("."))).toEqual([
    "machines.bare.proxmox.cores",
    "machines.bare.proxmox.disk",
    "machines.bare.proxmox.storage",
    "machines.bare.proxmox.network.ip.gateway",
    "machines.bare.proxmox.template",
  ]);
  expect(bare.warnings[0]?.issues.map((issue) => issue.message)).toEqual([
    "hostname Bare is written in lower case, as DNS compares it",
    "no cores: the container may use every core of its node; the model needs a number",
    "no rootfs: the model needs its storage and size",
    "Proxmox does not keep the template a container was made from: set proxmox.template (e.g. local:vztmpl/nixos-24.11-x86_64.tar.xz)",
  ]);
});

describe("nixgen import --proxmox (the CLI)", () => {
  test("writes the config and lists what to set; never with .nix files", async () => {
    const dir = await tempDir();
    const result = await nixgen(["import", "--proxmox", fixture, "--out", "homelab.config.ts"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      "homelab.config.ts: written (10 machines; 6 fields to set before `nixgen gen`, listed above)",
    );
    expect(result.stderr).toContain("nodes/pve2/qemu-server/203.conf\n  ⚠ cipassword looks like a password or token");
    expect(result.stderr).toContain("✖ Missing required field: expected string → at machines.media.proxmox.template");
    expect(await readFile(join(dir, "homelab.config.ts"), "utf8")).toBe((await importProxmox(fixture, fixture)).text);
    const both = await nixgen(["import", "--proxmox", fixture, "hosts.nix"], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--proxmox imports a directory: name no .nix files with it");
  });

  test("a directory that is no copy of /etc/pve is refused", async () => {
    const dir = await tempDir();
    const result = await nixgen(["import", "--proxmox", "."], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is it a copy of /etc/pve?");
  });
});
