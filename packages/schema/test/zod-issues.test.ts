import { describe, expect, test } from "vitest";
import { frameFixture, lxcFixture, vmFixture } from "./fixtures.js";
import { edit, report } from "./report.js";

describe("schema issues, printed like the checks'", () => {
  test("a wrong type says what was expected and received", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.proxmox.cores = "4";
      c.machines.home.proxmox.privileged = "yes";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "schema-invalid_type: ✖ Invalid input: expected number, received "4" → at machines.home.proxmox.cores",
        "schema-invalid_type: ✖ Invalid input: expected boolean, received "yes" → at machines.home.proxmox.privileged",
      ]
    `);
  });

  test("a missing required field", () => {
    const config = edit(vmFixture(), (c) => {
      delete c.machines.doc2.proxmox.vmid;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "schema-invalid_type: ✖ Missing required field: expected number → at machines.doc2.proxmox.vmid",
      ]
    `);
  });

  test("unknown fields, with did you mean", () => {
    const config = edit(vmFixture(), (c) => {
      c.machiens = {};
      c.machines.doc2.hostnme = "doc2";
      c.machines.doc2.proxmox.virtiofs[0].exposeACL = true;
      c.machines.doc2.proxmox.zzz = 1;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unknown-field: ✖ Unknown field "exposeACL": did you mean "exposeAcl"? → at machines.doc2.proxmox.virtiofs[0].exposeACL",
        "unknown-field: ✖ Unknown field "zzz" → at machines.doc2.proxmox.zzz",
        "unknown-field: ✖ Unknown field "hostnme": did you mean "hostname"? → at machines.doc2.hostnme",
        "unknown-field: ✖ Unknown field "machiens": did you mean "machines"? → at machiens",
      ]
    `);
  });

  test("a bad discriminator lists the kinds", () => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.kind = "lxd";
      c.machines.doc3 = { hostname: "doc3" };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "schema-invalid_union: ✖ Invalid input: expected "lxc" | "vm" | "metal", received "lxd": did you mean "lxc"? → at machines.doc2.kind",
        "schema-invalid_union: ✖ Missing required field: expected "lxc" | "vm" | "metal" → at machines.doc3.kind",
      ]
    `);
  });

  test("a bad hostname states the rule and the value", () => {
    const config = edit(vmFixture(), (c) => {
      c.machines.doc2.hostname = "doc2-";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "schema-invalid_format: ✖ Invalid value "doc2-": must be a NixOS host name: 1–63 of letters, digits, _ and -, starting and ending with a letter or digit → at machines.doc2.hostname",
      ]
    `);
  });

  test("a union resolves to the option the value was meant for", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.systemSettings.allowedTCPPorts = { extnd: [443] };
      c.profiles.home.systemSettings.systemPackages = { extend: ["not a package"] };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "schema-invalid_type: ✖ Missing required field: expected array → at profiles.home.systemSettings.allowedTCPPorts.extend",
        "unknown-field: ✖ Unknown field "extnd": did you mean "extend"? → at profiles.home.systemSettings.allowedTCPPorts.extnd",
        "schema-invalid_format: ✖ Invalid value "not a package": must be a package attribute name such as nfs-utils → at profiles.home.systemSettings.systemPackages.extend[0]",
      ]
    `);
  });

  test("a value no union option fits lists them all", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.services.web = "yes";
      c.modules.web.options.port.type = "prot";
      c.machines.frame1.secrets["web-password"] = { optoin: "web.passwordFile" };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "schema-invalid_union: ✖ Invalid input: expected "bool" | "str" | "int" | "float" | "port" | "path" | "lines" | "package" | "attrs" | "anything" | object, received "prot": did you mean "port"? → at modules.web.options.port.type",
        "schema-invalid_union: ✖ Invalid input: expected true | object, received "yes" → at machines.frame1.services.web",
        "unknown-field: ✖ Unknown field "optoin": did you mean "option"? → at machines.frame1.secrets.web-password.optoin",
      ]
    `);
  });

  test("numbers out of range and invalid names", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.firewall = { tcp: [70000, 0] };
      c.secrets["web password"] = { recipients: ["admins"] };
      c.machines.frame1.nixos = { "services.x.f": () => 1 };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "schema-invalid_key: ✖ Invalid name "web password": must start with a letter or _ and hold only letters, digits, _ and - → at secrets["web password"]",
        "schema-too_big: ✖ Invalid value 70000: must be 1–65535 → at machines.frame1.firewall.tcp[0]",
        "schema-too_small: ✖ Invalid value 0: must be 1–65535 → at machines.frame1.firewall.tcp[1]",
        "schema-custom: ✖ Invalid value a function: must be plain data or a Nix expression → at machines.frame1.nixos["services.x.f"]",
      ]
    `);
  });
});
