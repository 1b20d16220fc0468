// The SSH wire format of a public key blob (RFC 4251 §5): a sequence of uint32-length-prefixed fields.
// A reader that refuses to run past the end, so a truncated key is reported, not read as garbage.

export class WireReader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** The next length-prefixed field, or undefined when the blob ends before it does. */
  field(): Uint8Array | undefined {
    if (this.bytes.length - this.offset < 4) return undefined;
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 4);
    const length = view.getUint32(0);
    if (this.bytes.length - this.offset - 4 < length) return undefined;
    const start = this.offset + 4;
    this.offset = start + length;
    return this.bytes.subarray(start, start + length);
  }

  /** Bytes left after the fields read so far. */
  get rest(): number {
    return this.bytes.length - this.offset;
  }
}

/** The bytes of padded base64 (no whitespace, `=` only at the end, no stray bits), or undefined. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  // atob, not Buffer: the schema also runs outside Node (editors, browsers).
  const binary = atob(text);
  // atob ignores bits past the last whole byte; a body that does not re-encode to itself was altered.
  return btoa(binary) === text ? Uint8Array.from(binary, (char) => char.charCodeAt(0)) : undefined;
}

export function latin1(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}
