// Leaf types shared by every part of the model. Each carries the rule in its message, so a zod issue
// printed by the formatter already says what was expected.
import { isNixExpr, type NixExpr, type NixValue } from "@homelab/nix";
import { z } from "zod";

/**
 * A host name as NixOS's `networking.hostName` defines it
 * (`^$|^[[:alnum:]]([[:alnum:]_-]{0,61}[[:alnum:]])?$`): capitals and `_` are allowed, unlike in DNS;
 * the `hostname-dns` check warns where DNS and Proxmox disagree. NixOS's empty name (the DHCP
 * server's) is refused: hosts.nix, OpenTofu, `pct create --hostname` and the SSH targets of
 * MIGRATION.md all reach a machine by its name.
 */
export const hostname = z
  .string()
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/,
    "must be a NixOS host name: 1–63 of letters, digits, _ and -, starting and ending with a letter or digit",
  )
  .describe("Host name (networking.hostName), e.g. `lxchome`");

/** An RFC 1123 label in lower case: what DNS, DHCP and Proxmox see a host name as. */
export const dnsLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A name used as a Nix attribute and a file name: flake outputs, modules, secrets. */
export const name = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, "must start with a letter or _ and hold only letters, digits, _ and -");

export const port = z.number().int("must be an integer").min(1, "must be 1–65535").max(65535, "must be 1–65535");

export const uid = z.number().int().min(0).max(4294967294);

/**
 * Proxmox sizes as pve-common's `disk-size` format parses them (JSONSchema.pm `parse_size`:
 * `^(\d+(\.\d+)?)([KMGT])?$`, a number without a unit is bytes), or `passthrough` for a VM whose
 * disk is a passed-through device (hosts.nix's OpenTofu consumer then creates no disk).
 */
export const diskSize = z
  .string()
  .regex(
    /^([0-9]+(\.[0-9]+)?[KMGT]?|passthrough)$/,
    "must be a size Proxmox parses, such as 32G, 512M, 1.5T, or passthrough",
  );

export const absolutePath = z.string().regex(/^\/[^\0]*$/, "must be an absolute path").refine((p) => !p.includes("\n"), {
  message: "must not contain a newline",
});

export const stateVersion = z
  .string()
  .regex(/^[0-9]{2}\.(05|11)$/, "must be a NixOS release such as 24.11 or 25.05")
  .describe("NixOS release whose defaults this machine keeps (`system.stateVersion`)");

export const system = z.enum(["x86_64-linux", "aarch64-linux"]).describe("Nix system double");

export const cidr = z
  .string()
  .regex(
    /^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\/([0-9]|[12][0-9]|3[0-2])$/,
    "must be an IPv4 address with prefix length, such as 192.168.1.80/24",
  );

export const ipv4 = z
  .string()
  .regex(
    /^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])$/,
    "must be an IPv4 address such as 192.168.1.1",
  );

export const mac = z
  .string()
  .regex(/^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/, "must be a MAC address such as BC:24:11:00:00:01");

/** Public keys agenix and OpenSSH accept. Private key material is refused by a semantic check. */
export const publicKey = z
  .string()
  .regex(
    /^(ssh-ed25519 [A-Za-z0-9+/=]+|ssh-rsa [A-Za-z0-9+/=]+|ecdsa-sha2-nistp(256|384|521) [A-Za-z0-9+/=]+|age1[02-9ac-hj-np-z]{58})( [^\n]*)?$/,
    "must be a public key: ssh-ed25519 …, ssh-rsa …, ecdsa-sha2-… or age1…",
  );

/**
 * Any Nix value: plain data or an expression built with `@homelab/nix`. Validation of what it means
 * is left to the option or setting it is assigned to.
 */
export const nixValue = z.custom<NixValue>(isNixValue, { message: "must be plain data or a Nix expression" }).meta({
  description: "Any Nix value (JSON data; in TypeScript configs also an expression from @homelab/nix)",
});

function isNixValue(value: unknown): boolean {
  if (value === null || isNixExpr(value)) return true;
  switch (typeof value) {
    case "string":
    case "boolean":
    case "bigint":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      if (Array.isArray(value)) return value.every(isNixValue);
      return Object.values(value).every((v) => v === undefined || isNixValue(v));
    default:
      return false;
  }
}

/** A Nix expression node only (module config that must be code, not data). */
export const nixExpr = z.custom<NixExpr>(isNixExpr, { message: "must be a Nix expression" });

/**
 * A list entry that may carry a comment: `8043` or `{ items: [8043], comment: "nginx" }`. One item with a
 * comment prints `8043 # nginx`; several print under a `# comment` line.
 */
export function commented<T extends z.ZodType>(item: T) {
  return z.union([
    item,
    z.strictObject({
      items: z.array(item).min(1).describe("Values that share the comment"),
      comment: z.string().describe("Comment printed beside or above the items"),
    }),
  ]);
}
