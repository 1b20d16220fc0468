// Network facts that parse but cannot work, Proxmox's core limit, and clashes between two declarations
// that are each valid alone (the issue names both).
import { describe, expect, test } from "vitest";
import { frameFixture, lxcFixture, vmFixture } from "./fixtures.js";
import { edit, report } from "./report.js";

const withIp = (address: string, gateway: string) =>
  edit(vmFixture(), (c) => {
    c.machines.doc2.proxmox.network.ip = { address, gateway };
  });

describe("guest network", () => {
  test("a gateway outside the guest's subnet", () => {
    expect(report(withIp("192.168.1.80/24", "192.168.2.1"))).toMatchInlineSnapshot(`
      [
        "gateway-outside-subnet: ✖ gateway 192.168.2.1 is outside the guest's subnet 192.168.1.0/24 (from address 192.168.1.80/24), so it cannot be reached → at machines.doc2.proxmox.network.ip.gateway",
      ]
    `);
  });

  test("a gateway that is the guest's own address", () => {
    expect(report(withIp("192.168.1.80/24", "192.168.1.80"))).toMatchInlineSnapshot(`
      [
        "gateway-is-address: ✖ gateway 192.168.1.80 is the guest's own address; it must be another host on 192.168.1.0/24, e.g. the router → at machines.doc2.proxmox.network.ip.gateway",
      ]
    `);
  });

  test("the subnet's network address as the guest's address", () => {
    expect(report(withIp("10.0.0.0/8", "10.0.0.1"))).toMatchInlineSnapshot(`
      [
        "ip-network-address: ✖ 10.0.0.0 is the network address of 10.0.0.0/8, not a host in it → at machines.doc2.proxmox.network.ip.address",
      ]
    `);
  });

  test("the subnet's broadcast address as the guest's address", () => {
    expect(report(withIp("192.168.1.127/25", "192.168.1.1"))).toMatchInlineSnapshot(`
      [
        "ip-broadcast-address: ✖ 192.168.1.127 is the broadcast address of 192.168.1.0/25, not a host in it → at machines.doc2.proxmox.network.ip.address",
      ]
    `);
  });

  test.each([
    ["a /31 uses both its addresses (RFC 3021)", "10.0.0.0/31", "10.0.0.1"],
    ["a host in the upper half of a /25", "192.168.1.200/25", "192.168.1.129"],
    ["a /16", "172.16.5.4/16", "172.16.0.1"],
  ])("%s: no issue", (_, address, gateway) => {
    expect(report(withIp(address, gateway))).toEqual([]);
  });

  test("a multicast MAC address", () => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.proxmox.network.mac = "BD:24:11:00:00:01";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "mac-multicast: ✖ MAC address BD:24:11:00:00:01 is a multicast address (second hex digit odd); a NIC needs a unicast one such as BC:24:11:00:00:01 → at machines.doc2.proxmox.network.mac",
      ]
    `);
  });

  test("more cores than Proxmox allows", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.proxmox.cores = 8193;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "proxmox-cores: ✖ 8193 cores: Proxmox allows at most 8192 → at machines.home.proxmox.cores",
      ]
    `);
  });
});

describe("clashes", () => {
  test("two bind mounts on one container path, spelled differently", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.proxmox.bindMounts = [
        { host: "/tank/media", container: "/data" },
        { host: "/tank/backup", container: "/srv" },
        { host: "/tank/photos", container: "/data/" },
      ];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "bind-mount-duplicate: ✖ container path /data/ is already the mount point of bindMounts[0]; one would hide the other → at machines.home.proxmox.bindMounts[2].container",
      ]
    `);
  });

  test("one ZFS dataset declared twice on a node; the same name on another node is another dataset", () => {
    const config = edit(vmFixture(), (c) => {
      c.storage.datasets.push(
        { name: "nvmeprom/containers", node: "prom2", mountpoint: "/nvmeprom/containers" },
        { name: "nvmeprom/containers", node: "prom", mountpoint: "/srv/containers" },
      );
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "dataset-duplicate: ✖ ZFS dataset nvmeprom/containers on node prom is already declared by storage.datasets[0] → at storage.datasets[2].name",
      ]
    `);
  });

  test("a firewall port opened by a module and by the machine", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.firewall = { tcp: [22, 80] };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "firewall-port-conflict: ✖ tcp port 80 is opened by module proxy (proxy.httpPort) and by the machine's firewall: two services cannot share it → at machines.frame1.firewall.tcp[1]",
      ]
    `);
  });

  test("a firewall port opened by two modules", () => {
    const config = edit(frameFixture(), (c) => {
      c.modules.web.firewall = { tcp: [8080], udp: [8080] };
      c.machines.frame1.services.proxy = { httpPort: 8080 };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "firewall-port-conflict: ✖ tcp port 8080 is opened by module proxy (proxy.httpPort) and by module web: two services cannot share it → at machines.frame1.services.web",
      ]
    `);
  });

  test("two modules opening one port through their port options are reported once, as port-conflict", () => {
    const config = edit(frameFixture(), (c) => {
      c.modules.web.firewall = { tcp: ["port"] };
      c.machines.frame1.services.proxy = { httpPort: 3000 };
    });
    expect(report(config).map((line) => line.split(":")[0])).toEqual(["port-conflict"]);
  });

  test("a vmid used twice is already reported, naming the first machine", () => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc3 = { ...structuredClone(c.machines.doc2), hostname: "doc3" };
      delete c.machines.doc3.proxmox.network;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "duplicate-vmid: ✖ vmid 114 is already used by machine doc2 → at machines.doc3.proxmox.vmid",
      ]
    `);
  });
});
