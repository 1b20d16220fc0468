// virtiofs shares of VMs (Proxmox's qm(1) `virtiofs[n]` and cluster directory mappings, pve-guest-common src/PVE/Mapping/Dir.pm): each names a cluster directory mapping that has a
// path on the VM's node, with options the Proxmox OpenTofu provider accepts.
import { issue, type Issue } from "../issue.js";
import { mappingNodes } from "../storage.js";
import { didYouMean } from "../suggest.js";
import { vmMachines, type Check } from "./check-helpers.js";

/** The Proxmox OpenTofu provider's limit (Proxmox itself allows 10). */
const maxShares = 8;

export const checkVirtiofsShares: Check = (config) =>
  vmMachines(config).flatMap(([name, machine]) => {
    const shares = machine.proxmox.virtiofs;
    const at = ["machines", name, "proxmox", "virtiofs"];
    const found: Issue[] = [];
    if (shares.length > maxShares) {
      found.push(
        issue(
          "virtiofs-too-many",
          at,
          `${shares.length} virtiofs shares; the Proxmox OpenTofu provider allows at most ${maxShares} per VM`,
        ),
      );
    }
    const mountedBy = new Map<string, number>();
    for (const [i, share] of shares.entries()) {
      const mapping = config.storage.mappings[share.mapping];
      if (mapping === undefined) {
        found.push(
          issue(
            "virtiofs-unknown-mapping",
            [...at, i, "mapping"],
            `directory mapping "${share.mapping}" is not in storage.mappings${didYouMean(share.mapping, Object.keys(config.storage.mappings))}`,
          ),
        );
      } else if (!mappingNodes(mapping).includes(machine.proxmox.node)) {
        found.push(
          issue(
            "virtiofs-mapping-node",
            [...at, i, "mapping"],
            `directory mapping "${share.mapping}" has no path on node ${machine.proxmox.node}, where ${name} runs; add ${mapping.managed ? `storage.mappings.${share.mapping}.paths.${machine.proxmox.node}` : `${machine.proxmox.node} to storage.mappings.${share.mapping}.nodes`}`,
          ),
        );
      }
      if (share.exposeAcl === true && share.exposeXattr !== true) {
        found.push(
          issue(
            "virtiofs-acl-xattr",
            [...at, i, "exposeAcl"],
            "exposeAcl needs exposeXattr: true (the Proxmox OpenTofu provider rejects expose_acl without expose_xattr)",
          ),
        );
      }
      if (share.mountPoint !== undefined) {
        const earlier = mountedBy.get(share.mountPoint);
        if (earlier === undefined) mountedBy.set(share.mountPoint, i);
        else {
          found.push(
            issue(
              "virtiofs-duplicate-mount",
              [...at, i, "mountPoint"],
              `mount point ${share.mountPoint} is already used by virtiofs[${earlier}]`,
            ),
          );
        }
      }
    }
    return found;
  });

export const checkUnusedMappings: Check = (config) => {
  const used = new Set(
    vmMachines(config).flatMap(([, machine]) => machine.proxmox.virtiofs.map((share) => share.mapping)),
  );
  return Object.keys(config.storage.mappings)
    .filter((id) => !used.has(id))
    .map((id) =>
      issue(
        "virtiofs-unused-mapping",
        ["storage", "mappings", id],
        `directory mapping "${id}" is shared with no VM`,
        "warning",
      ),
    );
};
