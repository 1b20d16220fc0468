// Reads a Proxmox property string (`local-lvm:vm-101-disk-0,size=8G`, `name=eth0,bridge=vmbr0,ip=dhcp`)
// the way pve-common's PVE::JSONSchema::parse_property_string does:
//   foreach my $part (split(/,/, $data)) {
//     next if $part =~ /^\s*$/;
//     if ($part =~ /^([^=]+)=(.+)$/)  { duplicate key dies; $res->{$k} = $v }
//     elsif ($part !~ /=/)             { the schema's default_key takes it; a second one dies }
//     else                             { die "missing key in comma-separated list property" }
//   }
// A part splits at its first `=`; nothing is trimmed or unquoted. Which keys exist, and their types,
// is left to the caller: an unknown key is reported by the mapper that knows the format.
// The writing side is ../text/property-string.ts.

export class PropertyStringError extends Error {
  override readonly name = "PropertyStringError";
}

/** Keys in the order written; the keyless part under `defaultKey`. */
export type Properties = ReadonlyMap<string, string>;

export function parsePropertyString(data: string, defaultKey?: string): Properties {
  const result = new Map<string, string>();
  let keyless = false;
  for (const part of data.split(",")) {
    if (/^\s*$/.test(part)) continue;
    const keyed = /^([^=]+)=(.+)$/s.exec(part);
    if (keyed !== null) {
      const [, key, value] = keyed as unknown as [string, string, string];
      if (result.has(key)) throw new PropertyStringError(`duplicate key "${key}" in "${data}"`);
      result.set(key, value);
    } else if (!part.includes("=")) {
      if (defaultKey === undefined)
        throw new PropertyStringError(`"${part}" has no key, and this property has no default key`);
      if (keyless || result.has(defaultKey))
        throw new PropertyStringError(`duplicate key "${defaultKey}" in "${data}"`);
      keyless = true;
      result.set(defaultKey, part);
    } else {
      throw new PropertyStringError(`"${part}" is missing its key`);
    }
  }
  return result;
}

/** pve-common parse_boolean: 1/on/yes/true and 0/off/no/false, any case; undefined for anything else. */
export function parseProxmoxBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(1|on|yes|true)$/i.test(value)) return true;
  if (/^(0|off|no|false)$/i.test(value)) return false;
  return undefined;
}
