// Which files a config needs from its user, derived from the model alone: the list `gen` checks and
// `nixgen scaffold` writes starters for.
import type { HomelabConfigInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { userFiles } from "../src/emit/user-files.js";
import { InvalidConfigError, plan } from "../src/plan.js";
import { homelab } from "./helpers/homelab-config.js";

const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH4JgsDZfcGNhNFq+4bDi3knB1ol+vn81fFyn4ut+lz2";
const placement = { node: "pve", vmid: 110, cores: 2, memory: 2048, disk: "8G", storage: "local-lvm" };

const config: HomelabConfigInput = {
  keys: { users: { admin: key } },
  secrets: { token: { recipients: ["admin"] }, db: { recipients: ["admin"], file: "db-password.age" } },
  profiles: { base: { systemSettings: { profile: "proxmox-lxc", hostname: "ct" } }, ct: { extends: "base" } },
  machines: {
    nas: { kind: "metal", hostname: "nas", imports: ["./zfs.nix", "../../common/users.nix"] },
    box: { kind: "metal", hostname: "box", hardware: "./hw/box.nix", disko: "./disko.nix" },
    vm: { kind: "vm", hostname: "vm", proxmox: { ...placement, vmid: 111 } },
    ct: { kind: "lxc", hostname: "ct", profile: "ct", proxmox: { ...placement, template: "local:vztmpl/nixos.tar.xz" } },
  },
};

describe("userFiles", () => {
  test("hardware, disko and imports of each machine, the profile system's module, every secret's .age file; a VM needs none", () => {
    const files = userFiles(homelab(config), "c.ts").map((file) => [file.path, file.kind, file.at.join("."), file.starter !== undefined]);
    expect(files).toEqual([
      ["machines/nas/hardware.nix", "hardware", "machines.nas.hardware", true],
      ["machines/nas/zfs.nix", "module", "machines.nas.imports.0", true],
      ["common/users.nix", "module", "machines.nas.imports.1", true],
      ["machines/box/hw/box.nix", "hardware", "machines.box.hardware", true],
      ["machines/box/disko.nix", "disko", "machines.box.disko", true],
      ["profiles/proxmox-lxc/configuration.nix", "profile-system", "machines.ct.profile", true],
      ["secrets/token.age", "age", "secrets.token", false],
      ["secrets/db-password.age", "age", "secrets.db", false],
    ]);
  });

  test("a user file named like a generated one is refused", () => {
    const clash: HomelabConfigInput = { machines: { nas: { kind: "metal", hostname: "nas", stateVersion: "25.05", hardware: "./default.nix" } } };
    expect(() => plan(clash)).toThrow(InvalidConfigError);
    expect(() => plan(clash)).toThrow("machines/nas/default.nix is a file nixgen generates: name your file differently");
  });
});
