import { describe, expect, test } from "vitest";
import { lxcFixture } from "./fixtures.js";
import { edit, report } from "./report.js";

describe("LXC features", () => {
  test("Docker from the profile's userSettings.dockerEnable needs nesting and keyctl", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.proxmox.features = { fuse: true };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "lxc-docker-features: ✖ LXC containers that run Docker need features.nesting and features.keyctl → at machines.home.proxmox.features",
      ]
    `);
  });

  test("Docker from the base profile's homelabDockerEnable, through extends", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.userSettings.dockerEnable = false;
      c.profiles.base.systemSettings.homelabDockerEnable = true;
      c.machines.home.proxmox.features = { nesting: true, fuse: true };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "lxc-docker-features: ✖ LXC containers that run Docker need features.nesting and features.keyctl → at machines.home.proxmox.features",
      ]
    `);
  });

  test("Docker from machine.docker", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.userSettings.dockerEnable = false;
      c.machines.home.docker = true;
      c.machines.home.proxmox.features = { keyctl: true, fuse: true };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "lxc-docker-features: ✖ LXC containers that run Docker need features.nesting and features.keyctl → at machines.home.proxmox.features",
      ]
    `);
  });

  test("no Docker, no features needed", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.userSettings.dockerEnable = false;
      c.profiles.home.systemSettings.systemPackages = { extend: [] };
      c.machines.home.proxmox.features = {};
    });
    expect(report(config)).toEqual([]);
  });

  test("FUSE packages from the profile chain and the machine need fuse", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.packages = ["sshfs"];
      c.machines.home.proxmox.features.fuse = false;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "lxc-fuse-feature: ✖ LXC containers that use FUSE (sshfs, gocryptfs) need features.fuse → at machines.home.proxmox.features",
      ]
    `);
  });

  test("a FUSE file system in the machine's NixOS settings needs fuse", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.systemSettings.systemPackages = { extend: [] };
      c.machines.home.nixos = { 'fileSystems."/mnt/remote"': { device: "nas:/data", fsType: "fuse.sshfs" } };
      c.machines.home.proxmox.features.fuse = false;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "lxc-fuse-feature: ✖ LXC containers that use FUSE (fuse.sshfs) need features.fuse → at machines.home.proxmox.features",
      ]
    `);
  });
});

describe("NFS in LXC", () => {
  test("an NFS server in an unprivileged container", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.nfs = { exports: [{ path: "/srv/share", clients: "192.168.1.0/24" }] };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "lxc-nfs-server-privileged: ✖ An NFS server in an LXC container needs a privileged container (privileged: true) → at machines.home.proxmox.privileged",
        "lxc-nfs-server-apparmor: ✖ An NFS server in an LXC container needs "lxc.apparmor.profile: unconfined" in proxmox.raw → at machines.home.proxmox.raw",
      ]
    `);
  });

  test("an NFS server from the profile in a privileged container without AppArmor unconfined", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.systemSettings.nfsServerEnable = true;
      c.machines.home.proxmox.privileged = true;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "lxc-nfs-server-apparmor: ✖ An NFS server in an LXC container needs "lxc.apparmor.profile: unconfined" in proxmox.raw → at machines.home.proxmox.raw",
      ]
    `);
  });

  test("an NFS server in a privileged container with AppArmor unconfined", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.systemSettings.nfsServerEnable = true;
      c.machines.home.proxmox.privileged = true;
      c.machines.home.proxmox.raw = ["lxc.apparmor.profile: unconfined", "lxc.cap.drop:"];
    });
    expect(report(config)).toEqual([]);
  });

  test("NFS client mounts in an unprivileged container, even with AppArmor unconfined", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.nfs = { mounts: [{ server: "truenas", export: "/mnt/tank/media", mountPoint: "/mnt/media" }] };
      c.machines.home.proxmox.raw = ["lxc.apparmor.profile: unconfined"];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "lxc-nfs-client-privileged: ✖ NFS mounts inside an LXC container need a privileged container (privileged: true): the kernel refuses NFS in an unprivileged one, whatever its AppArmor profile → at machines.home.proxmox.privileged",
      ]
    `);
  });

  test("NFS client from the profile: a privileged container is enough", () => {
    const privileged = edit(lxcFixture(), (c) => {
      c.profiles.home.systemSettings.nfsClientEnable = true;
      c.machines.home.proxmox.privileged = true;
    });
    const unprivileged = edit(lxcFixture(), (c) => {
      c.profiles.home.systemSettings.nfsClientEnable = true;
    });
    expect(report(privileged)).toEqual([]);
    expect(report(unprivileged).map((line) => line.split(":")[0])).toEqual(["lxc-nfs-client-privileged"]);
  });
});

describe("VM-only settings in LXC", () => {
  test("qemuGuestAddition in the profile of a container", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.base.userSettings.qemuGuestAddition = true;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "lxc-qemu-guest: ⚠ qemuGuestAddition is for VMs; LXC container home has no QEMU guest agent to talk to → at profiles.base.userSettings.qemuGuestAddition",
      ]
    `);
  });
});
