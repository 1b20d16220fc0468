// Reading service modules through a machine: which services it runs and what each option comes to.
// Checks and emitters share these so that "enabled" and "effective value" mean one thing.
import { isNixExpr } from "@homelab/nix";
import type { Machine } from "./machine.js";
import { isOptionGroup, type OptionGroup, type OptionSpec, type OptionTree } from "./module.js";

export interface OptionEntry {
  /** `["port"]`, `["metrics", "port"]`. */
  readonly path: readonly string[];
  readonly spec: OptionSpec;
}

/** Every option of a tree, groups walked, in declaration order. */
export function optionEntries(tree: OptionTree, prefix: readonly string[] = []): OptionEntry[] {
  return Object.entries(tree).flatMap(([key, node]) =>
    isOptionGroup(node) ? optionEntries(node.options, [...prefix, key]) : [{ path: [...prefix, key], spec: node }],
  );
}

/** The option or option group declared at `path`, if any. */
export function findOption(tree: OptionTree, path: readonly string[]): OptionSpec | OptionGroup | undefined {
  const [head, ...rest] = path;
  const found = head === undefined ? undefined : tree[head];
  if (found === undefined || rest.length === 0) return found;
  return isOptionGroup(found) ? findOption(found.options, rest) : undefined;
}

/** The services a machine runs, with its overrides (`{}` for `true`); `enable: false` turns one off. */
export function enabledServices(machine: Machine): [name: string, overrides: Readonly<Record<string, unknown>>][] {
  return Object.entries(machine.services).flatMap(([name, use]) => {
    if (use === true) return [[name, {}]];
    return use["enable"] === false ? [] : [[name, use]];
  });
}

/**
 * What an option comes to on a machine: the override when one is given, else the default. Undefined
 * when there is neither, or when an enclosing override is a Nix expression we cannot look into.
 */
export function effectiveValue(
  overrides: Readonly<Record<string, unknown>>,
  entry: OptionEntry,
): { value: unknown } | undefined {
  let scope: unknown = overrides;
  for (const key of entry.path) {
    if (isNixExpr(scope)) return undefined;
    const next =
      typeof scope === "object" && scope !== null && !Array.isArray(scope)
        ? (scope as Record<string, unknown>)[key]
        : undefined;
    if (next === undefined) return entry.spec.default === undefined ? undefined : { value: entry.spec.default };
    scope = next;
  }
  return { value: scope };
}
