// Reads /etc/pve/nodes/<node>/{lxc,qemu-server}/<vmid>.conf as Proxmox does (pct.conf(5), qm.conf(5);
// pve-container src/PVE/LXC/Config.pm parse_pct_config, qemu-server's parse_vm_config):
//   - blank lines are skipped;
//   - `[pve:pending]` starts the pending changes, `[name]` a snapshot; both end the current config and
//     are not the guest's state now, so only their names are kept;
//   - `#text` lines are the description, percent-encoded (decode_text), one line each;
//     a `description: …` line is the older spelling of the same;
//   - `lxc.*` lines (containers) are raw LXC keys, `key: value` or `key = value`, kept in order;
//   - every other line is `key: value`, the value trimmed.
import { decodeProxmoxText } from "../text/proxmox-text.js";

export interface GuestConfig {
  /** The description, one entry per `#` line, decoded; undefined when it has none. */
  readonly description: string | undefined;
  /** `key → value` of the current config, in the order written. */
  readonly values: ReadonlyMap<string, string>;
  /** Raw `lxc.*` lines as [key, value], in order. */
  readonly lxc: readonly (readonly [string, string])[];
  readonly snapshots: readonly string[];
  readonly pending: boolean;
  /** Lines that are none of the above, with their 1-based line number. */
  readonly unreadable: readonly (readonly [line: number, text: string])[];
}

export function parseGuestConfig(text: string): GuestConfig {
  const description: string[] = [];
  const values = new Map<string, string>();
  const lxc: [string, string][] = [];
  const snapshots: string[] = [];
  const unreadable: [number, string][] = [];
  let pending = false;
  let section: "current" | "other" = "current";
  text.split("\n").forEach((raw, index) => {
    const line = raw.replace(/\r$/, "");
    if (/^\s*$/.test(line)) return;
    if (/^\[pve:pending\]\s*$/i.test(line)) {
      pending = true;
      section = "other";
      return;
    }
    const snapshot = /^\[([a-z][a-z0-9_-]+)\]\s*$/i.exec(line);
    if (snapshot !== null) {
      snapshots.push(snapshot[1] as string);
      section = "other";
      return;
    }
    if (section === "other") return;
    const comment = /^#(.*)$/.exec(line);
    if (comment !== null) {
      description.push(decodeProxmoxText(comment[1] as string));
      return;
    }
    const rawLxc = /^(lxc\.[a-z0-9_.-]+)(?::|\s*=)\s*(.*?)\s*$/.exec(line);
    if (rawLxc !== null) {
      lxc.push([rawLxc[1] as string, rawLxc[2] as string]);
      return;
    }
    const old = /^description:\s*(.*\S)\s*$/.exec(line);
    if (old !== null) {
      description.push(decodeProxmoxText(old[1] as string));
      return;
    }
    const entry = /^([a-z][a-z_-]*[0-9]*):\s*(.+?)\s*$/.exec(line);
    if (entry === null) unreadable.push([index + 1, line]);
    else values.set(entry[1] as string, entry[2] as string);
  });
  return {
    description: description.length === 0 ? undefined : description.join("\n"),
    values,
    lxc,
    snapshots,
    pending,
    unreadable,
  };
}
