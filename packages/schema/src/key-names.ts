// Names in the key registry: users, hosts and groups share one namespace (one `let` in secrets.nix),
// and a group stands for its members.
import type { Keys } from "./secrets.js";

export type KeyKind = "user" | "host" | "group";

/** Which part of the registry binds `name`; undefined for a literal key or an unknown name. */
export function keyKind(keys: Keys, name: string): KeyKind | undefined {
  if (Object.hasOwn(keys.users, name)) return "user";
  if (Object.hasOwn(keys.hosts, name)) return "host";
  if (Object.hasOwn(keys.groups, name)) return "group";
  return undefined;
}

/**
 * Every name reached from `roots`, each once, in reading order: a group comes before its members.
 * Anything that is not a group (a user, a host, a literal key) is reached as itself.
 */
export function reachableKeyNames(keys: Keys, roots: readonly string[]): string[] {
  const reached = new Set<string>();
  const visit = (name: string): void => {
    if (reached.has(name)) return;
    reached.add(name);
    if (keyKind(keys, name) === "group") (keys.groups[name] ?? []).forEach(visit);
  };
  roots.forEach(visit);
  return [...reached];
}
