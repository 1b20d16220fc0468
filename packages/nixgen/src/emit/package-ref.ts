// Package lists as `with pkgs; [ vim git ]`, written so that every name really reaches `pkgs`.
import { id, list, select, withScope, type ListItem, type NixExpr } from "@homelab/nix";

// Nix builtins in global scope capture a name before `with pkgs;` is consulted, and keywords cannot be
// variables at all: such packages are written `pkgs.<name>`.
const NOT_FROM_WITH: ReadonlySet<string> = new Set([
  "builtins",
  "abort",
  "baseNameOf",
  "derivation",
  "dirOf",
  "false",
  "fetchGit",
  "fetchMercurial",
  "fetchTarball",
  "fetchTree",
  "fromTOML",
  "import",
  "isNull",
  "map",
  "null",
  "placeholder",
  "removeAttrs",
  "scopedImport",
  "throw",
  "toString",
  "true",
  "if",
  "then",
  "else",
  "assert",
  "with",
  "let",
  "in",
  "rec",
  "inherit",
  "or",
]);

/**
 * `vim`, `python3Packages.requests`; `pkgs.map` where a bare name would not reach `pkgs`: a builtin, a
 * keyword, or one of `lexical`, the names the enclosing function and `let` bind (`config`, `lib`, `base`…).
 * A name that starts with a package set in scope (`pkgs-unstable.atuin`) is taken from that set as written.
 */
export function packageRef(name: string, lexical: ReadonlySet<string>): NixExpr {
  const [head = name, ...rest] = name.split(".");
  if (PACKAGE_SETS.has(head) && lexical.has(head) && rest.length > 0) return select(id(head), rest);
  if (NOT_FROM_WITH.has(head) || lexical.has(head)) return select(id("pkgs"), [head, ...rest]);
  return rest.length === 0 ? id(head) : select(id(head), rest);
}

const PACKAGE_SETS: ReadonlySet<string> = new Set(["pkgs", "pkgs-unstable"]);

/** `with pkgs; [ … ]` of package names (or of list items already built from them). */
export function withPkgs(items: readonly (NixExpr | ListItem)[]): NixExpr {
  return withScope(id("pkgs"), list(items));
}
