// Option declarations: `lib.mkOption { type; default; example; description; }` in nixpkgs' key order,
// with every type fully qualified (`lib.types.nullOr lib.types.str`), as nixpkgs modules write them.
import { attrs, bind, call, list, ref, type AttrsNode, type NixExpr, type NixValue } from "@homelab/nix";
import { isOptionGroup } from "@homelab/schema/internal";
import type { OptionSpec, OptionTree, OptionType } from "@homelab/schema";

/** `lib.types.port`, `lib.types.listOf (lib.types.attrsOf lib.types.str)`, `lib.types.enum [ "a" "b" ]` */
export function typeExpr(type: OptionType): NixExpr {
  if (typeof type === "string") return ref(`lib.types.${type}`);
  if ("enum" in type) return call(ref("lib.types.enum"), list([...type.enum]));
  if ("nullOr" in type) return call(ref("lib.types.nullOr"), typeExpr(type.nullOr));
  if ("listOf" in type) return call(ref("lib.types.listOf"), typeExpr(type.listOf));
  if ("attrsOf" in type) return call(ref("lib.types.attrsOf"), typeExpr(type.attrsOf));
  return call(ref("lib.types.submodule"), attrs([bind("options", optionsExpr(type.submodule))]));
}

/** `lib.mkOption { type = …; default = …; example = …; description = "…"; }` */
export function mkOption(spec: OptionSpec): NixExpr {
  // The model types `default` and `example` as unknown; the schema has already checked they are Nix values.
  const { default: fallback, example } = spec as { default?: NixValue; example?: NixValue };
  return call(
    ref("lib.mkOption"),
    attrs({ type: typeExpr(spec.type), default: fallback, example, description: spec.description }),
  );
}

/** `{ port = lib.mkOption { … }; cloudflareDns = { enable = lib.mkOption { … }; }; }`: groups nest. */
export function optionsExpr(tree: OptionTree): AttrsNode {
  return attrs(
    Object.entries(tree).map(([key, node]) => bind(key, isOptionGroup(node) ? optionsExpr(node.options) : mkOption(node))),
  );
}
