// File system paths, by where they are read: the Proxmox host, inside an LXC container.
import { valueFormat } from "./format.js";

export const absolute = valueFormat("absolute-path", "must be an absolute path (starting with /)", (value) =>
  value.startsWith("/"),
);

/**
 * Proxmox refuses a container mount point with a `.` or `..` component (pve-container
 * src/PVE/LXC/Config.pm `verify_lxc_mp_string`): it must not climb out of where it claims to be.
 */
export const noDotSegments = valueFormat(
  "no-dot-segments",
  'must not have a "." or ".." component',
  (value) => !value.split("/").some((part) => part === "." || part === ".."),
);
