// Evaluation returns attributes sorted by name; people wrote them in an order that means something
// (the base settings first, related ports together). The scan remembers it.
import { isNixExpr, type NixValue } from "@homelab/nix";
import { pathKey, type SourceScan } from "./nix-scan.js";

/** `names` in the order the file wrote them at `path`; names the scan did not see follow, as given. */
export function inSourceOrder(
  names: readonly string[],
  scan: SourceScan | undefined,
  path: readonly string[],
): string[] {
  const written = scan?.order.get(pathKey(path)) ?? [];
  const rank = (name: string): number => {
    const index = written.indexOf(name);
    return index === -1 ? written.length : index;
  };
  return names
    .map((name, i) => [name, i] as const)
    .sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j)
    .map(([name]) => name);
}

/** `value` with the keys of every attribute set in it in written order (list items share `path` + `[]`). */
export function inSourceOrderDeep(value: NixValue, scan: SourceScan | undefined, path: readonly string[]): NixValue {
  if (Array.isArray(value)) return value.map((item) => inSourceOrderDeep(item as NixValue, scan, [...path, "[]"]));
  if (typeof value !== "object" || value === null || isNixExpr(value)) return value;
  const record = value as { readonly [key: string]: NixValue };
  return Object.fromEntries(
    inSourceOrder(Object.keys(record), scan, path).map((key) => [
      key,
      inSourceOrderDeep(record[key] as NixValue, scan, [...path, key]),
    ]),
  );
}
