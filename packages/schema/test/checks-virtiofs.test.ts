import { describe, expect, test } from "vitest";
import { vmFixture } from "./fixtures.js";
import { edit, report } from "./report.js";

const share = (mountPoint: string) => ({ mapping: "containers", mountPoint });

describe("virtiofs", () => {
  test("a share of a mapping that is not defined", () => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.proxmox.virtiofs[0].mapping = "container";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "virtiofs-unknown-mapping: ✖ directory mapping "container" is not in storage.mappings: did you mean "containers"? → at machines.doc2.proxmox.virtiofs[0].mapping",
        "virtiofs-unused-mapping: ⚠ directory mapping "containers" is shared with no VM → at storage.mappings.containers",
      ]
    `);
  });

  test("a mapping without a path on the VM's node", () => {
    const config = edit(vmFixture(), (c) => {
      c.storage.mappings.containers.paths = { prom2: "/srv/containers" };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "virtiofs-mapping-node: ✖ directory mapping "containers" has no path on node prom, where doc2 runs; add storage.mappings.containers.paths.prom → at machines.doc2.proxmox.virtiofs[0].mapping",
      ]
    `);
  });

  test("exposeAcl without exposeXattr", () => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.proxmox.virtiofs[0].exposeAcl = true;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "virtiofs-acl-xattr: ✖ exposeAcl needs exposeXattr: true (the Proxmox OpenTofu provider rejects expose_acl without expose_xattr) → at machines.doc2.proxmox.virtiofs[0].exposeAcl",
      ]
    `);
  });

  test("exposeAcl with exposeXattr", () => {
    const config = edit(vmFixture(), (c) => {
      Object.assign(c.machines.doc2.proxmox.virtiofs[0], { exposeAcl: true, exposeXattr: true });
    });
    expect(report(config)).toEqual([]);
  });

  test("more than 8 shares", () => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.proxmox.virtiofs = Array.from({ length: 9 }, (_, i) => share(`/mnt/share${i}`));
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "virtiofs-too-many: ✖ 9 virtiofs shares; the Proxmox OpenTofu provider allows at most 8 per VM → at machines.doc2.proxmox.virtiofs",
      ]
    `);
  });

  test("two shares on one mount point", () => {
    const config = edit(vmFixture(), (c) => {
      c.storage.mappings.media = { paths: { prom: "/tank/media" } };
      c.machines.doc2.proxmox.virtiofs.push({ mapping: "media", mountPoint: "/mnt/docker" });
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "virtiofs-duplicate-mount: ✖ mount point /mnt/docker is already used by virtiofs[0] → at machines.doc2.proxmox.virtiofs[1].mountPoint",
      ]
    `);
  });

  test("a mapping no VM uses", () => {
    const config = edit(vmFixture(), (c) => {
      c.storage.mappings.media = { paths: { prom: "/tank/media" } };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "virtiofs-unused-mapping: ⚠ directory mapping "media" is shared with no VM → at storage.mappings.media",
      ]
    `);
  });
});
