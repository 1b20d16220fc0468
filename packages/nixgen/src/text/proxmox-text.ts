// Proxmox's text encoding for notes and comments kept in config files (a guest's description is
// stored as `#` lines of it). pve-common src/PVE/Tools.pm:
//   encode_text: uri_escape(encode("utf8", $text), "^\x20-\x39\x3b-\x7e")  — control, non-ASCII and ':'
//   decode_text: decode("utf8", uri_unescape($data))                        — every %XX, '%' itself is not escaped
// So decoding is not the inverse of encoding for a text that holds "%41"; both follow Proxmox exactly.

/** `Media: 4K` → `Media%3A 4K` */
export function encodeProxmoxText(text: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const safe = (byte >= 0x20 && byte <= 0x39) || (byte >= 0x3b && byte <= 0x7e);
    out += safe ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** `Media%3A 4K` → `Media: 4K`; bytes that are not UTF-8 become U+FFFD, as Encode's default does. */
export function decodeProxmoxText(data: string): string {
  const bytes: number[] = [];
  for (const part of data.split(/(%[0-9A-Fa-f]{2})/)) {
    if (/^%[0-9A-Fa-f]{2}$/.test(part)) bytes.push(Number.parseInt(part.slice(1), 16));
    else bytes.push(...new TextEncoder().encode(part));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
