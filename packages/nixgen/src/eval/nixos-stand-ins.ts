// The NixOS option stand-ins: rows of nixos-options.tsv (`name<TAB>type`) → the Nix function
// `{ lib, standIn, formats }: { <option tree> }` that nix/eval.nix declares as a module.
//
// The TSV lists the options of a submodule under its parent: `users.users.<name>.isNormalUser` is
// an option of the submodule in `users.users` (an attribute set of submodules), `….*.name` one of a
// list's. An option whose type takes arbitrary keys but has options listed below it is a submodule
// with that type as its freeform type, as NixOS declares it (`services.grafana.settings`, `nix.settings`).
import { attrs, bind, call, id, list, ref, str, fn, type NixExpr } from "@homelab/nix";
import { optionTree as optionPathTree, type OptionNode as Node } from "./option-rows.js";
import { parseOptionType, type OptionType } from "./option-types.js";

/**
 * ```nix
 * { lib, standIn, formats }:
 * {
 *   networking.firewall.allowedTCPPorts = standIn "networking.firewall.allowedTCPPorts" (lib.types.listOf lib.types.port);
 * }
 * ```
 */
export function nixosStandIns(rows: readonly (readonly [string, string])[]): NixExpr {
  return fn(["lib", "standIn", "formats"], optionTree(optionPathTree(rows)));
}

const wildcards = new Set(["<name>", "*"]);

function optionTree(node: Node): NixExpr {
  const names = [...node.children.keys()].filter((name) => !wildcards.has(name)).sort();
  return attrs(names.map((name) => bind([name], declaration(node.children.get(name) as Node))));
}

function declaration(node: Node): NixExpr {
  if (node.option === undefined) return optionTree(node);
  return call(id("standIn"), str(node.option.name), typeExpr(parseOptionType(node.option.type), node));
}

/** The type, with the options listed below `node` placed in the submodules they belong to. */
function typeExpr(type: OptionType, node: Node | undefined): NixExpr {
  const types = (name: string) => ref(`lib.types.${name}`);
  switch (type.kind) {
    case "listOf":
    case "nonEmptyListOf":
      if (hasOptions(node)) return submodule(node, typeExpr(type, undefined));
      return call(types(type.kind), typeExpr(type.of, node?.children.get("*")));
    case "attrsOf":
      if (hasOptions(node)) return submodule(node, typeExpr(type, undefined));
      return call(types("attrsOf"), typeExpr(type.of, node?.children.get("<name>")));
    case "nullOr":
      return call(types("nullOr"), typeExpr(type.of, node));
    case "either":
      return call(types("either"), typeExpr(type.left, node), typeExpr(type.right, node));
    case "submodule":
      return submodule(node, type.freeform === undefined ? undefined : leafExpr(type.freeform));
    default: {
      const leaf = leafExpr(type);
      return hasOptions(node) ? submodule(node, leaf) : leaf;
    }
  }
}

/** Options are listed below the node itself (not below `<name>` or `*`). */
function hasOptions(node: Node | undefined): boolean {
  return node !== undefined && [...node.children.keys()].some((name) => !wildcards.has(name));
}

function submodule(node: Node | undefined, freeform: NixExpr | undefined): NixExpr {
  const options = node === undefined ? attrs({}) : optionTree(node);
  return call(
    ref("lib.types.submodule"),
    attrs([...(freeform === undefined ? [] : [bind("freeformType", freeform)]), bind("options", options)]),
  );
}

function leafExpr(type: OptionType): NixExpr {
  const types = (name: string) => ref(`lib.types.${name}`);
  switch (type.kind) {
    case "named":
      return types(type.name);
    case "json":
      return ref("formats.json");
    case "enum":
      return call(types("enum"), list(type.values));
    case "strMatching":
      return call(types("strMatching"), str(type.pattern));
    case "between":
      return call(ref("lib.types.ints.between"), type.lowest, type.highest);
    default:
      return typeExpr(type, undefined);
  }
}
