// The three Mermaid flowcharts of INVENTORY.md, drawn from the review model: Proxmox nodes holding
// their guests, storage flowing to the machines that mount it, and services with their routes and ports.
// Ids come from MermaidIds and every label goes through mermaidLabel (text/mermaid.ts), nowhere else.
import type { Ports, ReviewModel } from "../review/model.js";
import { MermaidIds, mermaidLabel, mermaidLine } from "../text/mermaid.js";

/**
 * Mermaid's defaults, which GitHub keeps: a longer diagram is refused ("Maximum text size in diagram
 * exceeded"), and one with more edges is not drawn. https://mermaid.js.org/config/schema-docs/config.html
 */
export const mermaidLimits = { maxTextSize: 50_000, maxEdges: 500 } as const;

// `50,000`, grouped by hand: the first toLocaleString of a process loads ICU's locale data (~30 ms).
const MAX_TEXT_SIZE = String(mermaidLimits.maxTextSize).replace(/\B(?=(\d{3})+$)/g, ",");

/** Statements of one flowchart, built in order; `text()` is the fenced block's content. */
class Flowchart {
  private readonly lines: string[];
  private depth = 1;
  private size = 0;
  private edges = 0;
  readonly ids = new MermaidIds();

  constructor(direction: "TB" | "LR") {
    this.lines = [`flowchart ${direction}`];
  }

  node(id: string, ...label: string[]): void {
    this.add(`${id}["${mermaidLabel(...label)}"]`);
  }

  /** A cylinder, for datasets and host directories. */
  store(id: string, ...label: string[]): void {
    this.add(`${id}[("${mermaidLabel(...label)}")]`);
  }

  edge(from: string, to: string, label?: string): void {
    this.edges++;
    this.add(label === undefined ? `${from} --> ${to}` : `${from} -->|"${mermaidLabel(label)}"| ${to}`);
  }

  group(id: string, label: string, body: () => void): void {
    this.add(`subgraph ${id} ["${mermaidLabel(label)}"]`);
    this.depth++;
    body();
    this.depth--;
    this.add("end");
  }

  /** The diagram, or a note saying why it is not drawn when Mermaid would refuse it. */
  text(what: string): Diagram {
    if (this.size > mermaidLimits.maxTextSize || this.edges > mermaidLimits.maxEdges) {
      return { tooLarge: `${what} is not drawn: it would exceed what Mermaid draws (${MAX_TEXT_SIZE} characters, ${mermaidLimits.maxEdges} edges); the tables hold everything.` };
    }
    return { text: this.lines.join("\n") + "\n" };
  }

  /** True once the diagram is too large to draw: callers stop adding to it. */
  get full(): boolean {
    return this.size > mermaidLimits.maxTextSize || this.edges > mermaidLimits.maxEdges;
  }

  private add(statement: string): void {
    const line = "  ".repeat(this.depth) + mermaidLine(statement);
    this.size += line.length + 1;
    this.lines.push(line);
  }
}

export type Diagram = { readonly text: string } | { readonly tooLarge: string };

/** Proxmox nodes as boxes holding their guests; bare-metal machines beside them. */
export function placementDiagram(model: ReviewModel, maintenanceNodes: ReadonlySet<string>, nodes: readonly string[]): Diagram {
  const chart = new Flowchart("TB");
  const machines = Object.entries(model.machines);
  for (const node of nodes) {
    if (chart.full) break;
    chart.group(chart.ids.id("node", node), maintenanceNodes.has(node) ? `${node} (maintenance)` : node, () => {
      for (const [name, machine] of machines) {
        if (chart.full) return;
        if (machine.guest?.node !== node) continue;
        const { vmid, cores, memory, disk } = machine.guest;
        chart.node(chart.ids.id("m", name), name, `${machine.kind.toUpperCase()} ${vmid}`, `${cores} cores · ${memory} MB · ${disk}`);
      }
    });
  }
  for (const [name, machine] of machines) {
    if (chart.full) break;
    if (machine.guest === undefined) chart.node(chart.ids.id("m", name), name, "bare metal");
  }
  return chart.text("The placement diagram");
}

/**
 * Datasets → the directory mappings and bind-mount sources inside them → the machines that mount
 * them (edge label: the mount point); NFS exports → the machines that mount them. Undefined when
 * nothing is shared.
 */
