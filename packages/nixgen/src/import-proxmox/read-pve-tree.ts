// The I/O edge of `import --proxmox`: the files of a copy of /etc/pve that the import reads.
// A guest belongs to the node whose folder holds it (nodes/<node>/lxc, nodes/<node>/qemu-server);
// the top-level lxc/ and qemu-server/ are symlinks to the local node's folders and are not read,
// nor is any symlink (a copy made with `tar` keeps them as links), nor priv/ (keys and passwords).
import type { Dirent } from "node:fs";
import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface GuestFile {
  readonly kind: "lxc" | "qemu";
  readonly node: string;
  readonly vmid: number;
  /** `nodes/pve1/lxc/101.conf` */
  readonly path: string;
  readonly text: string;
}

export interface PveTree {
  readonly nodes: readonly string[];
  readonly guests: readonly GuestFile[];
  readonly storage: string | undefined;
  readonly directoryMappings: string | undefined;
}

const folders = { lxc: "lxc", qemu: "qemu-server" } as const;

export async function readPveTree(dir: string): Promise<PveTree> {
  const nodes = (await directories(join(dir, "nodes"))).sort();
  const guests: GuestFile[] = [];
  for (const node of nodes) {
    for (const kind of ["lxc", "qemu"] as const) {
      const folder = join("nodes", node, folders[kind]);
      for (const name of await plainFiles(join(dir, folder))) {
        const vmid = /^([1-9][0-9]*)\.conf$/.exec(name)?.[1];
        if (vmid === undefined) continue;
        guests.push({
          kind,
          node,
          vmid: Number(vmid),
          path: `${folder}/${name}`,
          text: await readFile(join(dir, folder, name), "utf8"),
        });
      }
    }
  }
  guests.sort((a, b) => a.vmid - b.vmid);
  return {
    nodes,
    guests,
    storage: await optionalFile(join(dir, "storage.cfg")),
    directoryMappings: await optionalFile(join(dir, "mapping", "directory.cfg")),
  };
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function directories(dir: string): Promise<string[]> {
  return (await entries(dir)).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

async function plainFiles(dir: string): Promise<string[]> {
  return (await entries(dir))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

async function optionalFile(path: string): Promise<string | undefined> {
  try {
    if (!(await lstat(path)).isFile()) return undefined;
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
