// A directory mapping created outside the config (`managed: false`, e.g. in the Proxmox UI) is shared
// and checked, but nothing generated creates it: no pvesh/zfs command, no path in hosts.nix or the runbook.
import type { HomelabConfigInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { plan } from "../src/plan.js";

const vm = (vmid: number, mapping: string) => ({
  kind: "vm" as const,
  hostname: `vm${vmid}`,
  proxmox: {
    node: "prom",
    vmid,
    cores: 2,
    memory: 2048,
    disk: "32G",
    storage: "local-lvm",
    cloneFromTemplate: false,
    virtiofs: [{ mapping, mountPoint: "/mnt/data" }],
  },
  replaces: { host: `old${vmid}`, dataPaths: ["/mnt/data"] },
});

function files(config: HomelabConfigInput): Map<string, string> {
  return new Map(plan(config).files.map((file) => [file.path, file.content]));
}

describe("directory mappings the config does not manage", () => {
  test("only the managed mapping gets commands", () => {
    const out = files({
      proxmox: { nodes: { prom: { address: "root@192.168.1.12" } } },
      storage: {
        mappings: {
          media: { paths: { prom: "/tank/media" } },
          containers: { managed: false, nodes: ["prom"], description: "made in the Proxmox UI" },
        },
      },
      machines: { a: vm(101, "media"), b: vm(102, "containers") },
    });
    const script = out.get("proxmox/storage.sh") ?? "";
    expect(script).toContain("/cluster/mapping/dir");
    expect(script).toContain("media");
    expect(script).not.toContain("containers");
    expect(out.get("MIGRATION.md")).not.toContain("/cluster/mapping/dir/containers");
    expect(out.get("hosts.nix")).toContain('mapping = "containers";');
    expect(out.get("hosts.nix")).not.toMatch(/containers = \{/);
  });

  test("with only unmanaged mappings there is no storage script at all", () => {
    const out = files({
      storage: { mappings: { containers: { managed: false, nodes: ["prom"] } } },
      machines: { b: vm(102, "containers") },
    });
    expect(out.has("proxmox/storage.sh")).toBe(false);
    for (const [path, content] of out) {
      expect(content, path).not.toMatch(/pvesh|zfs create/);
    }
  });
});
