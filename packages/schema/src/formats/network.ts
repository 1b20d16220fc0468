// Names on the network: bridges, hosts reached over ssh, NFS servers and the clients of an export.
import { valueFormat } from "./format.js";

/**
 * A Linux interface name (the kernel's `dev_valid_name`: under 16 bytes, no `/`, `:` or whitespace,
 * not `.` or `..`) that Proxmox's net0 `bridge` pattern `[-_.\w\d]+` also accepts.
 */
export const bridgeName = valueFormat(
  "bridge-name",
  "must be a Linux interface name: 1–15 of letters, digits, _, . and -, not . or ..",
  (value) => /^[A-Za-z0-9_.-]{1,15}$/.test(value) && value !== "." && value !== "..",
);

const LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const IPV4 = "((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])";
const DNS_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(\\.${LABEL})*$`);

/** A host name with dots (RFC 1123), or an IPv4 address: what ssh, rsync and mount.nfs take as a host. */
export const hostAddress = valueFormat(
  "host-address",
  "must be a host name (DNS labels of letters, digits and -, joined by dots) or an IPv4 address",
  (value) => DNS_NAME.test(value) || new RegExp(`^${IPV4}$`).test(value),
);

/**
 * `[user@]host` for ssh and rsync. A leading `-` would be read as an option (`-oProxyCommand=…`), and
 * a `:` would end rsync's host part, so the host must be a plain host name or address.
 */
export const sshDestination = valueFormat(
  "ssh-destination",
  "must be host or user@host, with a user name of a–z, 0–9, _ and - and a host name or IPv4 address " +
    "(nothing that ssh reads as an option)",
  (value) => {
    const at = value.lastIndexOf("@");
    const user = at < 0 ? undefined : value.slice(0, at);
    const host = value.slice(at + 1);
    return (user === undefined || /^[a-z_][a-z0-9_-]*$/.test(user)) && hostAddress.test(host);
  },
);

/**
 * Who may mount an export (exports(5) "Machine Name Formats"): a host name, an IPv4 address or
 * network (`/prefix` or `/netmask`), a wildcard (`*.lan`, `?`), an `@netgroup`, or `*`. Whitespace
 * would start another client and `(` its options, so neither can appear.
 */
export const exportsClient = valueFormat(
  "exports-client",
  "must be one exports(5) client: a host name, IPv4 address or network (192.168.1.0/24), a wildcard such as *.lan, or @netgroup",
  (value) =>
    new RegExp(`^${IPV4}/(([0-9]|[12][0-9]|3[0-2])|${IPV4})$`).test(value) ||
    /^@[A-Za-z0-9_.-]+$/.test(value) ||
    /^[A-Za-z0-9*?]([A-Za-z0-9*?.-]*[A-Za-z0-9*?])?$/.test(value),
);
