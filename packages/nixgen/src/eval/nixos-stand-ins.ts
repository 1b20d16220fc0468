// The NixOS option stand-ins: rows of the NixOS option list (`name<TAB>type`, @homelab/schema's
// data/nixos-options.tsv) → the Nix function `{ lib, standIn, ... }: { <option tree> }` that
// nix/eval.nix declares as a module. Each type is the `lib.types` constructor its phrase was printed
// from (parseNixosType), built only from constructors that nixpkgs' lib and nix/lib-double.nix share.
//
// The list names the options of a submodule under its parent: `users.users.<name>.isNormalUser` is
// an option of the submodule in `users.users` (an attribute set of submodules), `….*.name` one of a
// list's. An option whose type takes arbitrary keys but has options listed below it is a submodule
// with that type as its freeform type, as NixOS declares it (`services.grafana.settings`, `nix.settings`).
import {
  attrs,
  bind,
  call,
  fn,
  id,
  ifThen,
  lambda,
  letIn,
  list,
  op,
  ref,
  str,
  update,
  type NixExpr,
} from "@homelab/nix";
import { optionPathTree, type CheckName, type RecursiveFormat } from "@homelab/schema/internal";
import { parseNixosType, type NixosType, type OptionNode as Node } from "@homelab/schema";

/**
 * ```nix
 * { lib, standIn, ... }:
 * let
 *   jsonValue = lib.types.nullOr (lib.types.oneOf [ … ]) // { description = "JSON value"; };
 * in
 * {
 *   networking.firewall.allowedTCPPorts = standIn "networking.firewall.allowedTCPPorts" (lib.types.listOf lib.types.port);
 * }
 * ```
 */
export function nixosStandIns(rows: readonly (readonly [string, string])[]): NixExpr {
  return fn(["lib", "standIn"], letIn(formatBindings(), optionTree(optionPathTree(rows))), { ellipsis: true });
}

/** The stand-in of one type phrase, for tests: `lib` and the format types must be in scope. */
export function standInType(phrase: string): NixExpr {
  return typeExpr(parseNixosType(phrase), undefined);
}

/** The let bindings `standInType`'s expressions may refer to. */
export function formatBindings() {
  return formats.map(([format, name]) => bind(name, formatType(format)));
}

const types = (name: string) => ref(`lib.types.${name}`);
const wildcards = new Set(["<name>", "*"]);

// pkgs/pkgs-lib/formats.nix: each is its own element type, so each is a recursive let binding.
const formats: readonly (readonly [RecursiveFormat, string])[] = [
  ["JSON value", "jsonValue"],
  ["YAML value", "yamlValue"],
  ["YAML 1.1 value", "yaml11Value"],
  ["YAML 1.2 value", "yaml12Value"],
  ["TOML value", "tomlValue"],
];

function formatType(format: RecursiveFormat): NixExpr {
  const self = id(formats.find(([f]) => f === format)?.[1] as string);
  const value = call(
    types("oneOf"),
    list([types("bool"), types("int"), types("float"), types("str"), types("path"), call(types("attrsOf"), self), call(types("listOf"), self)]),
  );
  return update(format === "TOML value" ? value : call(types("nullOr"), value), attrs({ description: format }));
}

function optionTree(node: Node): NixExpr {
  const names = [...node.children.keys()].filter((name) => !wildcards.has(name)).sort();
  return attrs(names.map((name) => bind([name], declaration(node.children.get(name) as Node))));
}

function declaration(node: Node): NixExpr {
  if (node.option === undefined) return optionTree(node);
  return call(id("standIn"), str(node.option.name), typeExpr(parseNixosType(node.option.type), node));
}

/** Options are listed below the node itself (not below `<name>` or `*`). */
function hasOptions(node: Node | undefined): boolean {
  return node !== undefined && [...node.children.keys()].some((name) => !wildcards.has(name));
}

/** The type, with the options listed below `node` placed in the submodules they belong to. */
function typeExpr(type: NixosType, node: Node | undefined): NixExpr {
  switch (type.kind) {
    case "listOf":
    case "nonEmptyListOf":
    case "attrsOf":
    case "lazyAttrsOf": {
      if (hasOptions(node)) return submodule(node, typeExpr(type, undefined));
      const below = node?.children.get(type.kind.endsWith("ListOf") ? "*" : "<name>");
      return call(types(type.kind), typeExpr(type.of, below));
    }
    case "nullOr":
      return call(types("nullOr"), typeExpr(type.of, node));
    case "either":
      return call(types("either"), typeExpr(type.left, node), typeExpr(type.right, node));
    case "coercedTo":
      return call(types("coercedTo"), typeExpr(type.from, undefined), coercion(type.from, type.to), typeExpr(type.to, node));
    case "submodule":
      return submodule(node, type.freeform === undefined ? undefined : typeExpr(type.freeform, undefined));
    default: {
      const leaf = leafExpr(type);
      return hasOptions(node) ? submodule(node, leaf) : leaf;
    }
  }
}

