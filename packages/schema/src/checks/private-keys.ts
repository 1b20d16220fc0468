// The config is committed and printed into generated files; a private key pasted into it (an age
// identity, an SSH or TLS key) would leak. Every string is searched, inside Nix expressions too.
import { isNixNode, type ValuePath } from "@homelab/nix";
import { issue, type Issue } from "../issue.js";
import type { Check } from "./check-helpers.js";

const privateKeys: readonly [pattern: RegExp, what: string][] = [
  [/AGE-SECRET-KEY-1[0-9A-Z]{10,}/, "an age secret key"],
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, "a PEM/OpenSSH private key"],
];

export const checkPrivateKeys: Check = (config) => {
  // Keyed by path and message: one expression holding a key in several parts is reported once.
  const found = new Map<string, Issue>();
  walkStrings(config, [], (text, path) => {
    const what = privateKeys.find(([pattern]) => pattern.test(text))?.[1];
    if (what === undefined) return;
    const refused = issue(
      "private-key",
      [...path],
      `refusing private key material (${what}): the config holds public keys only`,
    );
    found.set(JSON.stringify([path, what]), refused);
  });
  return [...found.values()];
};

/**
 * Calls `visit` with every string in `value` (keys included) and the path to it. Inside a Nix
 * expression the path stays at the expression: its internal fields mean nothing to the person who
 * wrote the config. `path` is one array grown and shrunk along the walk (a config has hundreds of
 * thousands of strings): `visit` copies it if it keeps it.
 */
function walkStrings(
  value: unknown,
  path: (string | number)[],
  visit: (text: string, path: ValuePath) => void,
  inNode = false,
): void {
  if (typeof value === "string") visit(value, path);
  else if (typeof value === "object" && value !== null) {
    const node = inNode || isNixNode(value);
    const array = Array.isArray(value);
    for (const [key, item] of Object.entries(value)) {
      if (!array) visit(key, path);
      if (node) walkStrings(item, path, visit, node);
      else {
        path.push(array ? Number(key) : key);
        walkStrings(item, path, visit, node);
        path.pop();
      }
    }
  }
}
