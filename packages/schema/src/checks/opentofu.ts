// What hosts.nix's OpenTofu consumer (it creates every VM of hosts.nix with the bpg/proxmox
// provider, registry.terraform.io/providers/bpg/proxmox) can read: it creates each VM on `_proxmox.node`, clones `_proxmox.templateVmid` unless
// `cloneFromTemplate = false`, and parses disks as `<int>G` (`removeSuffix "G"` then `toInt`).
// VMs marked `readonly` are left alone by it. Warnings, not errors: hosts.nix is valid without that
// consumer, which is one reader among others (SSH tooling, the flake).
import { PASSTHROUGH, wholeGiB } from "../disk-size.js";
import { issue, type Issue } from "../issue.js";
import { openTofuNode } from "../opentofu.js";
import { vmMachines, type Check } from "./check-helpers.js";

export const checkOpenTofuVms: Check = (config) => {
  const managed = vmMachines(config).filter(([, machine]) => machine.proxmox.readonly !== true);
  if (managed.length === 0) return [];
  const node = openTofuNode(config);
  const found: Issue[] = [];
  if (node === undefined) {
    found.push(
      issue(
        "opentofu-node",
        ["proxmox", "node"],
        `hosts.nix's OpenTofu consumer creates every VM on one node (_proxmox.node), and the VMs run on several: set proxmox.node, and readonly: true on VMs it must not manage`,
        "warning",
      ),
    );
  }
  for (const [name, machine] of managed) {
    const at = ["machines", name, "proxmox"];
    if (node !== undefined && machine.proxmox.node !== node) {
      found.push(
        issue(
          "opentofu-vm-node",
          [...at, "node"],
          `hosts.nix's OpenTofu consumer creates VMs on node ${node} (_proxmox.node), not ${machine.proxmox.node}: move the VM, or set readonly: true so OpenTofu leaves it alone`,
          "warning",
        ),
      );
    }
    if (machine.proxmox.cloneFromTemplate !== false && config.proxmox.templateVmid === undefined) {
      found.push(
        issue(
          "opentofu-template",
          at,
          `VM ${name} is cloned from a template (cloneFromTemplate defaults to true) but proxmox.templateVmid is not set; set it, or cloneFromTemplate: false`,
          "warning",
        ),
      );
    }
    const disk = machine.proxmox.disk;
    if (disk !== PASSTHROUGH && wholeGiB(disk) === undefined) {
      found.push(
        issue(
          "opentofu-disk-size",
          [...at, "disk"],
          `hosts.nix's OpenTofu consumer reads VM disks as whole GiB (<int>G): ${disk} is not; write e.g. 32G`,
          "warning",
        ),
      );
    }
  }
  return found;
};
