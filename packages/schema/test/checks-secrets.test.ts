import { describe, expect, test } from "vitest";
import { frameFixture, keys } from "./fixtures.js";
import { edit, report } from "./report.js";

describe("secrets", () => {
  test("a machine uses a secret that is not declared", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.secrets["web-pasword"] = true;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unknown-secret: ✖ secret "web-pasword" is not in secrets: did you mean "web-password"? → at machines.frame1.secrets.web-pasword",
      ]
    `);
  });

  test("a secret is not encrypted to the host key of a machine that uses it", () => {
    const config = edit(frameFixture(), (c) => {
      c.keys.hosts.frame2 = keys.frame2;
      c.machines.frame2 = { ...structuredClone(c.machines.frame1), hostname: "frame2" };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "secret-recipient: ✖ secret "web-password" is used by machine frame2 but not encrypted to its host key: add "frame2" to the recipients → at secrets.web-password.recipients",
      ]
    `);
  });

  test("a host key reached through a group is enough", () => {
    const config = edit(frameFixture(), (c) => {
      c.keys.groups.servers = ["frame1"];
      c.secrets["web-password"].recipients = ["admins", "servers"];
    });
    expect(report(config)).toEqual([]);
  });

  test("a machine using secrets has no host key", () => {
    const config = edit(frameFixture(), (c) => {
      c.keys.hosts = {};
      c.secrets["web-password"].recipients = ["admins"];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "secret-host-key: ✖ machine frame1 decrypts secrets but has no host key: add keys.hosts.frame1 so agenix can encrypt to it → at machines.frame1.secrets",
      ]
    `);
  });

  test("recipients naming unknown keys", () => {
    const config = edit(frameFixture(), (c) => {
      c.secrets["web-password"].recipients = ["admnis", "frame1", "nobody"];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unknown-recipient: ✖ recipient "admnis" is not in keys.users, keys.hosts or keys.groups: did you mean "admins"? → at secrets.web-password.recipients[0]",
        "unknown-recipient: ✖ recipient "nobody" is not in keys.users, keys.hosts or keys.groups → at secrets.web-password.recipients[2]",
      ]
    `);
  });

  test("secrets bound to options that cannot take them", () => {
    const config = edit(frameFixture(), (c) => {
      for (const name of ["token", "key", "cert", "pass"]) c.secrets[name] = { recipients: ["admins", "frame1"] };
      c.modules.vault = {
        description: "A vault, not enabled on frame1",
        options: { tokenFile: { type: { nullOr: "str" }, default: null, description: "Token.", secretFile: true } },
      };
      c.machines.frame1.secrets = {
        "web-password": { option: "web.port" },
        token: { option: "proxy.metrics.tokenFile" },
        key: { option: "grafana.adminPasswordFile" },
        cert: { option: "web.passwrdFile" },
        pass: { option: "vault.tokenFile" },
      };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "secret-option: ✖ web.port does not take a secret file (its declaration has no secretFile: true) → at machines.frame1.secrets.web-password.option",
        "secret-option: ✖ module proxy has no option metrics.tokenFile → at machines.frame1.secrets.token.option",
        "secret-option: ✖ module "grafana" is not in modules → at machines.frame1.secrets.key.option",
        "secret-option: ✖ module web has no option passwrdFile: did you mean "passwordFile"? → at machines.frame1.secrets.cert.option",
        "secret-option: ✖ module vault is not enabled on this machine, so vault.tokenFile is never read → at machines.frame1.secrets.pass.option",
      ]
    `);
  });

  test("a declared secret no machine uses", () => {
    const config = edit(frameFixture(), (c) => {
      c.secrets.spare = { recipients: ["admins"] };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unused-secret: ⚠ secret "spare" is decrypted on no machine → at secrets.spare",
      ]
    `);
  });
});

describe("keys", () => {
  test("authorized keys that are neither key names nor public keys", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.users.admin.authorizedKeys = ["admn", "frame1", "ssh-ed25519", keys.admin];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unknown-authorized-key: ✖ "admn" is neither a name in keys.users or keys.groups nor a public key: did you mean "admin"? → at machines.frame1.users.admin.authorizedKeys[0]",
        "unknown-authorized-key: ✖ "frame1" is neither a name in keys.users or keys.groups nor a public key → at machines.frame1.users.admin.authorizedKeys[1]",
        "public-key: ✖ authorized key: ssh-ed25519 has no base64 body after the key type → at machines.frame1.users.admin.authorizedKeys[2]",
      ]
    `);
  });

  test("group members that are not user or host keys", () => {
    const config = edit(frameFixture(), (c) => {
      c.keys.groups.everyone = ["admins", "frame1", "admn"];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unknown-group-member: ✖ "admins" is a group; groups list user and host keys only → at keys.groups.everyone[0]",
        "unknown-group-member: ✖ "admn" is not in keys.users or keys.hosts: did you mean "admin"? → at keys.groups.everyone[2]",
      ]
    `);
  });

  test("one name in two parts of the registry", () => {
    const config = edit(frameFixture(), (c) => {
      c.keys.hosts.admin = keys.frame2;
      c.keys.groups.frame1 = ["admin"];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "duplicate-key-name: ✖ key name "admin" is also in keys.users → at keys.hosts.admin",
        "duplicate-key-name: ✖ key name "frame1" is also in keys.hosts → at keys.groups.frame1",
      ]
    `);
  });
});
