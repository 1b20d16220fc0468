import { str } from "@homelab/nix";
import { describe, expect, test } from "vitest";
import { frameFixture } from "./fixtures.js";
import { edit, report } from "./report.js";

const ageKey = "AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQY";
const pem = (kind: string) =>
  `-----BEGIN ${kind}PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END ${kind}PRIVATE KEY-----\n`;

describe("private keys", () => {
  test("anywhere in the config, inside Nix expressions too", () => {
    const config = edit(frameFixture(), (c) => {
      c.secrets["web-password"].description = `identity: ${ageKey}`;
      c.machines.frame1.nixos = {
        "environment.etc.key.text": pem("OPENSSH "),
        "environment.etc.tls.text": str("prefix ", pem("RSA ")),
      };
      c.modules.web.let = { keys: [pem("EC "), pem("")] };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "private-key: ✖ refusing private key material (an age secret key): the config holds public keys only → at secrets.web-password.description",
        "private-key: ✖ refusing private key material (a PEM/OpenSSH private key): the config holds public keys only → at modules.web.let.keys[0]",
        "private-key: ✖ refusing private key material (a PEM/OpenSSH private key): the config holds public keys only → at modules.web.let.keys[1]",
        "private-key: ✖ refusing private key material (a PEM/OpenSSH private key): the config holds public keys only → at machines.frame1.nixos["environment.etc.key.text"]",
        "private-key: ✖ refusing private key material (a PEM/OpenSSH private key): the config holds public keys only → at machines.frame1.nixos["environment.etc.tls.text"]",
      ]
    `);
  });

  test("public keys and mentions of the prefix are fine", () => {
    const config = edit(frameFixture(), (c) => {
      c.secrets["web-password"].description = "never paste an AGE-SECRET-KEY- here";
    });
    expect(report(config)).toEqual([]);
  });
});
