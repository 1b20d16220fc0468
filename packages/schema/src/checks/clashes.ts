// Two declarations of one thing, each valid alone: two bind mounts on one container path (the second
// hides the first), and one ZFS dataset declared twice on a node (storage.sh would create it twice).
// Each issue sits on the later declaration and names the earlier one.
import { issue, type Issue } from "../issue.js";
import type { Check } from "./check-helpers.js";
import { lxcMachines } from "./check-helpers.js";

export const checkBindMountPaths: Check = (config) =>
  lxcMachines(config).flatMap(([name, machine]) => {
    const first = new Map<string, number>();
    return machine.proxmox.bindMounts.flatMap(({ container }, i): Issue[] => {
      const path = normalPath(container);
      const earlier = first.get(path);
      if (earlier === undefined) {
        first.set(path, i);
        return [];
      }
      return [
        issue(
          "bind-mount-duplicate",
          ["machines", name, "proxmox", "bindMounts", i, "container"],
          `container path ${container} is already the mount point of bindMounts[${earlier}]; one would hide the other`,
        ),
      ];
    });
  });

export const checkDatasets: Check = (config) => {
  const first = new Map<string, number>();
  return config.storage.datasets.flatMap(({ name, node }, i): Issue[] => {
    const key = `${node}\0${name}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, i);
      return [];
    }
    return [issue("dataset-duplicate", ["storage", "datasets", i, "name"], `ZFS dataset ${name} on node ${node} is already declared by storage.datasets[${earlier}]`)];
  });
};

/** `/data/`, `/data/.` and `//data` are one mount point. */
function normalPath(path: string): string {
  return `/${path.split("/").filter((segment) => segment !== "" && segment !== ".").join("/")}`;
}
