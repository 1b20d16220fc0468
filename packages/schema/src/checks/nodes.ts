// Proxmox node names used by guests, datasets and directory mappings. Checked only once the config
// lists its nodes (`proxmox.nodes`); a config that lists none leaves node names to the user.
import type { ValuePath } from "@homelab/nix";
import { issue } from "../issue.js";
import { mappingNodes } from "../storage.js";
import { didYouMean } from "../suggest.js";
import type { Check } from "./check-helpers.js";

export const checkNodes: Check = (config) => {
  const nodes = Object.keys(config.proxmox.nodes);
  if (nodes.length === 0) return [];
  const uses: [node: string, path: ValuePath][] = [
    ...Object.entries(config.machines).flatMap(([name, machine]): [string, ValuePath][] =>
      machine.kind === "metal" ? [] : [[machine.proxmox.node, ["machines", name, "proxmox", "node"]]],
    ),
    ...config.storage.datasets.map((dataset, i): [string, ValuePath] => [
      dataset.node,
      ["storage", "datasets", i, "node"],
    ]),
    ...Object.entries(config.storage.mappings).flatMap(([id, mapping]) =>
      mappingNodes(mapping).map((node, i): [string, ValuePath] => [
        node,
        ["storage", "mappings", id, ...(mapping.managed ? ["paths", node] : ["nodes", i])],
      ]),
    ),
  ];
  return uses
    .filter(([node]) => !nodes.includes(node))
    .map(([node, path]) =>
      issue("unknown-node", path, `node "${node}" is not in proxmox.nodes${didYouMean(node, nodes)}`),
    );
};
