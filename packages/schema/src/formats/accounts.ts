// User and group names as NixOS creates them and tmpfiles.d(5), chown and agenix read them.
import { valueFormat } from "./format.js";

/**
 * shadow-utils' default NAME_REGEX (`^[a-z_][a-z0-9_-]*[$]?$`), and under 32 characters, which
 * NixOS's users-groups module asserts.
 */
export const accountName = valueFormat(
  "account-name",
  "must be a user or group name: up to 31 of a–z, 0–9, _ and -, starting with a letter or _ (a final $ is allowed)",
  (value) => value.length <= 31 && /^[a-z_][a-z0-9_-]*\$?$/.test(value),
);

/** A field of /etc/passwd (NixOS's `passwdEntry` type: "not containing newlines or colons"), e.g. the GECOS description. */
export const passwdField = valueFormat(
  "passwd-field",
  'must not contain ":" or a line break: it is a field of /etc/passwd',
  (value) => !/[:\r\n]/.test(value),
);
