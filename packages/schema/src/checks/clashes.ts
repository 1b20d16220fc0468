// Two declarations of one thing, each valid alone: two mount points (bind mounts or volumes) on one
// container path (the second hides the first), and one ZFS dataset declared twice on a node
// (storage.sh would create it twice).
// Each issue sits on the later declaration and names the earlier one.
import { issue, type Issue } from "../issue.js";
import type { Check } from "./check-helpers.js";
import { lxcMachines } from "./check-helpers.js";

export const checkBindMountPaths: Check = (config) =>
  lxcMachines(config).flatMap(([name, machine]) => {
    // Volumes are mount points too (mpN after the bind mounts): one on a bind mount's path hides it as well.
    const mounts = [
      ...machine.proxmox.bindMounts.map(({ container }, i) => ({ container, field: "bindMounts", i })),
      ...machine.proxmox.volumes.map(({ container }, i) => ({ container, field: "volumes", i })),
    ];
    const first = new Map<string, string>();
    return mounts.flatMap(({ container, field, i }): Issue[] => {
      const path = normalPath(container);
      const earlier = first.get(path);
      if (earlier === undefined) {
        first.set(path, `${field}[${i}]`);
        return [];
      }
      return [
        issue(
          "bind-mount-duplicate",
          ["machines", name, "proxmox", field, i, "container"],
          `container path ${container} is already the mount point of ${earlier}; one would hide the other`,
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
