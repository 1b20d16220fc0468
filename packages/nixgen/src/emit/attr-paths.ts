// NixOS settings given as `dotted.option.path → value` entries, turned into bindings. Each entry prints
// as one binding at its path, grouped the way its author wrote it (`"services.grafana": { … }` prints
// `services.grafana = { … };`). Nix rejects an attribute set twice, so entries that reach the same
// attribute are merged into the first one: objects deep-merge, two lists concatenate, and anything
// else (expressions) goes through `lib.mkMerge`, which the module system resolves.
import { attrs, bind, call, data, isNixExpr, list, ref, type AttrKey, type BindingNode, type NixExpr, type NixValue } from "@homelab/nix";

export type PathEntry = readonly [path: readonly AttrKey[], value: NixValue];

/**
 * `"services.grafana.enable"` → `["services", "grafana", "enable"]`. A name holding a dot cannot be
 * written this way; nest it in an object value instead (`fileSystems: { "/mnt/a.b": … }`).
 */
export function splitPath(dotted: string): string[] {
  return dotted.split(".");
}

/** Entries from a record of dotted paths, in the record's order. */
export function dottedEntries(record: { readonly [path: string]: NixValue }): PathEntry[] {
  return Object.entries(record).map(([key, value]) => [splitPath(key), value]);
}

/** One binding per entry, with entries that would set the same attribute merged. */
export function mergeBindings(entries: readonly PathEntry[]): BindingNode[] {
  return mergeEntries(entries).map(([path, value]) => collapsed(path, value));
}

/**
 * A binding whose object value has a single attribute prints as a dotted path, as people write
 * NixOS settings: `{ openssh = { authorizedKeys = { keys = …; }; }; }` → `openssh.authorizedKeys.keys = …;`.
 */
function collapsed(path: readonly AttrKey[], value: NixValue): BindingNode {
  const keys = [...path];
  let current = value;
  for (let only = soleKey(current); only !== undefined; only = soleKey(current)) {
    keys.push(only);
    current = (current as PlainObject)[only] as NixValue;
  }
  return bind(keys, collapsedValue(current, keys));
}

/**
 * Sets with their single-attribute values collapsed. What holds no set to collapse goes to the printer
 * as data (no node per value), which prints as the nodes would. `at` is where a value error inside it
 * is reported, as `bind` would.
 */
function collapsedValue(value: NixValue, at: readonly AttrKey[]): NixValue {
  if (!isContainer(value)) return value;
  if (!hasCollapsible(value)) return data(value as PlainObject, stringKeys(at));
  if (!Array.isArray(value)) return collapsedSet(value as PlainObject);
  return data((value as readonly NixValue[]).map(collapsedItem), stringKeys(at));
}

function collapsedItem(value: NixValue): NixValue {
  if (!isContainer(value) || !hasCollapsible(value)) return value;
  if (Array.isArray(value)) return (value as readonly NixValue[]).map(collapsedItem);
  return collapsedSet(value as PlainObject);
}

function collapsedSet(value: PlainObject): NixExpr {
  const bindings: BindingNode[] = [];
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item !== undefined) bindings.push(collapsed([key], item));
  }
  return attrs(bindings);
}

/** Whether a set somewhere in `value` (a list or a set) has an attribute whose value is a set of one attribute. */
function hasCollapsible(value: NixValue): boolean {
  if (Array.isArray(value)) {
    for (const item of value as readonly NixValue[]) if (isContainer(item) && hasCollapsible(item)) return true;
    return false;
  }
  const set = value as PlainObject;
  for (const key in set) {
    const item = set[key];
    if (isContainer(item as NixValue) && (soleKey(item as NixValue) !== undefined || hasCollapsible(item as NixValue))) return true;
  }
  return false;
}

function isContainer(value: NixValue | undefined): boolean {
  return Array.isArray(value) || isPlainObject(value);
}

function stringKeys(path: readonly AttrKey[]): string[] {
  return path.filter((key): key is string => typeof key === "string");
}

function soleKey(value: NixValue): string | undefined {
  if (!isPlainObject(value)) return undefined;
  let sole: string | undefined;
  for (const key of Object.keys(value)) {
    if (value[key] === undefined) continue;
    if (sole !== undefined) return undefined;
    sole = key;
  }
  return sole;
}

/** Entries merged so that no entry's path is a prefix of another's (the order of first appearance). */
function mergeEntries(entries: readonly PathEntry[]): PathEntry[] {
  const merged: PathEntry[] = [];
  for (const [path, value] of entries) {
    let outer = 0;
    while (outer < merged.length && !isPrefix((merged[outer] as PathEntry)[0], path)) outer++;
    if (outer < merged.length) {
      const [existing, current] = merged[outer] as PathEntry;
      merged[outer] = [existing, mergeAt(current, path.slice(existing.length), value)];
      continue;
    }
    let first = 0;
    while (first < merged.length && !isPrefix(path, (merged[first] as PathEntry)[0])) first++;
    if (first === merged.length) {
      merged.push([path, value]);
      continue;
    }
    const others: number[] = [];
    for (let i = first + 1; i < merged.length; i++) if (isPrefix(path, (merged[i] as PathEntry)[0])) others.push(i);
    // The new entry encloses earlier ones: it takes the place of the first and absorbs them all, in
    // order, so list items keep the order the entries gave them.
    const [firstPath, firstValue] = merged[first] as PathEntry;
    const earlier = others.reduce<NixValue>((acc, i) => {
      const [existing, current] = merged[i] as PathEntry;
      return mergeAt(acc, existing.slice(path.length), current);
    }, nest(firstPath.slice(path.length), firstValue));
    merged[first] = [path, combine(earlier, value)];
    for (const i of others.reverse()) merged.splice(i, 1);
  }
  return merged;
}

/** Interpolated keys (`${cfg.domain}`) are only known at evaluation time, so they never collide here. */
function isPrefix(prefix: readonly AttrKey[], path: readonly AttrKey[]): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const key = prefix[i];
    if (typeof key !== "string" || key !== path[i]) return false;
  }
  return true;
}

type PlainObject = { readonly [key: string]: NixValue | undefined };

function isPlainObject(value: NixValue | undefined): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isNixExpr(value);
}

function mergeAt(target: NixValue, rest: readonly AttrKey[], value: NixValue): NixValue {
  const [head, ...tail] = rest;
  if (head === undefined) return combine(target, value);
  if (typeof head === "string" && isPlainObject(target)) {
    const current = target[head];
    const next = current === undefined ? nest(tail, value) : mergeAt(current, tail, value);
    return { ...target, [head]: next };
  }
  return mkMerge(target, nest(rest, value));
}

/** `value` at `path` below: plain objects while the names are plain, so later entries can still merge in. */
function nest(path: readonly AttrKey[], value: NixValue): NixValue {
  if (path.every((key) => typeof key === "string")) return path.reduceRight<NixValue>((inner, key) => ({ [key]: inner }), value);
  return attrs([bind(path, value)]);
}

function combine(a: NixValue, b: NixValue): NixValue {
  if (Array.isArray(a) && Array.isArray(b)) return [...(a as NixValue[]), ...(b as NixValue[])];
  if (isPlainObject(a) && isPlainObject(b)) {
    return Object.entries(b).reduce<NixValue>(
      (acc, [key, value]) => (value === undefined ? acc : mergeAt(acc, [key], value)),
      a,
    );
  }
  return mkMerge(a, b);
}

/** `lib.mkMerge [ a b ]` */
function mkMerge(a: NixValue, b: NixValue): NixValue {
  return call(ref("lib.mkMerge"), list([a, b]));
}
