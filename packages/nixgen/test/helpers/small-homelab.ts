// A small valid homelab for the CLI tests: two machines, so one can be removed. The tests look at
// which files appear and disappear, not at what the emitters write into them. Proxmox VMs, because
// they are complete from the model: no user file (hardware.nix, …) has to exist in the output.
import type { HomelabConfigInput, MachineInput } from "@homelab/schema";

const machine = (hostname: string, index: number): MachineInput => ({
  kind: "vm",
  hostname,
  stateVersion: "25.05",
  users: { admin: { admin: true, authorizedKeys: ["admin"] } },
  proxmox: { node: "pve", vmid: 100 + index, cores: 2, memory: 2048, disk: "16G", storage: "local-lvm" },
});

export function smallHomelab(machines: readonly string[] = ["alpha", "beta"]): HomelabConfigInput {
  return {
    name: "small",
    // The template OpenTofu clones the VMs from (hosts.nix's _proxmox.templateVmid).
    proxmox: { templateVmid: 9000 },
    keys: { users: { admin: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBlST+ehM8M3Q2Tg3WsZ9mT5ic6tLxLbTk0hRTZ3/pJv admin@laptop" } },
    machines: Object.fromEntries(machines.map((name, index) => [name, machine(name, index)])),
  };
}
