// NixOS option types as the NixOS manual (and so nixos-options.tsv) spells them, read back into the
// `lib.types` they were printed from. The manual's phrases come from nixpkgs' `optionDescriptionPhrase`
// (lib/types.nix), which parenthesises a nested type whenever it would read ambiguously, so a small
// recursive reader recovers the structure. A phrase it does not know becomes a JSON value: it accepts
// what NixOS would and more, which is the honest direction for a stand-in.

export type OptionType =
  | { readonly kind: "named"; readonly name: NamedType }
  | { readonly kind: "json"; readonly description: string }
  | { readonly kind: "listOf" | "nonEmptyListOf" | "attrsOf" | "nullOr"; readonly of: OptionType }
  | { readonly kind: "either"; readonly left: OptionType; readonly right: OptionType }
  | { readonly kind: "enum"; readonly values: readonly (string | number | boolean)[] }
  | { readonly kind: "strMatching"; readonly pattern: string }
  | { readonly kind: "between"; readonly lowest: number; readonly highest: number }
  | { readonly kind: "submodule"; readonly freeform?: OptionType };

/** `lib.types.<name>` in both the real lib and the double. */
export type NamedType =
  | "bool"
  | "str"
  | "nonEmptyStr"
  | "int"
  | "float"
  | "port"
  | "path"
  | "package"
  | "lines"
  | "attrs"
  | "anything"
  | "unspecified"
  | "ints.unsigned"
  | "ints.positive";

const named: Readonly<Record<string, NamedType>> = {
  boolean: "bool",
  string: "str",
  "non-empty string": "nonEmptyStr",
  "signed integer": "int",
  "floating point number": "float",
  "16 bit unsigned integer; between 0 and 65535 (both inclusive)": "port",
  "absolute path": "path",
  path: "path",
  package: "package",
  'strings concatenated with "\\n"': "lines",
  "attribute set": "attrs",
  anything: "anything",
  "unspecified value": "unspecified",
  "unsigned integer, meaning >=0": "ints.unsigned",
  "positive integer, meaning >0": "ints.positive",
};

const prefixes = [
  ["null or ", "nullOr"],
  ["list of ", "listOf"],
  ["attribute set of ", "attrsOf"],
  ["lazy attribute set of ", "attrsOf"],
] as const;

export function parseOptionType(text: string): OptionType {
  const phrase = text.trim();
  const known = named[phrase];
  if (known !== undefined) return { kind: "named", name: known };
  if (phrase === "submodule") return { kind: "submodule" };
  // `nullOr` first: `null or string or signed integer` is nullOr (either str int).
  if (phrase.startsWith("null or ")) return { kind: "nullOr", of: parseOptionType(phrase.slice("null or ".length)) };
  const or = splitTopLevel(phrase);
  if (or !== undefined) return { kind: "either", left: parseOptionType(or[0]), right: parseOptionType(or[1]) };
  if (isWrapped(phrase)) return parseOptionType(phrase.slice(1, -1));
  for (const [prefix, kind] of prefixes) {
    if (phrase.startsWith(prefix)) return { kind, of: parseOptionType(phrase.slice(prefix.length)) };
  }
  if (phrase.startsWith("non-empty (list of ") && phrase.endsWith(")")) {
    return { kind: "nonEmptyListOf", of: parseOptionType(phrase.slice("non-empty (list of ".length, -1)) };
  }
  if (phrase.startsWith("open submodule of ")) {
    return { kind: "submodule", freeform: parseOptionType(phrase.slice("open submodule of ".length)) };
  }
  // `string (with check: non-empty)`: the check is not reproduced, the base type is.
  const checked = /^(.*) \(with check: [^()]*\)$/.exec(phrase);
  if (checked?.[1] !== undefined) return parseOptionType(checked[1]);
  const coerced = /^(.*) convertible to it$/.exec(phrase);
  if (coerced?.[1] !== undefined) return parseOptionType(coerced[1]);
  const matching = /^string matching the pattern (.*)$/.exec(phrase);
  if (matching?.[1] !== undefined) return { kind: "strMatching", pattern: matching[1] };
  const between = /^integer between (-?\d+) and (-?\d+) \(both inclusive\)$/.exec(phrase);
  if (between?.[1] !== undefined && between[2] !== undefined) {
    return { kind: "between", lowest: Number(between[1]), highest: Number(between[2]) };
  }
  const values = enumValues(phrase);
  if (values !== undefined) return { kind: "enum", values };
  return { kind: "json", description: phrase };
}

/** `A or B` and `A, or B` at the top level (outside parentheses and quotes), split at the first. */
function splitTopLevel(phrase: string): [string, string] | undefined {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < phrase.length; i += 1) {
    const c = phrase[i];
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if (c === "(") depth += 1;
    if (c === ")") depth -= 1;
    if (depth !== 0) continue;
    for (const separator of [", or ", " or "]) {
      if (phrase.startsWith(separator, i)) return [phrase.slice(0, i), phrase.slice(i + separator.length)];
    }
  }
  return undefined;
}

/** `(…)` where the opening parenthesis closes at the very end. */
function isWrapped(phrase: string): boolean {
  if (!phrase.startsWith("(") || !phrase.endsWith(")")) return false;
  let depth = 0;
  for (let i = 0; i < phrase.length; i += 1) {
    if (phrase[i] === "(") depth += 1;
    if (phrase[i] === ")") depth -= 1;
    if (depth === 0 && i < phrase.length - 1) return false;
  }
  return true;
}

/** `one of "a", "b", 3` and `value "a" (singular enum)`. */
function enumValues(phrase: string): (string | number | boolean)[] | undefined {
  const list = /^one of (.*)$/.exec(phrase)?.[1] ?? /^value (.*) \(singular enum\)$/.exec(phrase)?.[1];
  if (list === undefined) return undefined;
  const items = list.match(/"(?:[^"\\]|\\.)*"|-?\d+|true|false/g) ?? [];
  // Every character must belong to an item or a separator, or this was not an enum after all.
  if (items.join(", ") !== list) return undefined;
  return items.map((item) => (item.startsWith('"') ? item.slice(1, -1) : item === "true" ? true : item === "false" ? false : Number(item)));
}
