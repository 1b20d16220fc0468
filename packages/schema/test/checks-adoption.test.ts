// Rules that follow the real consumers of the model's values: NixOS host names (with DNS's
// disagreement a warning), Proxmox disk sizes and passthrough disks, directory mappings created
// outside the config, and what hosts.nix's OpenTofu consumer can read.
import { describe, expect, test } from "vitest";
import { lxcFixture, vmFixture } from "./fixtures.js";
import { edit, report } from "./report.js";

describe("host names as NixOS defines them", () => {
  test.each([["nixosLabaku"], ["my_host"], ["A"], ["a".repeat(63)]])("%s is accepted", (host) => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.hostname = host;
    });
    expect(report(config).filter((line) => line.includes("✖"))).toEqual([]);
  });

  test.each([[""], ["-doc2"], ["doc2_"], ["doc 2"], ["a".repeat(64)]])("%s is refused", (host) => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.hostname = host;
    });
    expect(report(config).some((line) => line.startsWith("schema-invalid_format"))).toBe(true);
  });

  test("capitals and _ are a warning where DNS disagrees, and an error for pct create", () => {
    const vm = edit(vmFixture(), (c) => {
      c.machines.doc2.hostname = "nixosLabaku";
    });
    const underscore = edit(vmFixture(), (c) => {
      c.machines.doc2.hostname = "doc_2";
    });
    const lxc = edit(lxcFixture(), (c) => {
      c.machines.home.hostname = "lxc_home";
      c.profiles.home.systemSettings.hostname = "lxc_home";
    });
    expect([...report(vm), ...report(underscore), ...report(lxc)]).toMatchInlineSnapshot(`
      [
        "hostname-dns: ⚠ host name nixosLabaku suits NixOS but is no DNS label: DNS and DHCP know it as nixoslabaku → at machines.doc2.hostname",
        "hostname-dns: ⚠ host name doc_2 suits NixOS but is no DNS label: _ is not allowed in DNS host names → at machines.doc2.hostname",
        "lxc-hostname: ✖ pct create --hostname refuses lxc_home: a container's host name cannot contain _ → at machines.home.hostname",
      ]
    `);
  });
});

describe("disk sizes as Proxmox parses them", () => {
  test.each([["1.5T"], ["0.5G"], ["100"], ["32G"]])("%s parses", (disk) => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.proxmox.disk = disk;
    });
    expect(report(config).some((line) => line.startsWith("schema-"))).toBe(false);
  });

  test.each([["32 G"], ["32GB"], ["-1G"], ["1,5G"]])("%s does not", (disk) => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.proxmox.disk = disk;
    });
    expect(report(config).some((line) => line.startsWith("schema-invalid_format"))).toBe(true);
  });

  test("passthrough: a VM's disk, never a container's", () => {
    const vm = edit(vmFixture(), (c) => {
      c.machines.doc2.proxmox.disk = "passthrough";
    });
    const lxc = edit(lxcFixture(), (c) => {
      c.machines.home.proxmox.disk = "passthrough";
    });
    expect(report(vm)).toEqual([]);
    expect(report(lxc)).toMatchInlineSnapshot(`
      [
        "lxc-disk-size: ✖ an LXC container needs a root disk of its own: passthrough is for VMs → at machines.home.proxmox.disk",
      ]
    `);
  });
});

