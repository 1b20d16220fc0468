// Errors and warnings are data; one formatter prints them (`✖ message → at path`).
import { formatValuePath, type ValuePath } from "@homelab/nix";
import type { z } from "zod";

export type Severity = "error" | "warning";

// Every issue code, in one place: `issue()` takes an `IssueCode`, so a misspelt code does not compile,
// and packages/schema/test/issue-codes.test.ts keeps the README tables equal to this list.

/** The semantic checks (src/checks/). */
const checkCodes = [
  "bind-mount-duplicate", "dataset-duplicate", "disk-size-small", "duplicate-hostname", "duplicate-ip",
  "duplicate-key-name", "duplicate-mac", "duplicate-vmid", "firewall-port-conflict", "gateway-is-address",
  "gateway-outside-subnet", "hostname-dns", "ip-broadcast-address", "ip-network-address", "lxc-disk-size",
  "lxc-docker-features", "lxc-fuse-feature", "lxc-hostname", "lxc-nfs-client-privileged", "lxc-nfs-server-apparmor",
  "lxc-nfs-server-privileged", "lxc-qemu-guest", "mac-multicast", "missing-state-version", "module-option-ref",
  "nix-integer", "nixos-option-type", "nixos-option-unknown", "opentofu-disk-size", "opentofu-node", "opentofu-template",
  "opentofu-vm-node", "option-type", "port-conflict", "port-range", "private-key", "profile-comment-key", "profile-cycle",
  "profile-hostname", "profile-list-replaced", "profile-system", "proxmox-cores", "public-key", "secret-host-key",
  "secret-option", "secret-recipient", "unknown-authorized-key", "unknown-base-profile", "unknown-group-member",
  "unknown-module", "unknown-node", "unknown-option", "unknown-profile", "unknown-recipient", "unknown-secret",
  "unknown-setting", "unused-secret", "virtiofs-acl-xattr", "virtiofs-duplicate-mount", "virtiofs-mapping-node",
  "virtiofs-too-many", "virtiofs-unknown-mapping", "virtiofs-unused-mapping", "vm-platform-setting",
] as const;

/** The value formats (src/formats/); the code is `format-<name>`. */
const formatNames = [
  "absolute-path", "account-name", "bridge-name", "exports-client", "exports-option", "host-address", "lxc-raw-key",
  "lxc-raw-line", "mount-option", "no-dot-segments", "one-line", "passwd-field", "proxmox-config-id",
  "proxmox-config-value", "proxmox-description", "proxmox-keyless-value", "proxmox-node-name", "proxmox-property-value", "ssh-destination",
  "storage-step", "time-zone", "writable-text",
] as const;

/** zod's issue codes (src/zod-issues.ts); the code is `schema-<code>`, an unknown key is `unknown-field`. */
const zodCodes = [
  "custom", "invalid_element", "invalid_format", "invalid_key", "invalid_type", "invalid_union", "invalid_value",
  "not_multiple_of", "too_big", "too_small", "unrecognized_keys",
] as const satisfies readonly z.core.$ZodIssue["code"][];

/** Raised by @homelab/nixgen: user files, and `nixgen import` (`import/<code>`). */
const nixgenCodes = ["missing-user-file", "user-file-generated", "unrepresentable-value"] as const;
const importCodes = [
  "base-keys", "default", "defaulted", "eval", "evaluated", "invalid", "lost", "machine", "machine-name", "mapping-path",
  "must-tell", "no-nix", "not-homelab", "not-identical", "not-pve", "pass-through", "pending", "profile-name", "proxmox",
  "read", "recipients", "reference", "required", "secret", "secret-name", "snapshot", "two-files", "unmanaged-mapping",
  "unreadable",
] as const;

export type FormatName = (typeof formatNames)[number];
export type ImportCode = (typeof importCodes)[number];
export type IssueCode =
  | (typeof checkCodes)[number]
  | `format-${FormatName}`
  | `schema-${(typeof zodCodes)[number]}`
  | "unknown-field"
  | (typeof nixgenCodes)[number]
  | `import/${ImportCode}`;

// Every zod code is listed: a zod release with a new one fails to compile here.
type Unlisted = Exclude<z.core.$ZodIssue["code"], (typeof zodCodes)[number]>;
const everyZodCode: [Unlisted] extends [never] ? true : Unlisted = true;
void everyZodCode;

/** Every `IssueCode`, for the test that holds the README tables to it. */
export const issueCodes: readonly IssueCode[] = [
  ...checkCodes,
  ...formatNames.map((name) => `format-${name}` as const),
  ...zodCodes.map((code) => `schema-${code}` as const),
  "unknown-field",
  ...nixgenCodes,
  ...importCodes.map((code) => `import/${code}` as const),
];

export interface Issue {
  /** Stable identifier of the rule, e.g. `lxc-docker-features`. */
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly path: ValuePath;
  readonly message: string;
}

export function issue(code: IssueCode, path: ValuePath, message: string, severity: Severity = "error"): Issue {
  return { code, severity, path, message };
}

/** One line per issue: `✖ message → at machines.nas.port` (`⚠` for warnings). */
export function formatIssue(found: Issue): string {
  const mark = found.severity === "error" ? "✖" : "⚠";
  return found.path.length > 0 ? `${mark} ${found.message} → at ${formatValuePath(found.path)}` : `${mark} ${found.message}`;
}

export function formatIssues(found: readonly Issue[]): string {
  return found.map(formatIssue).join("\n");
}

export function hasErrors(found: readonly Issue[]): boolean {
  return found.some((f) => f.severity === "error");
}
