// The rules that read every value of the config, profile settings and Nix values included: strings
// and keys no file can hold, integers Nix cannot take (writable.ts), and private keys (private-keys.ts).
// One walk feeds them all: a 1,000-machine config holds over 100,000 values. Issues come rule by rule
// (every unwritable value, then every private key), each rule's in the order of the walk.
import { isNixNode, type ValuePath } from "@homelab/nix";
import type { Issue } from "../issue.js";
import type { Check } from "./check-helpers.js";
import { privateKeyIn, privateKeyIssue } from "./private-keys.js";
import { unwritableNumber, unwritableText } from "./writable.js";

interface Found {
  readonly unwritable: Issue[];
  /** Keyed by path and message: one expression holding a key in several parts is reported once. */
  readonly privateKeys: Map<string, Issue>;
}

export const checkEveryValue: Check = (config) => {
  const found: Found = { unwritable: [], privateKeys: new Map() };
  walk(config, [], -1, found);
  return [...found.unwritable, ...found.privateKeys.values()];
};

/**
 * Visits every string, key and number below `value`. `path` is one array grown and shrunk along the
 * walk, copied into an issue. Inside a Nix expression a private key is reported at the expression
 * (`nodeAt` is the length of its path, -1 outside one): its internal fields mean nothing to the
 * person who wrote the config; a value no file can hold is reported where it is.
 */
function walk(value: unknown, path: (string | number)[], nodeAt: number, found: Found): void {
  switch (typeof value) {
    case "string": {
      const unwritable = unwritableText(value, path);
      if (unwritable !== undefined) found.unwritable.push(unwritable);
      privateKey(value, path, nodeAt < 0 ? path.length : nodeAt, found);
      return;
    }
    case "number":
    case "bigint": {
      const unwritable = unwritableNumber(value, path);
      if (unwritable !== undefined) found.unwritable.push(unwritable);
      return;
    }
    case "object": {
      if (value === null) return;
      const at = nodeAt < 0 && isNixNode(value) ? path.length : nodeAt;
      // An array's items only: a property besides them is never printed.
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) continue;
          path.push(i);
          walk(value[i], path, at, found);
          path.pop();
        }
        return;
      }
      for (const key of Object.keys(value)) {
        // A private key in a key is reported at its object (or expression).
        privateKey(key, path, at < 0 ? path.length : at, found);
        path.push(key);
        const unwritable = unwritableText(key, path);
        if (unwritable !== undefined) found.unwritable.push(unwritable);
        walk((value as Record<string, unknown>)[key], path, at, found);
        path.pop();
      }
    }
  }
}

/** A private key in `text`, reported at the first `length` items of `path`. */
function privateKey(text: string, path: ValuePath, length: number, found: Found): void {
  const what = privateKeyIn(text);
  if (what === undefined) return;
  const at = path.slice(0, length);
  found.privateKeys.set(JSON.stringify([at, what]), privateKeyIssue(what, at));
}
