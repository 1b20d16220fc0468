// INVENTORY.md: the homelab at a glance for review. Tables of machines, storage, services and
// secrets, and Mermaid diagrams that GitHub and GitLab draw in the file view and in pull requests.
// Everything comes from the review model, so the file changes exactly when the homelab's meaning does.
import type { HomelabConfig } from "@homelab/schema";
import { compare, sharedReviewModel, type ReviewModel } from "../review/model.js";
import { markdownTable } from "../text/markdown.js";
import { headerLines } from "./header.js";
import { placementDiagram, portsText, servicesDiagram, storageDiagram, type Diagram } from "./inventory-diagrams.js";
import type { Emitter } from "./types.js";

export const emitInventoryMd: Emitter = (ctx) => [
  { path: "INVENTORY.md", kind: "markdown", render: () => inventoryMarkdown(ctx.config, sharedReviewModel(ctx.config), headerLines(ctx)) },
];

export function inventoryMarkdown(config: HomelabConfig, model: ReviewModel, header: readonly string[]): string {
  const title = config.name === undefined ? "Inventory" : `Inventory: ${config.name}`;
  const sections = [
    header.map((line) => `<!-- ${line.replace(/--/g, "- -")} -->`).join("\n"),
    `# ${title}`,
    machinesSection(config, model),
    storageSection(model),
    servicesSection(model),
    secretsSection(model),
  ];
  return sections.filter((section) => section !== "").join("\n\n").replace(/\n+$/, "") + "\n";
}

function machinesSection(config: HomelabConfig, model: ReviewModel): string {
  const machines = Object.entries(model.machines);
  if (machines.length === 0) return "## Machines\n\nNo machines.";
  const rows = machines.map(([name, m]) => [
    name,
    m.kind,
    m.guest?.node ?? "",
    m.guest === undefined ? "" : String(m.guest.vmid),
    m.guest === undefined ? "" : String(m.guest.cores),
    m.guest === undefined ? "" : `${m.guest.memory} MB`,
    m.guest === undefined ? "" : `${m.guest.disk} on ${m.guest.storage}`,
    m.guest === undefined ? "" : [m.guest.address, ...(m.guest.mac === undefined ? [] : [m.guest.mac])].join(", "),
    m.profile ?? "",
    Object.keys(m.services).join(", "),
    portsText(m.ports),
  ]);
  const nodes = [
    ...new Set([...Object.keys(config.proxmox.nodes), ...machines.flatMap(([, m]) => (m.guest === undefined ? [] : [m.guest.node]))]),
  ].sort(compare);
  const maintenance = new Set(Object.entries(config.proxmox.nodes).filter(([, node]) => node.maintenance).map(([name]) => name));
  return [
    "## Machines",
    markdownTable(["machine", "kind", "node", "vmid", "cores", "memory", "disk", "address", "profile", "services", "open ports"], rows),
    "Where each machine runs:",
    mermaid(placementDiagram(model, maintenance, nodes)),
  ].join("\n\n");
}

function storageSection(model: ReviewModel): string {
  const { datasets, mappings } = model.storage;
  const machines = Object.entries(model.machines);
  const mountRows = machines.flatMap(([name, m]) =>
    m.mounts.map((mount) => [
      name,
      mount.via,
      mount.via === "virtiofs" ? `mapping ${mount.source}` : mount.source,
      mount.via === "virtiofs" && m.guest !== undefined ? (mappings[mount.source]?.[m.guest.node] ?? "") : "",
      mount.target ?? "(not mounted)",
      mount.readOnly === true ? "yes" : "",
    ]),
  );
  if (datasets.length === 0 && Object.keys(mappings).length === 0 && mountRows.length === 0) return "";
  const parts = ["## Storage"];
  if (datasets.length > 0) {
    parts.push(markdownTable(["dataset", "node", "mountpoint"], datasets.map((d) => [d.name, d.node, d.mountpoint])));
  }
  const mappingRows = Object.entries(mappings).flatMap(([id, paths]) => Object.entries(paths).map(([node, path]) => [id, node, path]));
  if (mappingRows.length > 0) parts.push(markdownTable(["mapping", "node", "host path"], mappingRows));
  if (mountRows.length > 0) {
    parts.push(markdownTable(["machine", "via", "source", "host path on its node", "mount point", "read-only"], mountRows));
  }
  const diagram = storageDiagram(model);
  if (diagram !== undefined) parts.push("What flows where:", mermaid(diagram));
  return parts.join("\n\n");
}

function servicesSection(model: ReviewModel): string {
  const rows = Object.entries(model.machines).flatMap(([name, m]) =>
    Object.entries(m.services).map(([service, { ports, route }]) => [
      service,
      name,
      portsText(ports),
      route === undefined ? "" : `${route.domain} → localhost:${route.port}`,
    ]),
  );
  if (rows.length === 0) return "";
  rows.sort(([a = "", b = ""], [c = "", d = ""]) => compare(a, c) || compare(b, d));
  const diagram = servicesDiagram(model);
  return [
    "## Services",
    markdownTable(["service", "machine", "opens", "reverse-proxy route"], rows),
    ...(diagram === undefined ? [] : ["Routes and ports:", mermaid(diagram)]),
  ].join("\n\n");
}

function secretsSection(model: ReviewModel): string {
  const secrets = Object.entries(model.secrets);
  if (secrets.length === 0) return "";
  return [
    "## Secrets",
    "Each file is encrypted to its readers' keys; a machine decrypts it with its host key.",
    markdownTable(
      ["secret", "file", "owner", "mode", "readers", "used by"],
      secrets.map(([name, s]) => [name, s.file, `${s.owner}:${s.group}`, s.mode, s.readers.join(", "), s.usedBy.join(", ")]),
    ),
  ].join("\n\n");
}

function mermaid(diagram: Diagram): string {
  return "text" in diagram ? "```mermaid\n" + diagram.text + "```" : `_${diagram.tooLarge}_`;
}
