// Host names are checked by the schema as NixOS defines them (capitals and `_` allowed). DNS and
// DHCP are stricter (RFC 1123: lower-case letters, digits and -), and so is Proxmox's
// `pct create --hostname` (pve-common JSONSchema.pm `dns-name`: letters, digits and -, no `_`).
import { issue } from "../issue.js";
import { dnsLabel } from "../primitives.js";
import type { Check } from "./check-helpers.js";

export const checkHostnameDns: Check = (config) =>
  Object.entries(config.machines).flatMap(([name, machine]) => {
    const host = machine.hostname;
    const at = ["machines", name, "hostname"];
    if (dnsLabel.test(host)) return [];
    if (machine.kind === "lxc" && host.includes("_"))
      return [issue("lxc-hostname", at, `pct create --hostname refuses ${host}: a container's host name cannot contain _`)];
    const why = host.includes("_")
      ? "_ is not allowed in DNS host names"
      : `DNS and DHCP know it as ${host.toLowerCase()}`;
    return [issue("hostname-dns", at, `host name ${host} suits NixOS but is no DNS label: ${why}`, "warning")];
  });
