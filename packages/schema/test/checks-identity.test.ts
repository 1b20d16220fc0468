import { describe, expect, test } from "vitest";
import { frameFixture, lxcFixture, vmFixture } from "./fixtures.js";
import { combine, edit, report } from "./report.js";

describe("valid fixtures", () => {
  test.each([
    ["lxc", lxcFixture],
    ["vm", vmFixture],
    ["frame", frameFixture],
    ["all together", () => combine(lxcFixture(), vmFixture(), frameFixture())],
  ])("%s has no issues", (_, fixture) => {
    expect(report(fixture())).toEqual([]);
  });
});

/** A second VM like doc2, with every unique field changed unless `same` keeps it. */
function twoVms(same: "vmid" | "hostname" | "ip" | "mac") {
  return edit(vmFixture(), (c) => {
    const doc3 = structuredClone(c.machines.doc2);
    if (same !== "vmid") doc3.proxmox.vmid = 116;
    if (same !== "hostname") doc3.hostname = "doc3";
    if (same !== "ip") doc3.proxmox.network.ip.address = "192.168.1.81/24";
    if (same !== "mac") doc3.proxmox.network.mac = "BC:24:11:00:00:02";
    c.machines.doc3 = doc3;
  });
}

describe("identity", () => {
  test("vmids are unique across containers and VMs", () => {
    const config = edit(combine(lxcFixture(), vmFixture()), (c) => {
      c.machines.doc2.proxmox.vmid = 110;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "duplicate-vmid: ✖ vmid 110 is already used by machine home → at machines.doc2.proxmox.vmid",
      ]
    `);
  });

  test("duplicate vmid", () => {
    expect(report(twoVms("vmid"))).toMatchInlineSnapshot(`
      [
        "duplicate-vmid: ✖ vmid 114 is already used by machine doc2 → at machines.doc3.proxmox.vmid",
      ]
    `);
  });

  test("duplicate hostname", () => {
    expect(report(twoVms("hostname"))).toMatchInlineSnapshot(`
      [
        "duplicate-hostname: ✖ hostname doc2 is already used by machine doc2 → at machines.doc3.hostname",
      ]
    `);
  });

  test("duplicate static IP, whatever the prefix length", () => {
    const config = edit(twoVms("ip"), (c) => {
      c.machines.doc3.proxmox.network.ip.address = "192.168.1.80/16";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "duplicate-ip: ✖ IP address 192.168.1.80 is already used by machine doc2 → at machines.doc3.proxmox.network.ip.address",
      ]
    `);
  });

  test("duplicate MAC, whatever the case", () => {
    const config = edit(twoVms("mac"), (c) => {
      c.machines.doc3.proxmox.network.mac = "bc:24:11:00:00:01";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "duplicate-mac: ✖ MAC address BC:24:11:00:00:01 is already used by machine doc2 → at machines.doc3.proxmox.network.mac",
      ]
    `);
  });
});

describe("nodes", () => {
  test("guests, datasets and mappings name listed nodes", () => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.proxmox.node = "prmo";
      c.storage.datasets[0].node = "elsewhere";
      c.storage.mappings.containers.paths.prom3 = "/srv/containers";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unknown-node: ✖ node "prmo" is not in proxmox.nodes: did you mean "prom"? → at machines.doc2.proxmox.node",
        "unknown-node: ✖ node "elsewhere" is not in proxmox.nodes → at storage.datasets[0].node",
        "unknown-node: ✖ node "prom3" is not in proxmox.nodes: did you mean "prom"? → at storage.mappings.containers.paths.prom3",
        "virtiofs-mapping-node: ✖ directory mapping "containers" has no path on node prmo, where doc2 runs; add storage.mappings.containers.paths.prmo → at machines.doc2.proxmox.virtiofs[0].mapping",
      ]
    `);
  });

  test("are not checked when the config lists none", () => {
    const config = edit(vmFixture(), (c) => {
      c.proxmox.nodes = {};
    });
    expect(report(config)).toEqual([]);
  });
});

describe("disk sizes", () => {
  test("an LXC root disk is whole GiB", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.proxmox.disk = "512M";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "lxc-disk-size: ✖ LXC root disks are whole GiB (pct create --rootfs <storage>:<GiB>): 512M is not; write e.g. 32G → at machines.home.proxmox.disk",
      ]
    `);
  });

  test.each([["2048M"], ["1T"], ["8G"]])("LXC root disk %s is whole GiB", (disk) => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.proxmox.disk = disk;
    });
    expect(report(config)).toEqual([]);
  });

  test("a size without a unit is bytes", () => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.proxmox.disk = "64";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "disk-size-small: ⚠ disk size 64 is under 1 GiB, too small for NixOS; a size without a unit is bytes: did you mean 64G? → at machines.doc2.proxmox.disk",
        "opentofu-disk-size: ⚠ hosts.nix's OpenTofu consumer reads VM disks as whole GiB (<int>G): 64 is not; write e.g. 32G → at machines.doc2.proxmox.disk",
      ]
    `);
  });

  test("a VM disk under 1 GiB", () => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.proxmox.disk = "512M";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "disk-size-small: ⚠ disk size 512M is under 1 GiB, too small for NixOS → at machines.doc2.proxmox.disk",
        "opentofu-disk-size: ⚠ hosts.nix's OpenTofu consumer reads VM disks as whole GiB (<int>G): 512M is not; write e.g. 32G → at machines.doc2.proxmox.disk",
      ]
    `);
  });
});