export function storageDiagram(model: ReviewModel): Diagram | undefined {
  const chart = new Flowchart("LR");
  const { datasets, mappings } = model.storage;
  const mounts = Object.entries(model.machines).flatMap(([name, machine]) => machine.mounts.map((mount) => ({ name, machine, mount })));
  if (datasets.length === 0 && Object.keys(mappings).length === 0 && mounts.length === 0) return undefined;
  const datasetId = (name: string) => chart.ids.id("ds", name);
  /** The dataset on `node` whose mountpoint holds `path`. */
  const datasetOf = (node: string, path: string) =>
    datasets.find((dataset) => dataset.node === node && within(path, dataset.mountpoint));
  for (const dataset of datasets) chart.store(datasetId(dataset.name), dataset.name, `${dataset.node}:${dataset.mountpoint}`);
  for (const [id, paths] of Object.entries(mappings)) {
    chart.node(chart.ids.id("map", id), `mapping ${id}`, ...Object.entries(paths).map(([node, path]) => `${node}: ${path}`));
    for (const [node, path] of Object.entries(paths)) {
      const dataset = datasetOf(node, path);
      if (dataset !== undefined) chart.edge(datasetId(dataset.name), chart.ids.id("map", id), node);
    }
  }
  /** Machines and mount sources drawn already (their ids). */
  const shown = new Set<string>();
  for (const { name, machine, mount } of mounts) {
    if (chart.full) break;
    const target = chart.ids.id("m", name);
    if (!shown.has(target)) chart.node(target, name, machine.kind === "metal" ? "bare metal" : `${machine.kind.toUpperCase()} ${machine.guest?.vmid}`);
    shown.add(target);
    const label = `${mount.target ?? "(not mounted)"}${mount.readOnly === true ? " (ro)" : ""}`;
    if (mount.via === "virtiofs") {
      chart.edge(chart.ids.id("map", mount.source), target, `virtiofs ${label}`);
      continue;
    }
    const source = chart.ids.id(mount.via, mount.source);
    if (!shown.has(source)) {
      chart.store(source, mount.source);
      const dataset = mount.via === "bind" && machine.guest !== undefined ? datasetOf(machine.guest.node, mount.source) : undefined;
      if (dataset !== undefined) chart.edge(datasetId(dataset.name), source);
    }
    shown.add(source);
    chart.edge(source, target, `${mount.via} ${label}`);
  }
  return chart.text("The storage diagram");
}

/**
 * Machines as boxes holding their services, with the ports each opens. A route is an edge labelled
 * with its domain and port: from the machine's Caddy, which serves every route (service modules add
 * them to `homelab.services.caddy.virtualHosts`), or from the domain itself where Caddy is not enabled.
 * Undefined without services.
 */
export function servicesDiagram(model: ReviewModel): Diagram | undefined {
  const machines = Object.entries(model.machines).filter(([, machine]) => Object.keys(machine.services).length > 0);
  if (machines.length === 0) return undefined;
  const chart = new Flowchart("LR");
  const routes: [from: string | undefined, domain: string, service: string, port: string][] = [];
  for (const [name, machine] of machines) {
    if (chart.full) break;
    const proxy = machine.services["caddy"] === undefined ? undefined : chart.ids.id("svc", `${name}.caddy`);
    chart.group(chart.ids.id("m", name), name, () => {
      for (const [service, { ports, route }] of Object.entries(machine.services)) {
        const id = chart.ids.id("svc", `${name}.${service}`);
        const open = portsText(ports);
        chart.node(id, ...(open === "" ? [service] : [service, open]));
        if (route !== undefined && route.domain !== "(computed)") routes.push([proxy, route.domain, id, route.port]);
      }
    });
  }
  for (const [from, domain, service, port] of routes) {
    if (chart.full) break;
    if (from !== undefined) {
      chart.edge(from, service, `${domain} → :${port}`);
      continue;
    }
    const id = chart.ids.id("dom", domain);
    chart.node(id, domain);
    chart.edge(id, service, `:${port}`);
  }
  return chart.text("The services diagram");
}

/** `tcp 80, 443 · udp 53`; empty when nothing is open. */
export function portsText(ports: Ports): string {
  return [
    ...(ports.tcp.length > 0 ? [`tcp ${ports.tcp.join(", ")}`] : []),
    ...(ports.udp.length > 0 ? [`udp ${ports.udp.join(", ")}`] : []),
  ].join(" · ");
}

function within(path: string, dir: string): boolean {
  const base = dir.replace(/\/+$/, "");
  return path === base || path.startsWith(`${base}/`);
}