function submodule(node: Node | undefined, freeform: NixExpr | undefined): NixExpr {
  const options = node === undefined ? attrs({}) : optionTree(node);
  return call(
    types("submodule"),
    attrs([...(freeform === undefined ? [] : [bind("freeformType", freeform)]), bind("options", options)]),
  );
}

function leafExpr(type: NixosType): NixExpr {
  switch (type.kind) {
    case "named":
      return types(type.name);
    case "pairOf":
      // services.picom's pairOf: a list of exactly two.
      return call(types("addCheck"), call(types("listOf"), leafExpr(type.of)), lambda("l", op("==", call(ref("builtins.length"), id("l")), 2)));
    case "functionTo":
    case "passwdEntry":
      return call(types(type.kind), typeExpr(type.of, undefined));
    case "enum":
      return call(types("enum"), list(type.values));
    case "strMatching":
      return call(types("strMatching"), str(type.pattern));
    case "separatedString":
      return call(types("separatedString"), str(type.separator));
    case "intsBetween":
      return call(ref("lib.types.ints.between"), type.lowest, type.highest);
    case "numbersBetween":
      return call(ref("lib.types.numbers.between"), type.lowest, type.highest);
    case "addCheck":
      return call(types("addCheck"), typeExpr(type.of, undefined), checkExpr(type.check));
    case "format":
      return id(formats.find(([format]) => format === type.format)?.[1] as string);
    case "described":
      return update(typeExpr(type.of, undefined), attrs({ description: type.description }));
    case "custom":
      return update(typeExpr(type.standIn, undefined), attrs({ description: type.description }));
    case "unknown":
      // Never in the committed table (test/nixos-option-types.test.ts fails on one); rows passed in by hand may have one.
      return update(types("unspecified"), attrs({ description: type.description }));
    default:
      return typeExpr(type, undefined);
  }
}

/** The checks NixOS modules describe as `(with check: …)`, as the TypeScript checker reads them. */
function checkExpr(check: CheckName): NixExpr {
  const matches = (pattern: string, want: boolean) => op(want ? "!=" : "==", call(ref("builtins.match"), str(pattern), id("x")), null);
  switch (check) {
    case "non-empty":
      return lambda("x", matches("[ \t]*", false));
    case "non-empty without trailing slash":
      return lambda("x", op("&&", matches("[ \t]*", false), matches(".*/", false)));
    case "hexadecimal string":
      return lambda("x", matches("[0-9a-fA-F]*", true));
  }
}

/**
 * `coercedTo`'s function, which the manual does not print: the conversions NixOS modules use for the
 * target's shape (a value into a one-element list, a list into joined lines, a list of names into an
 * attribute set of them, a boolean into 0 or 1). Other pairs get the value unchanged, so a source
 * value that does not already fit the target is rejected: stricter than NixOS there, and Nix says so.
 */
function coercion(from: NixosType, to: NixosType): NixExpr {
  const target = to.kind === "described" || to.kind === "custom" ? (to.kind === "custom" ? to.standIn : to.of) : to;
  switch (target.kind) {
    case "listOf":
    case "nonEmptyListOf":
      return lambda("x", list([id("x")]));
    case "separatedString":
      return lambda("x", call(ref("builtins.concatStringsSep"), str(target.separator), id("x")));
    case "attrsOf":
    case "lazyAttrsOf": {
      if (!(from.kind === "listOf" && from.of.kind === "named" && from.of.name === "str")) return lambda("x", id("x"));
      const value = target.of.kind === "named" && target.of.name === "bool" ? true : attrs({});
      return lambda("x", call(ref("builtins.listToAttrs"), call(id("map"), lambda("name", attrs([bind("name", id("name")), bind("value", value)])), id("x"))));
    }
    case "intsBetween":
      return lambda("x", ifThen(op("==", id("x"), true), 1, 0));
    default:
      return lambda("x", id("x"));
  }
}
