// The key registry: users, hosts and groups share one namespace (secrets/secrets.nix binds them all in
// one `let`), groups list user and host keys, and users' authorized keys name keys or are keys.
import type { ValuePath } from "@homelab/nix";
import type { Keys } from "../secrets.js";
import { issue, type Issue } from "../issue.js";
import { didYouMean } from "../suggest.js";
import { keyKind, reachableKeyNames } from "../key-names.js";
import { looksLikePublicKey, publicKeyProblem } from "../public-key/parse.js";
import type { Check } from "./check-helpers.js";

export const checkKeyNames: Check = (config) => {
  const { users, hosts, groups } = config.keys;
  const found: Issue[] = [];
  for (const name of Object.keys(hosts)) {
    if (Object.hasOwn(users, name))
      found.push(issue("duplicate-key-name", ["keys", "hosts", name], `key name "${name}" is also in keys.users`));
  }
  for (const name of Object.keys(groups)) {
    const other = Object.hasOwn(users, name) ? "keys.users" : Object.hasOwn(hosts, name) ? "keys.hosts" : undefined;
    if (other !== undefined)
      found.push(issue("duplicate-key-name", ["keys", "groups", name], `key name "${name}" is also in ${other}`));
  }
  return found;
};

export const checkGroupMembers: Check = (config) => {
  const { users, hosts, groups } = config.keys;
  const keyNames = [...Object.keys(users), ...Object.keys(hosts)];
  return Object.entries(groups).flatMap(([group, members]) =>
    members.flatMap((member, i): Issue[] => {
      if (keyNames.includes(member)) return [];
      const at = ["keys", "groups", group, i];
      return Object.hasOwn(groups, member)
        ? [issue("unknown-group-member", at, `"${member}" is a group; groups list user and host keys only`)]
        : [
            issue(
              "unknown-group-member",
              at,
              `"${member}" is not in keys.users or keys.hosts${didYouMean(member, keyNames)}`,
            ),
          ];
    }),
  );
};

export const checkAuthorizedKeys: Check = (config) => {
  const names = [...Object.keys(config.keys.users), ...Object.keys(config.keys.groups)];
  return Object.entries(config.machines).flatMap(([machine, { users }]) =>
    Object.entries(users).flatMap(([user, { authorizedKeys }]) =>
      authorizedKeys.flatMap((entry, i): Issue[] => {
        const at = ["machines", machine, "users", user, "authorizedKeys", i];
        if (names.includes(entry)) return [];
        if (looksLikePublicKey(entry)) return keyIssues("authorized key", entry, at);
        return [
          issue(
            "unknown-authorized-key",
            at,
            `"${entry}" is neither a name in keys.users or keys.groups nor a public key${didYouMean(entry, names)}`,
          ),
        ];
      }),
    ),
  );
};

/** Every public key in the registry, read field by field (the schema only checked its shape). */
export const checkRegistryKeys: Check = (config) => {
  const { users, hosts } = config.keys;
  return [
    ...Object.entries(users).flatMap(([user, given]) =>
      typeof given === "string"
        ? keyIssues(`key "${user}"`, given, ["keys", "users", user])
        : given.flatMap((key, i) => keyIssues(`key "${user}"`, key, ["keys", "users", user, i])),
    ),
    ...Object.entries(hosts).flatMap(([host, key]) => keyIssues(`host key "${host}"`, key, ["keys", "hosts", host])),
  ];
};

/** Literal keys in profiles' `systemSettings.authorizedKeys` (plain, `{ extend }` or `{ replace }` lists). */
export const checkProfileKeys: Check = (config) =>
  Object.entries(config.profiles).flatMap(([profile, { systemSettings }]) =>
    listStrings(systemSettings["authorizedKeys"], ["profiles", profile, "systemSettings", "authorizedKeys"]).flatMap(
      ([entry, at]) => (looksLikePublicKey(entry) ? keyIssues("authorized key", entry, at) : []),
    ),
  );

function keyIssues(what: string, key: string, at: ValuePath): Issue[] {
  const problem = publicKeyProblem(key);
  return problem === undefined ? [] : [issue("public-key", at, `${what}: ${problem}`)];
}

/** The strings of a mergeable list setting, each with its path; anything else (a Nix expression) is skipped. */
function listStrings(value: unknown, at: ValuePath): [string, ValuePath][] {
  if (typeof value === "string") return [[value, at]];
  if (Array.isArray(value)) return value.flatMap((item, i) => listStrings(item, [...at, i]));
  if (typeof value !== "object" || value === null) return [];
  for (const key of ["extend", "replace", "items"]) {
    if (key in value) return listStrings((value as Record<string, unknown>)[key], [...at, key]);
  }
  return [];
}

/** The user and host key names behind recipient names, groups expanded. */
export function expandKeyNames(keys: Keys, names: readonly string[]): Set<string> {
  return new Set(reachableKeyNames(keys, names).filter((name) => keyKind(keys, name) !== "group"));
}
