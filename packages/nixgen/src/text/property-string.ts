// Proxmox property strings (`/mnt/pve/DATA_4TB,mp=/mnt/DATA_4TB,ro=1`, `node=prom,path=/nvmeprom/x`).
// pve-common's parse_property_string splits on every `,` and reads `key=value` with `/^([^=]+)=(.+)$/`;
// there is no quoting. So a value holding a comma, and a keyless first value holding `=`, cannot be
// written at all: the error names the config field instead of printing a line Proxmox misreads.
import { formats } from "@homelab/schema";
import { TextValueError } from "./escape.js";

/** One `key=value` part; a `key` of undefined is the keyless default value (the volume of `mp0`). */
export interface Property {
  readonly key: string | undefined;
  readonly value: string | number;
  /** Config path of the value, for errors: `machines.lxchome.proxmox.bindMounts[0].host`. */
  readonly field: string;
}

/** `[{ key: undefined, value: "/a" }, { key: "mp", value: "/b" }]` → `/a,mp=/b`. */
export function propertyString(properties: readonly Property[]): string {
  return properties
    .map(({ key, value, field }) => (key === undefined ? keyless(value, field) : `${key}=${valueOf(value, field)}`))
    .join(",");
}

// The rules are the schema's value formats, so a value the schema accepted is never refused here;
// the throw is for callers that build values of their own.
function keyless(value: string | number, field: string): string {
  return checked(String(value), field, [formats.propertyValue, formats.keylessPropertyValue]);
}

function valueOf(value: string | number, field: string): string {
  return checked(String(value), field, [formats.propertyValue]);
}

function checked(text: string, field: string, rules: readonly formats.ValueFormat[]): string {
  const broken = formats.brokenFormat(text, rules);
  if (broken !== undefined) throw new TextValueError(`${field}: ${JSON.stringify(text)} ${broken.rule}`);
  return text;
}
