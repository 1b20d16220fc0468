// What hosts.nix's OpenTofu consumer (it reads hosts.nix and creates each VM with the bpg/proxmox
// provider) needs beyond the machines: the node it creates every VM on and the address of its API.
import type { HomelabConfig } from "./config.js";

/**
 * `_proxmox.node`: `proxmox.node`, else the one node every VM runs on, else the one main
 * (non-maintenance) node listed; undefined when none of these decides.
 */
export function openTofuNode(config: HomelabConfig): string | undefined {
  if (config.proxmox.node !== undefined) return config.proxmox.node;
  const vmNodes = new Set(
    Object.values(config.machines).flatMap((machine) => (machine.kind === "vm" ? [machine.proxmox.node] : [])),
  );
  if (vmNodes.size === 1) return [...vmNodes][0];
  if (vmNodes.size > 1) return undefined;
  const main = Object.entries(config.proxmox.nodes).filter(([, node]) => !node.maintenance);
  return main.length === 1 ? main[0]?.[0] : undefined;
}

/**
 * `_proxmox.host`: `proxmox.host`, else the node's address without a login (`root@192.168.1.12` → `192.168.1.12`), as
 * the consumer writes it into `https://${host}:8006/`.
 */
export function openTofuHost(config: HomelabConfig): string | undefined {
  if (config.proxmox.host !== undefined) return config.proxmox.host;
  const node = openTofuNode(config);
  const address = node === undefined ? undefined : config.proxmox.nodes[node]?.address;
  return address?.slice(address.lastIndexOf("@") + 1);
}
