// What a profile's settings come to once its base chain is applied: the profile system's shallow
// `base.<section> // { … }` per level, except that a `{ extend }` list appends to the base's list.
// The one copy of these merge semantics; emitters and checks read profiles through it.
import type { z } from "zod";
import { knownSystemSettings, knownUserSettings, type Profile } from "./profile.js";

export type SettingsSection = "systemSettings" | "userSettings";

export const settingsSections: readonly SettingsSection[] = ["systemSettings", "userSettings"];

/** A list entry as written: a value, or several values sharing a comment. */
export type ListEntry<T> = T | { readonly items: readonly T[]; readonly comment: string };

/** A mergeable list setting as written in a profile. */
export type MergeableList<T> =
  | readonly ListEntry<T>[]
  | { readonly extend: readonly ListEntry<T>[] }
  | { readonly replace: readonly ListEntry<T>[] };

const known: Record<SettingsSection, Record<string, z.ZodType>> = {
  systemSettings: knownSystemSettings,
  userSettings: knownUserSettings,
};

// Derived from the schemas rather than listed, so a list key added to profile.ts is merged here too.
// Worked out on first use, not when the module loads: every run loads it, few resolve a profile's lists.
let mergeable: Record<SettingsSection, ReadonlySet<string>> | undefined;

function mergeableKeys(schemas: Record<string, z.ZodType>): ReadonlySet<string> {
  // One parse per schema: compiling zod's object parsers (its default) would cost more than the parse.
  return new Set(Object.keys(schemas).filter((key) => schemas[key]?.safeParse({ extend: [] }, { jitless: true }).success));
}

/** Whether `key` is a list an extending profile may append to with `{ extend }`. */
export function isMergeableList(section: SettingsSection, key: string): boolean {
  mergeable ??= { systemSettings: mergeableKeys(known.systemSettings), userSettings: mergeableKeys(known.userSettings) };
  return mergeable[section].has(key);
}

/** How a mergeable list combines with its base's, and its entries. */
export function listMerge<T>(value: MergeableList<T>): { mode: "extend" | "replace"; entries: readonly ListEntry<T>[] } {
  if (Array.isArray(value)) return { mode: "replace", entries: value };
  if ("extend" in value) return { mode: "extend", entries: value.extend };
  return { mode: "replace", entries: (value as { replace: readonly ListEntry<T>[] }).replace };
}

/** The entries' values, comments dropped. */
export function listValues<T>(entries: readonly ListEntry<T>[]): T[] {
  return entries.flatMap((entry) => (isCommentedGroup(entry) ? [...entry.items] : [entry]));
}

export function isCommentedGroup<T>(entry: ListEntry<T>): entry is { readonly items: readonly T[]; readonly comment: string } {
  return typeof entry === "object" && entry !== null && !Array.isArray(entry) && "items" in entry && "comment" in entry;
}

/**
 * `name`, then the profile it extends, and so on up to a base. Stops before an unknown name or a
 * profile already in the chain: those are reported by the checks, not here.
 */
export function profileChain(profiles: Readonly<Record<string, Profile>>, name: string): string[] {
  const chain: string[] = [];
  for (let current: string | undefined = name; current !== undefined && !chain.includes(current); ) {
    const profile: Profile | undefined = profiles[current];
    if (profile === undefined) break;
    chain.push(current);
    current = profile.extends;
  }
  return chain;
}

export interface ResolvedProfile {
  /** Profile names from this one up to its base. */
  readonly chain: readonly string[];
  /** Effective settings; mergeable lists are plain arrays of values. */
  readonly systemSettings: Readonly<Record<string, unknown>>;
  readonly userSettings: Readonly<Record<string, unknown>>;
}

// Checks and emitters ask for the same profiles once per machine; a parsed config is never mutated, so
// each profile is resolved once per `profiles` record (bench/ measured ~10% of `gen` at 1,000 machines).
const resolvedOf = new WeakMap<Readonly<Record<string, Profile>>, Map<string, ResolvedProfile>>();

const unresolved: ResolvedProfile = { chain: [], systemSettings: {}, userSettings: {} };

/** The settings `profiles/<name>-config.nix` evaluates to (before the profile system's own defaults). */
export function resolveProfile(profiles: Readonly<Record<string, Profile>>, name: string): ResolvedProfile {
  let known = resolvedOf.get(profiles);
  if (known === undefined) {
    known = new Map();
    resolvedOf.set(profiles, known);
  }
  const found = known.get(name);
  if (found !== undefined) return found;
  // Each level is laid over its base's resolution, which is kept, so profiles extending one base share
  // its lists rather than each holding copies (10,000 machines, a profile each: 9 MB less held by `gen`).
  // A chain closes on itself only in a cycle (the checks report it): a level above where it closes
  // has a chain of its own that runs on past this one's end, so its resolution here is not kept.
  const chain = profileChain(profiles, name);
  const closesAt = chain.indexOf(profiles[chain[chain.length - 1] ?? ""]?.extends ?? "");
  let resolved = unresolved;
  for (let i = chain.length - 1; i >= 0; i--) {
    const level = chain[i] as string;
    const own = closesAt < 0 || i <= closesAt;
    resolved = (own ? known.get(level) : undefined) ?? layered(resolved, chain.slice(i), profiles[level] as Profile);
    if (own) known.set(level, resolved);
  }
  return resolved;
}

/** `profile`'s settings laid over `base`'s: the profile system's shallow `//`, with `{ extend }` appending. */
function layered(base: ResolvedProfile, chain: readonly string[], profile: Profile): ResolvedProfile {
  // Object.assign, not a spread: V8 gives a spread copy that then gains keys a dictionary (~660 bytes
  // against ~180 for a 19-key record, node 20).
  const resolved: Record<SettingsSection, Record<string, unknown>> = {
    systemSettings: Object.assign({}, base.systemSettings),
    userSettings: Object.assign({}, base.userSettings),
  };
  for (const section of settingsSections) {
    const into = resolved[section];
    for (const [key, value] of Object.entries(profile[section])) {
      if (value === undefined) continue;
      if (!isMergeableList(section, key)) {
        into[key] = value;
        continue;
      }
      const { mode, entries } = listMerge(value as MergeableList<unknown>);
      const before = mode === "extend" && Array.isArray(into[key]) ? (into[key] as unknown[]) : [];
      // concat sizes the new list exactly; a spread into a literal leaves room to grow (~3 times the bytes).
      into[key] = before.concat(listValues(entries));
    }
  }
  return { chain, ...resolved };
}
