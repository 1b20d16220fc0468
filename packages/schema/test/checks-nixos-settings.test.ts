// Raw NixOS settings against the NixOS option table: unknown paths and values of the wrong type,
// in machines' `nixos`, in the machine fields that land in NixOS options, and in modules' `config`.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ref } from "@homelab/nix";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { fitsNixosType, formats, nixosOptionRows, parseNixosType } from "../src/index.js";
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

  test.each([
    ["time.timeZone", formats.timeZone, ["Europe/Prague", "UTC", "America/New York", "Europe/\tParis", ""]],
    ["users.users.<name>.description", formats.passwdField, ["Homelab admin", "Admin: ops", "two\nlines", ""]],
  ] as const)("the value format of the machine field that lands in %s accepts nothing NixOS's own type refuses", (option, format, samples) => {
    const row = nixosOptionRows().find(([name]) => name === option);
    const type = parseNixosType(row?.[1] ?? "");
    // A format may be stricter (a tab is no zoneinfo name, though NixOS only refuses spaces), never looser.
    for (const sample of samples) if (!fitsNixosType(sample, type)) expect(format.test(sample), JSON.stringify(sample)).toBe(false);
    expect(samples.filter((sample) => !fitsNixosType(sample, type)).length).toBeGreaterThan(0);
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
