// What changed in meaning between two review models: machines added, removed or moved, resources,
// ports, mounts, services, routes, and who can decrypt each secret. Pure; the order is stable (by
// machine, then by kind of change) so that the same two models always give the same list.
import { compare, type ReviewMachine, type ReviewModel, type ReviewMount } from "./model.js";

export type Change =
  | { readonly kind: "machine-added"; readonly machine: string; readonly node?: string }
  | { readonly kind: "machine-removed"; readonly machine: string }
  | { readonly kind: "machine-moved"; readonly machine: string; readonly from: string; readonly to: string }
  | { readonly kind: "resource-changed"; readonly machine: string; readonly resource: Resource; readonly from: string; readonly to: string }
  | { readonly kind: "port-opened" | "port-closed"; readonly machine: string; readonly protocol: "tcp" | "udp"; readonly port: number }
  | { readonly kind: "mount-added" | "mount-removed"; readonly machine: string; readonly mount: ReviewMount }
  | { readonly kind: "service-enabled" | "service-disabled"; readonly machine: string; readonly service: string }
  | { readonly kind: "route-changed"; readonly machine: string; readonly service: string; readonly from: string; readonly to: string }
  | { readonly kind: "secret-added" | "secret-removed"; readonly secret: string; readonly file: string }
  | { readonly kind: "secret-used" | "secret-unused"; readonly machine: string; readonly secret: string }
  | { readonly kind: "reader-added" | "reader-removed"; readonly secret: string; readonly file: string; readonly reader: string }
  | { readonly kind: "key-changed"; readonly key: string };

export type Resource = "kind" | "vmid" | "cores" | "memory" | "disk" | "storage" | "address" | "mac" | "profile";

/** An empty homelab: what a revision without `.review.json` is compared as. */
export const emptyModel: ReviewModel = { machines: {}, storage: { datasets: [], mappings: {} }, secrets: {}, keys: {} };

export function diffModels(before: ReviewModel, after: ReviewModel): Change[] {
  const changes: Change[] = [];
  for (const name of union(before.machines, after.machines)) {
    const old = before.machines[name];
    const now = after.machines[name];
    if (old === undefined && now !== undefined) {
      changes.push({ kind: "machine-added", machine: name, ...(now.guest === undefined ? {} : { node: now.guest.node }) });
    } else if (old !== undefined && now === undefined) {
      changes.push({ kind: "machine-removed", machine: name });
    } else if (old !== undefined && now !== undefined) {
      changes.push(...machineChanges(name, old, now));
    }
  }
  for (const name of union(before.secrets, after.secrets)) {
    const old = before.secrets[name];
    const now = after.secrets[name];
    if (old === undefined && now !== undefined) changes.push({ kind: "secret-added", secret: name, file: now.file });
    else if (old !== undefined && now === undefined) changes.push({ kind: "secret-removed", secret: name, file: old.file });
    else if (old !== undefined && now !== undefined) {
      for (const reader of added(old.readers, now.readers)) changes.push({ kind: "reader-added", secret: name, file: now.file, reader });
      for (const reader of added(now.readers, old.readers)) changes.push({ kind: "reader-removed", secret: name, file: now.file, reader });
    }
  }
  for (const key of union(before.keys, after.keys)) {
    const old = before.keys[key];
    const now = after.keys[key];
    if (old !== undefined && now !== undefined && old !== now) changes.push({ kind: "key-changed", key });
  }
  return changes;
}

function machineChanges(machine: string, old: ReviewMachine, now: ReviewMachine): Change[] {
  const changes: Change[] = [];
  if (old.guest !== undefined && now.guest !== undefined && old.guest.node !== now.guest.node) {
    changes.push({ kind: "machine-moved", machine, from: old.guest.node, to: now.guest.node });
  }
  const resources: [Resource, string, string][] = [
    ["kind", old.kind, now.kind],
    ["vmid", String(old.guest?.vmid ?? ""), String(now.guest?.vmid ?? "")],
    ["cores", String(old.guest?.cores ?? ""), String(now.guest?.cores ?? "")],
    ["memory", old.guest === undefined ? "" : `${old.guest.memory} MB`, now.guest === undefined ? "" : `${now.guest.memory} MB`],
    ["disk", old.guest?.disk ?? "", now.guest?.disk ?? ""],
    ["storage", old.guest?.storage ?? "", now.guest?.storage ?? ""],
    ["address", old.guest?.address ?? "", now.guest?.address ?? ""],
    ["mac", old.guest?.mac ?? "", now.guest?.mac ?? ""],
    ["profile", old.profile ?? "", now.profile ?? ""],
  ];
  for (const [resource, from, to] of resources) {
    if (from !== to) changes.push({ kind: "resource-changed", machine, resource, from, to });
  }
  for (const protocol of ["tcp", "udp"] as const) {
    for (const port of added(old.ports[protocol], now.ports[protocol])) changes.push({ kind: "port-opened", machine, protocol, port });
    for (const port of added(now.ports[protocol], old.ports[protocol])) changes.push({ kind: "port-closed", machine, protocol, port });
  }
  const mountKey = (mount: ReviewMount) => JSON.stringify([mount.via, mount.source, mount.target ?? null, mount.readOnly === true]);
  const oldMounts = new Map(old.mounts.map((mount) => [mountKey(mount), mount]));
  const newMounts = new Map(now.mounts.map((mount) => [mountKey(mount), mount]));
  for (const [key, mount] of newMounts) if (!oldMounts.has(key)) changes.push({ kind: "mount-added", machine, mount });
  for (const [key, mount] of oldMounts) if (!newMounts.has(key)) changes.push({ kind: "mount-removed", machine, mount });
  for (const secret of added(old.secrets, now.secrets)) changes.push({ kind: "secret-used", machine, secret });
  for (const secret of added(now.secrets, old.secrets)) changes.push({ kind: "secret-unused", machine, secret });
  for (const service of union(old.services, now.services)) {
    const before = old.services[service];
    const after = now.services[service];
    if (before === undefined) changes.push({ kind: "service-enabled", machine, service });
    else if (after === undefined) changes.push({ kind: "service-disabled", machine, service });
    else {
      const from = routeText(before.route);
      const to = routeText(after.route);
      if (from !== to) changes.push({ kind: "route-changed", machine, service, from, to });
    }
  }
  return changes;
}

function routeText(route: { readonly domain: string; readonly port: string } | undefined): string {
  return route === undefined ? "" : `${route.domain} → localhost:${route.port}`;
}

function union(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compare);
}

/** What `after` has that `before` lacks, in `after`'s order. */
function added<T>(before: readonly T[], after: readonly T[]): T[] {
  const had = new Set(before);
  return after.filter((item) => !had.has(item));
}
