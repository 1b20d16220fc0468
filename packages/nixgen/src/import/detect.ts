// Which kind of homelab file an evaluated value is, told by its shape: agenix rules have only
// `"<name>.age"` attributes, a profile has `systemSettings` or `userSettings`, and a hosts.nix maps
// names to machines (attribute sets), with `_`-prefixed metadata beside them.
import type { FileKind } from "../emit/output-layout.js";
import { describe, isAttrs, type NixData } from "./nix-data.js";

/** The kinds of file `import` reads. */
export type ImportKind = Extract<FileKind, "hosts" | "profile" | "secrets">;

// Most specific first: a profile's systemSettings would pass for a machine (it has a hostname).
const detectionOrder: readonly ImportKind[] = ["secrets", "profile", "hosts"];

const shapes: Record<ImportKind, string> = {
  hosts: "a hosts.nix (machines by name: { doc2 = { hostname = …; proxmox = { … }; }; })",
  profile: "a profile ({ systemSettings = { … }; userSettings = { … }; })",
  secrets: 'an agenix secrets.nix ({ "<name>.age".publicKeys = [ … ]; })',
};

/** The kind of `value`, or why it is none: the message says what it is and what was expected. */
export function detectKind(value: NixData, wanted: ImportKind | "auto"): ImportKind | { readonly problem: string } {
  const kinds = wanted === "auto" ? detectionOrder : [wanted];
  // A kind the user named is taken at its word: its mapper says precisely what does not fit.
  const found = wanted === "auto" ? kinds.find((kind) => looksLike[kind](value)) : isAttrs(value) ? wanted : undefined;
  if (found !== undefined) return found;
  const expected = kinds.map((kind) => shapes[kind]).join(", or ");
  return { problem: `evaluates to ${describe(value)}${isAttrs(value) ? " of another shape" : ""}, not ${expected}` };
}

const looksLike: Record<ImportKind, (value: NixData) => boolean> = {
  secrets: (value) => {
    if (!isAttrs(value)) return false;
    const names = Object.keys(value);
    return (
      names.length > 0 &&
      names.every((name) => name.endsWith(".age") && isAttrs(value[name]) && "publicKeys" in (value[name] as object))
    );
  },
  profile: (value) => isAttrs(value) && (isAttrs(value["systemSettings"]) || isAttrs(value["userSettings"])),
  hosts: (value) => {
    if (!isAttrs(value)) return false;
    const machines = Object.entries(value).filter(([name]) => !name.startsWith("_"));
    // Some, not all: the mapper names the entry that is no machine.
    return machines.some(([, entry]) => isMachineLike(entry));
  },
};

const MACHINE_KEYS = ["hostname", "configurationFile", "proxmox", "user", "authorizedKeys", "system", "kind"];

function isMachineLike(entry: NixData): boolean {
  return isAttrs(entry) && MACHINE_KEYS.some((key) => key in entry);
}
