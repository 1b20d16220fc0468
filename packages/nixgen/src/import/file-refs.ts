// Values read from a file the import was not given (`secrets = import ../secrets/domains.nix;`) are
// never copied: nix/import-evaluate.nix answers such an import with references, and they come back
// here as the expression that reads the value where it is, `(import ../secrets/domains.nix).domain`
// (inside a string, `"https://${(import ../secrets/domains.nix).domain}"`).
import { call, id, path, select, str, type NixExpr } from "@homelab/nix";

/** `(import <file>).a.b`, the file written relative to `dir` as the evaluated file's paths are. */
export function fileRef(file: string, at: readonly string[], relativePath: (absolute: string) => string): NixExpr {
  const imported = call(id("import"), path(relativePath(file)));
  return at.length === 0 ? imported : select(imported, at);
}

const TOKEN = /@nixgen-ref\(([^|)]*)\|([^)]*)\)@/g;

/** A string with reference tokens (from `"${secrets.domain}"`) as a string expression; others as they are. */
export function stringWithRefs(text: string, relativePath: (absolute: string) => string): string | NixExpr {
  if (!text.includes("@nixgen-ref(")) return text;
  const parts: (string | NixExpr)[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    parts.push(text.slice(last, match.index));
    const at = match[2] === "" ? [] : (match[2] as string).split(".");
    parts.push(fileRef(match[1] as string, at, relativePath));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return str(...parts.filter((part) => part !== ""));
}
