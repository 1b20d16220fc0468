// Whether a value is one `lib.types.<type>` accepts, checked before Nix ever sees it: option defaults
// and machines' overrides. Nix expressions pass: only Nix can evaluate them.
import { isNixExpr } from "@homelab/nix";
import { isOptionGroup, type OptionTree, type OptionType } from "./module.js";
import { didYouMean } from "./suggest.js";

export interface TypeMismatch {
  /** Where inside the value the mismatch is: `[]` for the value itself, `[1]` for a list's second item. */
  readonly path: readonly (string | number)[];
  /** One line about the value at `path`: `70000 does not fit type port (an integer 0–65535)`. */
  readonly reason: string;
}

export function valueFitsType(value: unknown, type: OptionType): boolean {
  return typeMismatch(value, type) === undefined;
}

/** The first place where `value` does not fit `type`, or undefined when it fits. */
export function typeMismatch(value: unknown, type: OptionType): TypeMismatch | undefined {
  return mismatchAt(value, type, []);
}

/** `lib.types` spelling of a type: `port`, `nullOr str`, `listOf (nullOr port)`, `enum [ "a" "b" ]`. */
export function describeType(type: OptionType): string {
  if (typeof type === "string") return type;
  if ("enum" in type) return `enum [ ${type.enum.map((v) => JSON.stringify(v)).join(" ")} ]`;
  if ("submodule" in type) return "submodule";
  const [wrapper, inner] =
    "nullOr" in type ? ["nullOr", type.nullOr] : "listOf" in type ? ["listOf", type.listOf] : ["attrsOf", type.attrsOf];
  const innerText = describeType(inner);
  return `${wrapper} ${typeof inner === "string" ? innerText : `(${innerText})`}`;
}

/** Short JSON-ish text of a value for messages, cut at 40 characters. */
export function showValue(value: unknown): string {
  if (typeof value === "function") return "a function";
  const text = typeof value === "bigint" ? String(value) : shownAsJson(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

// A TypeScript config can hold what JSON cannot write: a bigint inside a set (shown as its digits) or a
// set that contains itself. Showing the value must never be what fails the run.
function shownAsJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? String(item) : item)) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

const scalarExpectation: Record<Exclude<OptionType, object>, string> = {
  bool: "true or false",
  str: "a string",
  lines: "a string",
  int: "an integer",
  float: "a number with a fraction; write float(n) from @homelab/nix for a whole number",
  port: "an integer 0–65535",
  path: "an absolute path: a string starting with / or path(…) from @homelab/nix",
  package: 'a package: an expression such as ref("pkgs.nginx")',
  attrs: "an attribute set",
  anything: "anything",
};

function mismatchAt(value: unknown, type: OptionType, path: (string | number)[]): TypeMismatch | undefined {
  if (isNixExpr(value)) return undefined;
  if (typeof type === "string") {
    return fitsScalar(value, type)
      ? undefined
      : { path, reason: `${showValue(value)} does not fit type ${type} (${scalarExpectation[type]})` };
  }
  if ("enum" in type) {
    return type.enum.some((member) => member === value)
      ? undefined
      : {
          path,
          reason: `${showValue(value)} does not fit type ${describeType(type)}${typeof value === "string" ? didYouMean(value, type.enum.map(String)) : ""}`,
        };
  }
  if ("nullOr" in type) return value === null ? undefined : mismatchAt(value, type.nullOr, path);
  if ("listOf" in type) {
    if (!Array.isArray(value))
      return { path, reason: `${showValue(value)} does not fit type ${describeType(type)} (a list)` };
    for (const [i, item] of value.entries()) {
      const found = mismatchAt(item, type.listOf, [...path, i]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isAttrs(value))
    return { path, reason: `${showValue(value)} does not fit type ${describeType(type)} (an attribute set)` };
  if ("attrsOf" in type) {
    for (const [key, item] of Object.entries(value)) {
      const found = item === undefined ? undefined : mismatchAt(item, type.attrsOf, [...path, key]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return submoduleMismatch(value, type.submodule, path);
}

function submoduleMismatch(
  value: Record<string, unknown>,
  tree: OptionTree,
  path: (string | number)[],
): TypeMismatch | undefined {
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const option = tree[key];
    if (option === undefined) {
      return {
        path: [...path, key],
        reason: `${JSON.stringify(key)} is not an option of the submodule${didYouMean(key, Object.keys(tree))}`,
      };
    }
    const at = [...path, key];
    let found: TypeMismatch | undefined;
    if (!isOptionGroup(option)) found = mismatchAt(item, option.type, at);
    else if (isAttrs(item)) found = submoduleMismatch(item, option.options, at);
    else if (!isNixExpr(item))
      found = { path: at, reason: `${showValue(item)} does not fit option group ${key} (an attribute set)` };
    if (found !== undefined) return found;
  }
  return undefined;
}

function fitsScalar(value: unknown, type: Exclude<OptionType, object>): boolean {
  switch (type) {
    case "bool":
      return typeof value === "boolean";
    case "str":
    case "lines":
      return typeof value === "string";
    case "int":
      return typeof value === "bigint" || Number.isInteger(value);
    case "float":
      return typeof value === "number" && !Number.isInteger(value);
    case "port":
      return (
        (typeof value === "number" || typeof value === "bigint") &&
        Number.isInteger(Number(value)) &&
        Number(value) >= 0 &&
        Number(value) <= 65535
      );
    case "path":
      return typeof value === "string" && value.startsWith("/");
    case "package":
      return false;
    case "attrs":
      return isAttrs(value);
    case "anything":
      return true;
  }
}

export function isAttrs(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isNixExpr(value);
}
