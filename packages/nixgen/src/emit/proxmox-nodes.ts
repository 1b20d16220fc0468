// Proxmox nodes as runbooks and scripts name them: "prom (root@192.168.1.12)".
import type { HomelabConfig } from "@homelab/schema";

/** `prom (root@192.168.1.12)`, or `prom` when the config gives no address. */
export function nodeLabel(config: HomelabConfig, node: string): string {
  const address = config.proxmox.nodes[node]?.address;
  return address === undefined ? node : `${node} (${address})`;
}

export function isMaintenanceNode(config: HomelabConfig, node: string): boolean {
  return config.proxmox.nodes[node]?.maintenance === true;
}
