// Public keys read as what they are, not matched as text: the SSH key blob field by field (RFC 4253
// §6.6, RFC 5656 §3.1, RFC 8709 §4), the age recipient as bech32. A key agenix would choke on at
// encryption time is reported while the config is checked, with what is wrong with it.
import { decodeBech32 } from "./bech32.js";
import { decodeBase64, latin1, WireReader } from "./ssh-wire.js";

/** What is wrong with a public key line (`<type> <base64> [comment]` or `age1…`); undefined when nothing is. */
export function publicKeyProblem(text: string): string | undefined {
  if (text.startsWith("age1")) return ageRecipientProblem(text);
  const [type = "", body = ""] = text.split(" ");
  const read = readers[type];
  if (read === undefined) return `"${type}" is not a key type agenix takes: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521 or age1…`;
  if (body === "") return `${type} has no base64 body after the key type`;
  // OpenSSH and age (Go's base64.StdEncoding) both want whole 4-character groups; a miss is a lost or extra character.
  if (body.length % 4 !== 0) return `${type} body is ${body.length} base64 characters, not a multiple of 4: one is missing or extra`;
  const bytes = decodeBase64(body);
  if (bytes === undefined) return `${type} body is not base64`;
  const wire = new WireReader(bytes);
  const inner = wire.field();
  if (inner === undefined) return `${type} body of ${bytes.length} bytes ends inside its key type field`;
  if (latin1(inner) !== type) return `${type} key whose body is a "${printable(latin1(inner))}" key`;
  const problem = read(wire, type);
  if (problem !== undefined) return problem;
  return wire.rest === 0 ? undefined : `${type} body has ${wire.rest} bytes after its last field`;
}

/** Whether `text` starts like a key of a type this reads: then it is a key, sound or broken, and not a name. */
export function looksLikePublicKey(text: string): boolean {
  return text.startsWith("age1") || Object.hasOwn(readers, text.split(" ")[0] ?? "");
}

type Reader = (wire: WireReader, type: string) => string | undefined;

const ecdsaPoint = (curve: string, coordinate: number): Reader => (wire, type) => {
  const name = wire.field();
  if (name === undefined) return `${type} body ends inside its curve name`;
  if (latin1(name) !== curve) return `${type} body names curve "${printable(latin1(name))}", expected "${curve}"`;
  const point = wire.field();
  if (point === undefined) return `${type} body ends inside its public point`;
  // Uncompressed point 0x04 ‖ X ‖ Y (SEC 1 §2.3.3), the only form OpenSSH reads.
  if (point.length !== 1 + 2 * coordinate) return `${type} point is ${point.length} bytes, expected ${1 + 2 * coordinate}`;
  return point[0] === 4 ? undefined : `${type} point is not in uncompressed form (first byte 0x04)`;
};

const readers: Readonly<Record<string, Reader>> = {
  "ssh-ed25519": (wire, type) => {
    const key = wire.field();
    if (key === undefined) return `${type} body ends inside its 32-byte key`;
    return key.length === 32 ? undefined : `${type} key is ${key.length} bytes, expected 32`;
  },
  "ssh-rsa": (wire, type) => {
    const exponent = wire.field();
    const modulus = wire.field();
    if (exponent === undefined || modulus === undefined) return `${type} body ends inside its ${exponent === undefined ? "exponent" : "modulus"}`;
    if (!isPositiveOdd(exponent) || bitLength(exponent) < 2) return `${type} exponent is not an odd number above 1`;
    if (!isPositiveOdd(modulus)) return `${type} modulus is not a positive odd number`;
    const bits = bitLength(modulus);
    // OpenSSH refuses RSA keys under 1024 bits; NIST SP 800-131A retired everything under 2048.
    return bits >= 2048 ? undefined : `${type} modulus is ${bits} bits; RSA keys need at least 2048`;
  },
  "ecdsa-sha2-nistp256": ecdsaPoint("nistp256", 32),
  "ecdsa-sha2-nistp384": ecdsaPoint("nistp384", 48),
  "ecdsa-sha2-nistp521": ecdsaPoint("nistp521", 66),
};

function ageRecipientProblem(text: string): string | undefined {
  if (text.includes(" ")) return "an age recipient takes no comment after it";
  const decoded = decodeBech32(text);
  if (!decoded.ok) return `age recipient ${decoded.problem}`;
  if (decoded.hrp !== "age") return `bech32 string with prefix "${decoded.hrp}", not an age recipient (age1…)`;
  return decoded.bytes.length === 32 ? undefined : `age recipient holds ${decoded.bytes.length} bytes, expected 32`;
}

/** An mpint (RFC 4251 §5) that is positive and odd: sign bit clear, lowest bit set. */
function isPositiveOdd(mpint: Uint8Array): boolean {
  const first = mpint[0];
  const last = mpint[mpint.length - 1];
  return first !== undefined && last !== undefined && (first & 0x80) === 0 && (last & 1) === 1;
}

function bitLength(mpint: Uint8Array): number {
  const start = mpint.findIndex((byte) => byte !== 0);
  if (start === -1) return 0;
  return (mpint.length - start) * 8 - Math.clz32(mpint[start] ?? 0) + 24;
}

function printable(text: string): string {
  const shown = text.replace(/[^\x20-\x7e]/g, "?");
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}
