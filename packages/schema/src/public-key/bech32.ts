// Bech32 as BIP-173 defines it (https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki), the
// encoding of age recipients (https://age-encryption.org/v1: HRP "age", a 32-byte X25519 key).

const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

export type Bech32 = { readonly ok: true; readonly hrp: string; readonly bytes: Uint8Array } | { readonly ok: false; readonly problem: string };

/** The human-readable part and the payload as bytes, or what is wrong with the string. */
export function decodeBech32(text: string): Bech32 {
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return fail("mixes upper and lower case");
  const lower = text.toLowerCase();
  const separator = lower.lastIndexOf("1");
  if (separator < 1) return fail("has no human-readable part before the separator 1");
  if (lower.length - separator - 1 < 6) return fail("is too short to hold a checksum");
  const hrp = lower.slice(0, separator);
  if ([...hrp].some((c) => c.charCodeAt(0) < 33 || c.charCodeAt(0) > 126)) return fail("has a character outside US-ASCII in its human-readable part");
  const data: number[] = [];
  for (const c of lower.slice(separator + 1)) {
    const value = charset.indexOf(c);
    if (value === -1) return fail(`has "${c}", which is not a bech32 character`);
    data.push(value);
  }
  if (polymod([...expandHrp(hrp), ...data]) !== 1) return fail("has a bad checksum (a mistyped or truncated character)");
  const bytes = fromFiveBits(data.slice(0, -6));
  return bytes === undefined ? fail("has non-zero padding bits") : { ok: true, hrp, bytes };
}

function fail(problem: string): Bech32 {
  return { ok: false, problem };
}

function polymod(values: readonly number[]): number {
  let check = 1;
  for (const value of values) {
    const top = check >>> 25;
    check = ((check & 0x1ffffff) << 5) ^ value;
    generator.forEach((g, i) => {
      if ((top >>> i) & 1) check ^= g;
    });
  }
  return check >>> 0;
}

function expandHrp(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)];
}

/** 5-bit groups → bytes; the left-over bits (fewer than 5) must be zero. */
function fromFiveBits(data: readonly number[]): Uint8Array | undefined {
  let accumulator = 0;
  let bits = 0;
  const bytes: number[] = [];
  for (const value of data) {
    accumulator = (accumulator << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((accumulator >>> bits) & 0xff);
    }
  }
  if (bits >= 5 || (accumulator & ((1 << bits) - 1)) !== 0) return undefined;
  return Uint8Array.from(bytes);
}
