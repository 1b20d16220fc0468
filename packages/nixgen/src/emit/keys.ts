// The key registry (`keys.users`, `keys.hosts`, `keys.groups`) resolved to literal public keys.
import { keyKind, reachableKeyNames } from "@homelab/schema/internal";
import type { Keys } from "@homelab/schema";

/**
 * The public keys behind names and literal keys, in order, without repeats: a user name gives that
 * user's keys, a host its key, a group its members' keys, and anything else is a literal key already.
 */
export function resolveKeys(keys: Keys, entries: readonly string[]): string[] {
  return [...new Set(reachableKeyNames(keys, entries).flatMap((entry) => keysOf(keys, entry)))];
}

function keysOf(keys: Keys, entry: string): string[] {
  switch (keyKind(keys, entry)) {
    case "user":
      return [keys.users[entry] as string | string[]].flat();
    case "host":
      return [keys.hosts[entry] as string];
    case "group":
      return [];
    default:
      return [entry];
  }
}
