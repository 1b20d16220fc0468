// A small valid homelab for the CLI tests: two machines, so one can be removed. The tests look at
// which files appear and disappear, not at what the emitters write into them.
import type { HomelabConfigInput, MachineInput } from "@homelab/schema";

const machine = (hostname: string): MachineInput => ({
  kind: "metal",
  hostname,
  stateVersion: "25.05",
  users: { admin: { admin: true, authorizedKeys: ["admin"] } },
  // A system NixOS (and `gen --eval`) accepts: a root file system and a boot loader.
  nixos: {
    "boot.loader.grub.device": "/dev/sda",
    fileSystems: { "/": { device: "/dev/disk/by-label/nixos", fsType: "ext4" } },
  },
});

export function smallHomelab(machines: readonly string[] = ["alpha", "beta"]): HomelabConfigInput {
  return {
    name: "small",
    keys: { users: { admin: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBlST+ehM8M3Q2Tg3WsZ9mT5ic6tLxLbTk0hRTZ3/pJv admin@laptop" } },
    machines: Object.fromEntries(machines.map((name) => [name, machine(name)])),
  };
}
