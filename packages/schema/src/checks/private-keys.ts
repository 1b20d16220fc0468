// The config is committed and printed into generated files; a private key pasted into it (an age
// identity, an SSH or TLS key) would leak. Every string is searched, inside Nix expressions too
// (checks/every-value.ts walks the config and asks this for each string and key).
import type { ValuePath } from "@homelab/nix";
import { issue, type Issue } from "../issue.js";

const privateKeys: readonly [pattern: RegExp, what: string][] = [
  [/AGE-SECRET-KEY-1[0-9A-Z]{10,}/, "an age secret key"],
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, "a PEM/OpenSSH private key"],
];

// Every pattern at once: one search of each of a config's strings (hundreds of thousands) finds none.
const anyPrivateKey = new RegExp(privateKeys.map(([pattern]) => pattern.source).join("|"));

/** What private key `text` holds ("an age secret key"), if any. */
export function privateKeyIn(text: string): string | undefined {
  return anyPrivateKey.test(text) ? privateKeys.find(([pattern]) => pattern.test(text))?.[1] : undefined;
}

export function privateKeyIssue(what: string, path: ValuePath): Issue {
  return issue("private-key", path, `refusing private key material (${what}): the config holds public keys only`);
}
