// Raw NixOS settings against the NixOS option table: unknown paths and values of the wrong type,
// in machines' `nixos`, in the machine fields that land in NixOS options, and in modules' `config`.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ref } from "@homelab/nix";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { frameFixture } from "./fixtures.js";
import { edit, report } from "./report.js";

const nasHa = () => parse(readFileSync(fileURLToPath(new URL("../../../examples/nas-ha/homelab.config.yaml", import.meta.url)), "utf8"));

describe("NixOS settings", () => {
  test("a free-form setting's typed sub-option: Home Assistant's http.server_port is a 16-bit port", () => {
    const config = edit(nasHa(), (c) => {
      c.machines["home-assistant"].nixos["services.home-assistant.config"].http.server_port = 70000;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "nixos-option-type: ✖ services.home-assistant.config.http.server_port: 70000 does not fit type 16 bit unsigned integer; between 0 and 65535 (both inclusive) → at machines.home-assistant.nixos["services.home-assistant.config"].http.server_port",
      ]
    `);
  });

  test("an unknown option path, with the option meant", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.nixos = { "services.openssh.settigns.PermitRootLogin": "no", "boot.loader.systemd-boot.enable": true };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "nixos-option-unknown: ✖ services.openssh.settigns is not a NixOS option: did you mean "settings"? → at machines.frame1.nixos["services.openssh.settigns.PermitRootLogin"]",
      ]
    `);
  });

  test("an unknown option inside a nested attribute set, and inside a submodule of an attribute set", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.nixos = {
        services: { zfs: { autoScrub: { enabel: true } } },
        "users.users.backup": { isNormalUser: true, extraGroup: ["wheel"] },
      };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "nixos-option-unknown: ✖ services.zfs.autoScrub.enabel is not a NixOS option: did you mean "enable"? → at machines.frame1.nixos.services.zfs.autoScrub.enabel",
        "nixos-option-unknown: ✖ users.users.backup.extraGroup is not a NixOS option: did you mean "extraGroups"? → at machines.frame1.nixos["users.users.backup"].extraGroup",
      ]
    `);
  });

  test("a value of the wrong type, deep in a list", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.nixos = { "networking.firewall.allowedTCPPorts": [22, "443"], "boot.loader.timeout": "5" };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "nixos-option-type: ✖ networking.firewall.allowedTCPPorts: "443" does not fit type list of 16 bit unsigned integer; between 0 and 65535 (both inclusive) → at machines.frame1.nixos["networking.firewall.allowedTCPPorts"][1]",
        "nixos-option-type: ✖ boot.loader.timeout: "5" does not fit type null or signed integer → at machines.frame1.nixos["boot.loader.timeout"]",
      ]
    `);
  });

  test("a time zone with a space, and a user description with a colon (machine fields that land in NixOS options)", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.timeZone = "America/New York";
      c.machines.frame1.users.admin.description = "Admin: ops";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "nixos-option-type: ✖ time.timeZone: "America/New York" does not fit type null or string without spaces → at machines.frame1.timeZone",
        "nixos-option-type: ✖ users.users.admin.description: "Admin: ops" does not fit type string, not containing newlines or colons → at machines.frame1.users.admin.description",
      ]
    `);
  });

  test("a module's config at a NixOS option path; Nix expressions and the module's own options pass", () => {
    const config = edit(frameFixture(), (c) => {
      c.modules.web.config = {
        "services.nginx.enable": true,
        "services.nginx.recommendedProxySettings": "yes",
        "services.nginx.virtualHosts": ref("cfg.hosts"),
        "homelab.services.proxy.routes": [],
      };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "nixos-option-type: ✖ services.nginx.recommendedProxySettings: "yes" does not fit type boolean → at modules.web.config["services.nginx.recommendedProxySettings"]",
      ]
    `);
  });

  test("setting a set of options to a plain value", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.nixos = { "services.openssh": true };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "nixos-option-type: ✖ services.openssh is a set of NixOS options, not an option: set one of allowSFTP, authorizedKeysCommand, authorizedKeysCommandUser, authorizedKeysFiles, authorizedKeysInHomedir → at machines.frame1.nixos["services.openssh"]",
      ]
    `);
  });
});
