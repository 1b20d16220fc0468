// What the check tests assert on: every issue as `code: ✖ message → at path`, the line users see.
import { formatIssue, validateConfig, type HomelabConfigInput } from "../src/index.js";

export function report(input: unknown): string[] {
  return validateConfig(input).issues.map((found) => `${found.code}: ${formatIssue(found)}`);
}

// `any` on purpose: tests break valid configs in ways the input type forbids.
type Draft = any;

/** A copy of `config` changed by `change`. */
export function edit(config: HomelabConfigInput, change: (draft: Draft) => void): HomelabConfigInput {
  const copy = structuredCloneKeepingNodes(config);
  change(copy);
  return copy;
}

/** Nix expression nodes carry a symbol brand that structuredClone would drop; they are immutable, so share them. */
function structuredCloneKeepingNodes<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.getOwnPropertySymbols(value).length > 0) return value;
  if (Array.isArray(value)) return value.map(structuredCloneKeepingNodes) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneKeepingNodes(v)])) as T;
}

/** Several fixtures as one homelab (their names do not overlap). */
export function combine(...configs: HomelabConfigInput[]): HomelabConfigInput {
  const merged: Draft = {};
  for (const config of configs) {
    for (const [section, value] of Object.entries(config)) {
      merged[section] = deepMerge(merged[section], value);
    }
  }
  return merged as HomelabConfigInput;
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (isRecord(a) && isRecord(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = deepMerge(out[k], v);
    return out;
  }
  return Array.isArray(a) && Array.isArray(b) ? [...a, ...b] : b;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getOwnPropertySymbols(value).length === 0
  );
}
