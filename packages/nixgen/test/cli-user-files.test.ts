// Files the user owns, end to end: `gen` names each missing one with how to create it and writes
// nothing; `scaffold` writes a starter for each it can, never over an existing file, and prints the
// agenix command for an encrypted secret; gen's manifest never lists (so never removes) a user file.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { HomelabConfigInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { configSource, nixgen, snapshot, tempDir, withoutTiming, writeFiles } from "./helpers/cli-run.js";

const admin = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH4JgsDZfcGNhNFq+4bDi3knB1ol+vn81fFyn4ut+lz2";

const homelab: HomelabConfigInput = {
  name: "user-files",
  keys: { users: { admin }, hosts: { box: admin } },
  secrets: { token: { recipients: ["admin", "box"] } },
  machines: {
    box: { kind: "metal", hostname: "box", stateVersion: "25.05", disko: "./disko.nix", imports: ["./extra.nix"], secrets: { token: true } },
  },
};

async function project(): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, { "homelab.config.json": configSource(homelab, "json") });
  return dir;
}

describe("user files", () => {
  test("gen names each missing user file with where the config needs it and how to create it, exits 1 and writes nothing", async () => {
    const dir = await project();
    const result = await nixgen(["gen", "--out", "out"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`homelab.config.json
  ✖ out/machines/box/hardware.nix is missing: the hardware configuration of box (file systems, boot loader, kernel modules); run nixos-generate-config --show-hardware-config on box and keep its output there (nixgen scaffold writes a starter) → at machines.box.hardware
  ✖ out/machines/box/disko.nix is missing: the disko layout of box's disks; write a disko layout, see https://github.com/nix-community/disko (nixgen scaffold writes a one-disk starter) → at machines.box.disko
  ✖ out/machines/box/extra.nix is missing: a NixOS module box imports; write the module (nixgen scaffold writes an empty one) → at machines.box.imports[0]
  ✖ out/secrets/token.age is missing: the encrypted secret token; encrypt it to its recipients with agenix, from the directory of secrets.nix: \`cd out/secrets && agenix -e token.age\` → at secrets.token
✖ 4 missing user files: nothing was written`);
    expect((await snapshot(join(dir, "out"))).size).toBe(0);
    const check = await nixgen(["gen", "--check", "--out", "out"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("✖ 4 missing user files: nothing was written");
  });

  test("scaffold writes a starter for each missing file it can, prints the agenix command for the secret, and never overwrites", async () => {
    const dir = await project();
    await writeFiles(join(dir, "out"), { "machines/box/extra.nix": "{ ... }: { services.fstrim.enable = true; }\n" });
    const first = await nixgen(["scaffold", "--out", "out"], dir);
    expect(first.code).toBe(1);
    expect(first.stdout).toBe(`written out/machines/box/hardware.nix (starter: the hardware configuration of box (file systems, boot loader, kernel modules))
written out/machines/box/disko.nix (starter: the disko layout of box's disks)
kept    out/machines/box/extra.nix
missing out/secrets/token.age: encrypt it to its recipients with agenix, from the directory of secrets.nix:
  cd out/secrets && agenix -e token.age`);
    expect(first.stderr).toBe("✖ 1 user file is still missing: create them as shown");
    expect(await readFile(join(dir, "out/machines/box/extra.nix"), "utf8")).toBe("{ ... }: { services.fstrim.enable = true; }\n");
    const hardware = await readFile(join(dir, "out/machines/box/hardware.nix"), "utf8");
    expect(hardware).toContain("nixos-generate-config --show-hardware-config");
    expect(hardware).toContain("boot.loader.systemd-boot.enable = true;");
    // disko declares the file systems, so the hardware starter leaves them out.
    expect(hardware).toContain("--no-filesystems");
    expect(hardware).not.toMatch(/^ *fileSystems/m);
    expect(await readFile(join(dir, "out/machines/box/disko.nix"), "utf8")).toContain('mountpoint = "/";');

    await writeFile(join(dir, "out/machines/box/hardware.nix"), "# mine\n{ }\n");
    const again = await nixgen(["scaffold", "--out", "out"], dir);
    expect(again.stdout).toMatch(/^kept {4}out\/machines\/box\/hardware\.nix$/m);
    expect(await readFile(join(dir, "out/machines/box/hardware.nix"), "utf8")).toBe("# mine\n{ }\n");
  });

  test("with every user file there, gen writes; its manifest lists none of them, so none is ever removed", async () => {
    const dir = await project();
    await nixgen(["scaffold", "--out", "out"], dir);
    await writeFiles(join(dir, "out"), { "secrets/token.age": "age-encryption.org/v1\n" });
    const result = await nixgen(["gen", "--out", "out"], dir);
    expect(result.code).toBe(0);
    expect(withoutTiming(result.stdout)).toMatch(/^out: \d+ files: \d+ written, 0 unchanged in N ms$/);
    const manifest = JSON.parse(await readFile(join(dir, "out/.nixgen-manifest.json"), "utf8")) as { files: string[] };
    expect(manifest.files).not.toContain("machines/box/hardware.nix");
    expect(manifest.files).not.toContain("secrets/token.age");

    // The machine goes away: its generated files are removed, the files the user wrote stay.
    await writeFile(join(dir, "homelab.config.json"), configSource({ ...homelab, machines: {}, secrets: {} }, "json"));
    expect((await nixgen(["gen", "--out", "out"], dir)).code).toBe(0);
    const after = await snapshot(join(dir, "out"));
    // What is left besides the user's files is what the empty homelab still generates (INVENTORY.md).
    expect([...after.keys()].filter((path) => !path.startsWith(".") && path !== "INVENTORY.md")).toEqual([
      "machines/box/disko.nix",
      "machines/box/extra.nix",
      "machines/box/hardware.nix",
      "secrets/token.age",
    ]);
  });
});
