// proxmox/storage.sh (the storage steps of a migration, and the maintenance node): ZFS datasets, the cluster directory
// mappings VMs share over virtiofs, and each maintenance node's paths. The commands run on different
// nodes at different times, so the script runs one step per call (`storage.sh prom`), in order.
//
// A mapping is created with the paths of the main (non-maintenance) nodes. A maintenance node joins
// later with `pvesh set /cluster/mapping/dir/<id> --map …`, and that call replaces the mapping's whole
// list (pve-manager PVE/API2/Cluster/Mapping/Dir.pm `update` assigns `map` wholesale), so it repeats
// the main nodes' entries: the list becomes main nodes + that maintenance node. One maintenance node is
// in the list at a time; running another's step swaps it in.
import type { HomelabConfig } from "@homelab/schema";
// MAPPINGS_STEP: the schema keeps node names from clashing with it (formats/fields.ts).
import { MAPPINGS_STEP, managedMappings } from "@homelab/schema/internal";
import { propertyString } from "../text/property-string.js";
import { render, renderBlock, type Rendered } from "../text/render.js";
import { headerLines } from "./header.js";
import { isMaintenanceNode, nodeLabel } from "./proxmox-nodes.js";
import type { Emitter } from "./types.js";

export const emitProxmoxStorage: Emitter = (ctx) => {
  const steps = storageSteps(ctx.config);
  if (steps.length === 0) return [];
  const usage = `usage: storage.sh ${steps.map((step) => step.name).join("|")}`;
  return [{ path: "proxmox/storage.sh", kind: "shell", render: () => render("storage.sh", { header: headerLines(ctx), steps, usage }) }];
};

export interface StorageStep {
  /** The argument of storage.sh: a node name, or `mappings`. */
  readonly name: string;
  readonly kind: "datasets" | "mappings" | "maintenance";
  /** The node it runs on, undefined for `mappings` (any node). */
  readonly node: string | undefined;
  readonly summary: string;
  readonly commands: Rendered;
}

/** The steps in the order they run: datasets on main nodes, the mappings, then maintenance nodes. */
export function storageSteps(config: HomelabConfig): StorageStep[] {
  const nodes = storageNodes(config);
  const main = nodes.filter((node) => !isMaintenanceNode(config, node));
  const maintenance = nodes.filter((node) => isMaintenanceNode(config, node));
  // Mappings created elsewhere (`managed: false`) are only referenced: no command for them.
  const mappings = managedMappings(config.storage.mappings);
  return [
    ...main.map((node) => nodeStep(config, node)),
    ...(mappings.length === 0
      ? []
      : [
          {
            name: MAPPINGS_STEP,
            kind: "mappings" as const,
            node: undefined,
            summary: `  storage.sh ${MAPPINGS_STEP}: once, on any node: the directory mappings (${mappings.map(([id]) => id).join(", ")})`,
            commands: renderBlock("storage-mappings.sh", {
              mappings: mappings.map(([id, mapping]) => ({
                id,
                endpoint: `/cluster/mapping/dir/${id}`,
                maps: mainEntries(config, id).map(([node, path]) => mapEntry(id, node, path)),
                description: mapping.description,
              })),
            }),
          },
        ]),
    ...maintenance.map((node) => nodeStep(config, node)),
  ];
}

/** Nodes with datasets or mapping paths, in the order of `proxmox.nodes`, then any others as found. */
function storageNodes(config: HomelabConfig): string[] {
  const used = new Set([
    ...config.storage.datasets.map((dataset) => dataset.node),
    ...managedMappings(config.storage.mappings).flatMap(([, mapping]) => Object.keys(mapping.paths)),
  ]);
  const listed = Object.keys(config.proxmox.nodes).filter((node) => used.has(node));
  const rest = [...used].filter((node) => !listed.includes(node));
  const all = [...listed, ...rest];
  // A main node needs a step only for its datasets; its mapping paths are part of `mappings`.
  return all.filter(
    (node) => isMaintenanceNode(config, node) || config.storage.datasets.some((dataset) => dataset.node === node),
  );
}

function nodeStep(config: HomelabConfig, node: string): StorageStep {
  const maintenance = isMaintenanceNode(config, node);
  const datasets = config.storage.datasets.filter((dataset) => dataset.node === node);
  const mappings = maintenance
    ? managedMappings(config.storage.mappings).filter(([, mapping]) => mapping.paths[node] !== undefined)
    : [];
  const label = nodeLabel(config, node);
  const parts = [
    ...(datasets.length === 0 ? [] : ["ZFS datasets"]),
    ...(mappings.length === 0
      ? []
      : [`its paths, then its mapping entries (${mappings.map(([id]) => id).join(", ")})`]),
  ];
  const when = maintenance ? ", once it is online" : "";
  return {
    name: node,
    kind: maintenance ? "maintenance" : "datasets",
    node,
    summary: `  storage.sh ${node}: on ${label}${when}: ${parts.join("; ")}`,
    commands: renderBlock("storage-node.sh", {
      heading: `On ${label}${maintenance ? ", the maintenance node" : ""}`,
      datasets: datasets.map((dataset) => ({
        name: dataset.name,
        mountpoint: dataset.mountpoint,
        mountpointOption: `mountpoint=${dataset.mountpoint}`,
        owner: dataset.owner === undefined ? undefined : `${dataset.owner.uid}:${dataset.owner.gid}`,
      })),
      // A path a dataset of this node already mounts needs no mkdir.
      paths: mappings
        .map(([id, mapping]) => ({ id, path: mapping.paths[node] as string }))
        .filter(({ path }) => !datasets.some((dataset) => dataset.mountpoint === path))
        .map(({ id, path }) => ({ path, owner: mappingOwner(config, id) })),
      updates: mappings.map(([id, mapping]) => ({
        endpoint: `/cluster/mapping/dir/${id}`,
        maps: [
          ...mainEntries(config, id).filter(([n]) => n !== node),
          [node, mapping.paths[node] as string] as const,
        ].map(([n, path]) => mapEntry(id, n, path)),
      })),
    }),
  };
}

/** A mapping's main-node entries; all of them when it names only maintenance nodes (a mapping needs one). */
export function mainEntries(config: HomelabConfig, id: string): [node: string, path: string][] {
  const mapping = config.storage.mappings[id];
  const entries = Object.entries(mapping?.managed === true ? mapping.paths : {});
  const main = entries.filter(([node]) => !isMaintenanceNode(config, node));
  return main.length === 0 ? entries : main;
}

/** `node=prom,path=/nvmeprom/containers` */
function mapEntry(id: string, node: string, path: string): string {
  return propertyString([
    { key: "node", value: node, field: `storage.mappings.${id}.paths` },
    { key: "path", value: path, field: `storage.mappings.${id}.paths.${node}` },
  ]);
}

/** `1000:100`: the owner of the dataset behind a mapping's main path, which its other paths copy. */
function mappingOwner(config: HomelabConfig, id: string): string | undefined {
  const paths = new Set(mainEntries(config, id).map(([node, path]) => `${node}\0${path}`));
  const dataset = config.storage.datasets.find((d) => d.owner !== undefined && paths.has(`${d.node}\0${d.mountpoint}`));
  return dataset?.owner === undefined ? undefined : `${dataset.owner.uid}:${dataset.owner.gid}`;
}
