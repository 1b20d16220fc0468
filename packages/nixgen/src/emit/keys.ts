// The key registry (`keys.users`, `keys.hosts`, `keys.groups`) resolved to literal public keys.
import type { Keys } from "@homelab/schema";

/** Which part of the registry a name is bound in; users, hosts and groups share one `let`. */
export type KeyKind = "user" | "host" | "group";

export function keyKind(keys: Keys, name: string): KeyKind | undefined {
  if (Object.hasOwn(keys.users, name)) return "user";
  if (Object.hasOwn(keys.hosts, name)) return "host";
  if (Object.hasOwn(keys.groups, name)) return "group";
  return undefined;
}

/**
 * The public keys behind names and literal keys, in order, without repeats: a user name gives that
 * user's keys, a host its key, a group its members' keys (users and hosts, as the schema checks
 * require), and anything else is a literal key already.
 */
export function resolveKeys(keys: Keys, entries: readonly string[]): string[] {
  const expanded = entries.flatMap((entry) => (keyKind(keys, entry) === "group" ? (keys.groups[entry] ?? []) : [entry]));
  return [...new Set(expanded.flatMap((entry) => keysOf(keys, entry)))];
}

function keysOf(keys: Keys, entry: string): string[] {
  switch (keyKind(keys, entry)) {
    case "user":
      return [keys.users[entry] as string | string[]].flat();
    case "host":
      return [keys.hosts[entry] as string];
    default:
      return [entry];
  }
}