describe("a container's volumes and further config keys, as pct reads them", () => {
  test("a volume is created on a storage in whole GiB, at a mount point of its own", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.proxmox.bindMounts = [{ host: "/tank/media", container: "/media" }];
      c.machines.home.proxmox.volumes = [
        { storage: "local-lvm", size: "passthrough", container: "/srv/a" },
        { storage: "local-lvm", size: "512M", container: "/srv/b" },
        { storage: "local-lvm", size: "16G", container: "/media/" },
      ];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "bind-mount-duplicate: ✖ container path /media/ is already the mount point of bindMounts[0]; one would hide the other → at machines.home.proxmox.volumes[2].container",
        "lxc-disk-size: ✖ a container's volume is created on a storage: passthrough is for VMs → at machines.home.proxmox.volumes[0].size",
        "lxc-disk-size: ✖ container volumes are whole GiB (mpN: <storage>:<GiB>): 512M is not; write e.g. 16G → at machines.home.proxmox.volumes[1].size",
      ]
    `);
  });

  test("a volume's storage is a Proxmox id and its mount point has no . or .. component", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.proxmox.volumes = [{ storage: "local,lvm", size: "16G", container: "/srv/." }];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "format-proxmox-config-id: ✖ Invalid value "local,lvm": must be a Proxmox id: a letter, then at least one of letters, digits, _ and - → at machines.home.proxmox.volumes[0].storage",
        "format-no-dot-segments: ✖ Invalid value "/srv/.": must not have a "." or ".." component → at machines.home.proxmox.volumes[0].container",
      ]
    `);
  });

  test("a further key's value is one trimmed line, as `key: value` holds it", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.proxmox.extra = { ostype: "nixos", tags: "a\nrootfs: evil", cmode: "", lock: " backup" };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "format-one-line: ✖ Invalid value "a\\nrootfs: evil": must not contain a line break or another control character → at machines.home.proxmox.extra.tags",
        "format-proxmox-config-value: ✖ Invalid value "": must not be empty nor start or end with whitespace: Proxmox reads a config line as \`key: value\` and trims the value → at machines.home.proxmox.extra.cmode",
        "format-proxmox-config-value: ✖ Invalid value " backup": must not be empty nor start or end with whitespace: Proxmox reads a config line as \`key: value\` and trims the value → at machines.home.proxmox.extra.lock",
      ]
    `);
  });
});

describe("directory mappings created outside the config", () => {
  test("are referenced and their nodes checked", () => {
    const config = edit(vmFixture(), (c) => {
      c.storage.mappings.containers = { managed: false, nodes: ["prom2"] };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "virtiofs-mapping-node: ✖ directory mapping "containers" has no path on node prom, where doc2 runs; add prom to storage.mappings.containers.nodes → at machines.doc2.proxmox.virtiofs[0].mapping",
      ]
    `);
  });

  test("need nodes, not paths", () => {
    const config = edit(vmFixture(), (c) => {
      c.storage.mappings.containers = { managed: false, paths: { prom: "/x" } };
    });
    expect(report(config).some((line) => line.includes("storage.mappings.containers"))).toBe(true);
  });
});

describe("what hosts.nix's OpenTofu consumer reads", () => {
  test("a clone needs the template, every VM the one node, a disk whole GiB", () => {
    const config = edit(vmFixture(), (c) => {
      delete c.proxmox.templateVmid;
      c.machines.doc2.proxmox.disk = "20.5G";
      const doc3 = structuredClone(c.machines.doc2);
      doc3.hostname = "doc3";
      doc3.proxmox.vmid = 116;
      doc3.proxmox.node = "prom2";
      doc3.proxmox.disk = "64G";
      doc3.proxmox.cloneFromTemplate = false;
      delete doc3.proxmox.network;
      c.machines.doc3 = doc3;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "opentofu-node: ⚠ hosts.nix's OpenTofu consumer creates every VM on one node (_proxmox.node), and the VMs run on several: set proxmox.node, and readonly: true on VMs it must not manage → at proxmox.node",
        "opentofu-template: ⚠ VM doc2 is cloned from a template (cloneFromTemplate defaults to true) but proxmox.templateVmid is not set; set it, or cloneFromTemplate: false → at machines.doc2.proxmox",
        "opentofu-disk-size: ⚠ hosts.nix's OpenTofu consumer reads VM disks as whole GiB (<int>G): 20.5G is not; write e.g. 32G → at machines.doc2.proxmox.disk",
      ]
    `);
  });

  test("a readonly VM is left alone", () => {
    const config = edit(vmFixture(), (c) => {
      delete c.proxmox.templateVmid;
      c.machines.doc2.proxmox.readonly = true;
    });
    expect(report(config)).toEqual([]);
  });
});
