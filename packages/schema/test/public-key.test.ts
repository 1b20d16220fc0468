// Public keys parsed field by field: real keys (from the examples and fresh from ssh-keygen) pass, and
// each kind of broken key gets its own message.
import { describe, expect, test } from "vitest";
import { decodeBech32 } from "../src/public-key/bech32.js";
import { publicKeyProblem } from "../src/public-key/parse.js";
import { keys } from "./fixtures.js";
import { realKeys } from "./real-keys.js";


const body = (key: string): Buffer => Buffer.from(key.split(" ")[1] ?? "", "base64");
const withBody = (type: string, bytes: Uint8Array): string => `${type} ${Buffer.from(bytes).toString("base64")}`;
/** An SSH wire field: uint32 length, then the bytes. */
const field = (bytes: Uint8Array | string): Buffer => {
  const data = typeof bytes === "string" ? Buffer.from(bytes, "latin1") : Buffer.from(bytes);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
};

describe("publicKeyProblem", () => {
  test.each([
    ["ed25519 from the examples", keys.admin],
    ["ed25519 without a comment", keys.frame1],
    ["rsa 3072", realKeys.rsa3072],
    ["ecdsa p256", realKeys.p256],
    ["ecdsa p384", realKeys.p384],
    ["ecdsa p521", realKeys.p521],
    ["age", realKeys.age],
  ])("%s is a key", (_, key) => {
    expect(publicKeyProblem(key)).toBeUndefined();
  });

  const ed25519 = body(keys.frame1);
  test.each([
    ["ed25519 truncated by one byte", withBody("ssh-ed25519", Buffer.concat([field("ssh-ed25519"), field(ed25519.subarray(19, 50))])), "ssh-ed25519 key is 31 bytes, expected 32"],
    ["ed25519 cut in the middle of its key", withBody("ssh-ed25519", ed25519.subarray(0, 40)), "ssh-ed25519 body ends inside its 32-byte key"],
    ["ed25519 with bytes after the key", withBody("ssh-ed25519", Buffer.concat([ed25519, Buffer.from([0])])), "ssh-ed25519 body has 1 bytes after its last field"],
    ["ed25519 body under the ssh-rsa type", `ssh-rsa ${keys.frame1.split(" ")[1]}`, 'ssh-rsa key whose body is a "ssh-ed25519" key'],
    ["rsa body that is not rsa at all", withBody("ssh-rsa", Buffer.from("hello, this is not a key")), "ssh-rsa body of 24 bytes ends inside its key type field"],
    ["rsa with a short modulus", realKeys.rsa1024, "ssh-rsa modulus is 1024 bits; RSA keys need at least 2048"],
    ["rsa without its modulus", withBody("ssh-rsa", Buffer.concat([field("ssh-rsa"), field(Buffer.from([1, 0, 1]))])), "ssh-rsa body ends inside its modulus"],
    ["rsa with an even exponent", withBody("ssh-rsa", Buffer.concat([field("ssh-rsa"), field(Buffer.from([2])), field(Buffer.from([1]))])), "ssh-rsa exponent is not an odd number above 1"],
    ["p256 key under the p384 type", `ecdsa-sha2-nistp384 ${realKeys.p256.split(" ")[1]}`, 'ecdsa-sha2-nistp384 key whose body is a "ecdsa-sha2-nistp256" key'],
    ["p256 with a short point", withBody("ecdsa-sha2-nistp256", Buffer.concat([field("ecdsa-sha2-nistp256"), field("nistp256"), field(Buffer.alloc(33, 4))])), "ecdsa-sha2-nistp256 point is 33 bytes, expected 65"],
    ["p256 naming another curve", withBody("ecdsa-sha2-nistp256", Buffer.concat([field("ecdsa-sha2-nistp256"), field("nistp384"), field(Buffer.alloc(65, 4))])), 'ecdsa-sha2-nistp256 body names curve "nistp384", expected "nistp256"'],
    ["a key type without a body", "ssh-ed25519", "ssh-ed25519 has no base64 body after the key type"],
    ["body with a character added", `${keys.frame1}x`, "ssh-ed25519 body is 69 base64 characters, not a multiple of 4: one is missing or extra"],
    ["body with stray bits after its last byte", "ssh-ed25519 AAF=", "ssh-ed25519 body is not base64"],
    ["body with a character outside base64", `${keys.frame1.slice(0, -1)}!`, "ssh-ed25519 body is not base64"],
    ["unknown type", "ssh-dss AAAA", '"ssh-dss" is not a key type agenix takes: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521 or age1…'],
    ["age with a bad checksum", realKeys.age.replace(/p$/, "q"), "age recipient has a bad checksum (a mistyped or truncated character)"],
    ["age with a character dropped", realKeys.age.replace("ql3z", "ql3"), "age recipient has a bad checksum (a mistyped or truncated character)"],
    ["age with a comment", `${realKeys.age} alice`, "an age recipient takes no comment after it"],
    ["age in mixed case", realKeys.age.replace("q", "Q"), "age recipient mixes upper and lower case"],
  ])("%s", (_, key, problem) => {
    expect(publicKeyProblem(key)).toBe(problem);
  });
});

describe("decodeBech32 (BIP-173 test vectors)", () => {
  test.each(["A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"])(
    "%s is valid",
    (text) => {
      expect(decodeBech32(text).ok).toBe(true);
    },
  );

  test.each([
    ["pzry9x0s0muk", "has no human-readable part before the separator 1"],
    ["1pzry9x0s0muk", "has no human-readable part before the separator 1"],
    ["x1b4n0q5v", 'has "b", which is not a bech32 character'],
    ["li1dgmt3", "is too short to hold a checksum"],
    ["A1G7SGD8", "has a bad checksum (a mistyped or truncated character)"],
    ["A12UeL5L", "mixes upper and lower case"],
  ])("%s is refused", (text, problem) => {
    expect(decodeBech32(text)).toEqual({ ok: false, problem });
  });
});
