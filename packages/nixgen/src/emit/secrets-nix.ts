// secrets/secrets.nix: the agenix rules file, read only by the agenix CLI. Keys are bound once in a
// `let` (one line per host key: install scripts rewrite that line), groups are referenced by name, and
// each secret is encrypted to exactly its recipients.
import { bind, concat, id, letIn, list, printFile, attrs, type NixExpr } from "@homelab/nix";
import { keyKind, reachableKeyNames } from "@homelab/schema/internal";
import type { HomelabConfig, Keys } from "@homelab/schema";
import { headerLines } from "./header.js";
import { secretsPath } from "./output-layout.js";

import type { Emitter } from "./types.js";

export const emitSecretsNix: Emitter = (ctx) =>
  Object.keys(ctx.config.secrets).length === 0
    ? []
    : [
        {
          path: secretsPath,
          kind: "secrets",
          // No width limit: a key binding must stay on one line, however long the key, for the scripts that rewrite it.
          render: () => printFile(secretsNixExpr(ctx.config), { header: headerLines(ctx), width: Number.POSITIVE_INFINITY }),
        },
      ];

/**
 * ```nix
 * let
 *   admin = "ssh-ed25519 AAAA…";
 *   frame1 = "ssh-ed25519 AAAA…";
 *   admins = [ admin ];
 * in
 * {
 *   "grafana-admin-password.age".publicKeys = admins ++ [ frame1 ];
 * }
 * ```
 */
export function secretsNixExpr(config: HomelabConfig): NixExpr {
  const { keys } = config;
  const rules = attrs(
    Object.entries(config.secrets).flatMap(([name, secret]) => {
      const file = secret.file ?? `${name}.age`;
      // Other attributes of the rule (agenix's `armor`), passed through as they were imported.
      const extra = Object.entries(secret.agenix ?? {}).map(([key, value]) => bind([file, key], value));
      const comments = secret.description === undefined ? {} : { comment: secret.description };
      return [bind([file, "publicKeys"], keyList(keys, secret.recipients), comments), ...extra];
    }),
  );
  const used = new Set(reachableKeyNames(keys, Object.values(config.secrets).flatMap((secret) => secret.recipients)));
  // Users first, then hosts, then groups (which refer to both); each in the registry's order.
  const lets = [
    ...Object.entries(keys.users).flatMap(([name, key]) => (used.has(name) ? [bind(name, key)] : [])),
    ...Object.entries(keys.hosts).flatMap(([name, key]) => (used.has(name) ? [bind(name, key)] : [])),
    ...Object.entries(keys.groups).flatMap(([name, members]) => (used.has(name) ? [bind(name, keyList(keys, members))] : [])),
  ];
  return lets.length === 0 ? rules : letIn(lets, rules);
}

/**
 * The keys behind `names` as one flat list (agenix reads a list of strings): single keys gather
 * into list literals, names bound to lists (groups, users with several keys) join with `++`.
 */
function keyList(keys: Keys, names: readonly string[]): NixExpr {
  const segments: NixExpr[] = [];
  let singles: string[] = [];
  const flush = (): void => {
    if (singles.length > 0) segments.push(list(singles.map(id)));
    singles = [];
  };
  for (const name of names) {
    if (isListBinding(keys, name)) {
      flush();
      segments.push(id(name));
    } else singles.push(name);
  }
  flush();
  const [first = list([]), ...rest] = segments;
  return rest.reduce<NixExpr>((acc, segment) => concat(acc, segment), first);
}

function isListBinding(keys: Keys, name: string): boolean {
  switch (keyKind(keys, name)) {
    case "group":
      return true;
    case "user":
      return Array.isArray(keys.users[name]);
    case "host":
      return false;
    case undefined:
      throw new Error(`key ${name} is not in keys.users, keys.hosts or keys.groups (the schema checks refuse this)`);
  }
}
