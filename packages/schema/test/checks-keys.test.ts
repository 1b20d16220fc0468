// Keys in the registry, in machines' authorized keys and in profiles are read as keys: a key agenix or
// sshd would refuse is reported where it is written.
import { describe, expect, test } from "vitest";
import { frameFixture, keys, lxcFixture } from "./fixtures.js";
import { realKeys } from "./real-keys.js";
import { edit, report } from "./report.js";

/** The frame1 key with its last four body characters dropped: 48 bytes, where the key field needs 51. */
const truncated = keys.frame1.slice(0, -4);
const ed25519Body = keys.frame1.split(" ")[1] ?? "";

describe("public keys", () => {
  test("a truncated ed25519 user key", () => {
    const config = edit(frameFixture(), (c) => {
      c.keys.users.admin = truncated;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "public-key: ✖ key "admin": ssh-ed25519 body ends inside its 32-byte key → at keys.users.admin",
      ]
    `);
  });

  test("an ssh-rsa host key whose body is ed25519", () => {
    const config = edit(frameFixture(), (c) => {
      c.keys.hosts.frame1 = `ssh-rsa ${ed25519Body}`;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "public-key: ✖ host key "frame1": ssh-rsa key whose body is a "ssh-ed25519" key → at keys.hosts.frame1",
      ]
    `);
  });

  test("an age recipient with a bad checksum, second in a user's list", () => {
    const config = edit(frameFixture(), (c) => {
      c.keys.users.admin = [keys.admin, realKeys.age.replace(/p$/, "q")];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "public-key: ✖ key "admin": age recipient has a bad checksum (a mistyped or truncated character) → at keys.users.admin[1]",
      ]
    `);
  });

  test("a literal authorized key with a short RSA modulus", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.users.admin.authorizedKeys.push(realKeys.rsa1024);
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "public-key: ✖ authorized key: ssh-rsa modulus is 1024 bits; RSA keys need at least 2048 → at machines.frame1.users.admin.authorizedKeys[2]",
      ]
    `);
  });

  test("a truncated key in a profile's authorized keys", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.systemSettings.authorizedKeys = { extend: [keys.admin, { items: [truncated], comment: "old" }] };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "public-key: ✖ authorized key: ssh-ed25519 body ends inside its 32-byte key → at profiles.home.systemSettings.authorizedKeys.extend[1].items[0]",
      ]
    `);
  });

  test("real keys of every type pass", () => {
    const config = edit(frameFixture(), (c) => {
      c.keys.users.admin = [keys.admin, realKeys.rsa3072, realKeys.p256, realKeys.p384, realKeys.p521, realKeys.age];
    });
    expect(report(config)).toEqual([]);
  });
});

test("a literal authorized key with a character outside base64 is a broken key, not an unknown name", () => {
  const config = edit(frameFixture(), (c) => {
    c.machines.frame1.users.admin.authorizedKeys = [`${keys.frame1.slice(0, -1)}!`];
  });
  expect(report(config)).toMatchInlineSnapshot(`
    [
      "public-key: ✖ authorized key: ssh-ed25519 body is not base64 → at machines.frame1.users.admin.authorizedKeys[0]",
    ]
  `);
});
