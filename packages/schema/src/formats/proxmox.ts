// What Proxmox's own parsers accept. Property strings (`/a,mp=/b,ro=1`) are split by pve-common's
// `parse_property_string` on every `,` with no escape, and a keyless first value holding `=` reads as
// a key; config lines are read with `/^(\S+):\s*(.+?)\s*$/`, so outer whitespace is lost.
import { valueFormat } from "./format.js";

export const propertyValue = valueFormat(
  "proxmox-property-value",
  'must not contain "," or a line break, nor start or end with whitespace: Proxmox property strings have no escape for them',
  (value) => value !== "" && !/[,\x00-\x1f\x7f]/.test(value) && value.trim() === value,
);

/** The keyless first value of a property string (the volume of `mp0`). */
export const keylessPropertyValue = valueFormat(
  "proxmox-keyless-value",
  'must not contain "=": Proxmox would read the part before it as a property name',
  (value) => !value.includes("="),
);

/**
 * Storage and mapping ids: pve-common `PVE::JSONSchema::parse_id` (`pve-configid`, `pve-storage-id`)
 * matches `^[a-z][a-z0-9_-]+$` case-insensitively.
 */
export const configId = valueFormat(
  "proxmox-config-id",
  "must be a Proxmox id: a letter, then at least one of letters, digits, _ and -",
  (value) => /^[a-z][a-z0-9_-]+$/i.test(value),
);

/** Node names: pve-common `pve_verify_node_name` (`pve-node`) matches `^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$`. */
export const nodeName = valueFormat(
  "proxmox-node-name",
  "must be a Proxmox node name: 1–63 of letters, digits and -, not starting or ending with -",
  (value) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(value),
);

/**
 * The value of a line of a container's config (`proxmox.extra`, after `oneLine`): read with
 * `/^(\S+):\s*(.+?)\s*$/`, so an empty value is no line at all, and outer whitespace is lost.
 */
export const configLineValue = valueFormat(
  "proxmox-config-value",
  "must not be empty nor start or end with whitespace: Proxmox reads a config line as `key: value` and trims the value",
  (value) => value !== "" && value.trim() === value,
);

/** A mapping's description is one value of a Proxmox config line, whose parser refuses a line feed. */
export const mappingDescription = valueFormat(
  "proxmox-description",
  "must not contain a line break: Proxmox keeps a mapping description on one line",
  (value) => !/[\r\n]/.test(value),
);
