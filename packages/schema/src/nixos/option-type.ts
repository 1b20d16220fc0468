// NixOS option types as the NixOS manual (and so data/nixos-options.tsv) spells them, read back into the
// `lib.types` constructors they were printed from. Every phrase is a `description` of nixpkgs'
// lib/types.nix (or pkgs/pkgs-lib/formats.nix), and `optionDescriptionPhrase` parenthesises a nested
// type whenever it would read ambiguously, so a small recursive reader recovers the structure.
// Module-specific types whose descriptions say nothing about their structure come from the explicit
// table in custom-types.ts; a phrase neither knows is `unknown`, and a test fails on any of those.
import { customPhrasesWithOr, customType } from "./custom-types.js";

export type NixosType =
  | { readonly kind: "named"; readonly name: NamedType }
  | {
      readonly kind: "listOf" | "nonEmptyListOf" | "attrsOf" | "lazyAttrsOf" | "nullOr" | "functionTo" | "pairOf";
      readonly of: NixosType;
    }
  | { readonly kind: "either"; readonly left: NixosType; readonly right: NixosType }
  /** `coercedTo from f to`: a `from` value is converted to a `to`. */
  | { readonly kind: "coercedTo"; readonly from: NixosType; readonly to: NixosType }
  | { readonly kind: "enum"; readonly values: readonly EnumValue[] }
  | { readonly kind: "strMatching"; readonly pattern: string }
  | { readonly kind: "separatedString"; readonly separator: string }
  | { readonly kind: "intsBetween" | "numbersBetween"; readonly lowest: number; readonly highest: number }
  | { readonly kind: "passwdEntry"; readonly of: NixosType }
  /** `addCheck of <check>` as NixOS modules describe it: `string (with check: non-empty)`. */
  | { readonly kind: "addCheck"; readonly of: NixosType; readonly check: CheckName }
  | { readonly kind: "submodule"; readonly freeform?: NixosType }
  /** A pkgs.formats value type that contains itself: `JSON value`, `TOML value`… */
  | { readonly kind: "format"; readonly format: RecursiveFormat }
  /** `type // { description = "…"; }`, as pkgs.formats names its INI atoms and sections. */
  | { readonly kind: "described"; readonly description: string; readonly of: NixosType }
  /** A module's own type, read through the explicit table in custom-types.ts. */
  | { readonly kind: "custom"; readonly description: string; readonly standIn: NixosType }
  | { readonly kind: "unknown"; readonly description: string };

export type EnumValue = string | number | boolean | null;

/** `lib.types.<name>` in both nixpkgs' lib and nix/lib-double.nix. */
export type NamedType =
  | "bool"
  | "boolByOr"
  | "str"
  | "nonEmptyStr"
  | "singleLineStr"
  | "int"
  | "float"
  | "number"
  | "port"
  | "ints.unsigned"
  | "ints.positive"
  | "ints.u8"
  | "ints.u32"
  | "ints.s8"
  | "ints.s16"
  | "ints.s32"
  | "numbers.nonnegative"
  | "numbers.positive"
  | "path"
  | "pathInStore"
  | "package"
  | "attrs"
  | "anything"
  | "unspecified"
  | "raw"
  | "deferredModule";

/** The checks NixOS modules add with `addCheck` and describe as `(with check: …)`. */
export type CheckName = "non-empty" | "non-empty without trailing slash" | "hexadecimal string";

export type RecursiveFormat = "JSON value" | "YAML value" | "YAML 1.1 value" | "YAML 1.2 value" | "TOML value";

const named: Readonly<Record<string, NamedType>> = {
  boolean: "bool",
  "boolean (merged using or)": "boolByOr",
  string: "str",
  "non-empty string": "nonEmptyStr",
  "(optionally newline-terminated) single-line string": "singleLineStr",
  "signed integer": "int",
  "floating point number": "float",
  "16 bit unsigned integer; between 0 and 65535 (both inclusive)": "port",
  "8 bit unsigned integer; between 0 and 255 (both inclusive)": "ints.u8",
  "32 bit unsigned integer; between 0 and 4294967295 (both inclusive)": "ints.u32",
  "8 bit signed integer; between -128 and 127 (both inclusive)": "ints.s8",
  "16 bit signed integer; between -32768 and 32767 (both inclusive)": "ints.s16",
  "32 bit signed integer; between -2147483648 and 2147483647 (both inclusive)": "ints.s32",
  "unsigned integer, meaning >=0": "ints.unsigned",
  "positive integer, meaning >0": "ints.positive",
  "nonnegative integer or floating point number, meaning >=0": "numbers.nonnegative",
  "positive integer or floating point number, meaning >0": "numbers.positive",
  // `types.path` printed "path" until nixpkgs 25.05 and "absolute path" since (pathWith { absolute = true; }).
  path: "path",
  "absolute path": "path",
  "path in the Nix store": "pathInStore",
  package: "package",
  "attribute set": "attrs",
  anything: "anything",
  "unspecified value": "unspecified",
  "raw value": "raw",
  module: "deferredModule",
};

const recursiveFormats: readonly RecursiveFormat[] = ["JSON value", "YAML value", "YAML 1.1 value", "YAML 1.2 value", "TOML value"];

const checks: readonly CheckName[] = ["non-empty", "non-empty without trailing slash", "hexadecimal string"];

const prefixes = [
  ["list of ", "listOf"],
  ["attribute set of ", "attrsOf"],
  ["lazy attribute set of ", "lazyAttrsOf"],
  ["function that evaluates to a(n) ", "functionTo"],
  // services.picom's `pairOf`: addCheck (listOf t) (l: length l == 2), described "pair of <t>".
  ["pair of ", "pairOf"],
] as const;

// About a thousand distinct phrases serve twenty thousand options: each is read once.
const parsed = new Map<string, NixosType>();

export function parseNixosType(text: string): NixosType {
  let type = parsed.get(text);
  if (type === undefined) {
    type = parsePhrase(text);
    parsed.set(text, type);
  }
  return type;
}

function parsePhrase(text: string): NixosType {
  const phrase = text.trim();
  if (isWrapped(phrase)) return parseNixosType(phrase.slice(1, -1));
  const exact = exactType(phrase);
  if (exact !== undefined) return exact;
  // `coercedTo`'s phrases are nouns or parenthesised, so the last top-level ` or ` separates them.
  const coerced = /^(.*) convertible to it$/s.exec(phrase)?.[1];
  if (coerced !== undefined) {
    const at = topLevelOr(coerced, "last");
    if (at !== undefined) return { kind: "coercedTo", to: parseNixosType(at[0]), from: parseNixosType(at[1]) };
  }
  const passwd = /^(.*), not containing newlines or colons$/s.exec(phrase)?.[1];
  if (passwd !== undefined && topLevelOr(passwd, "first") === undefined) return { kind: "passwdEntry", of: parseNixosType(passwd) };
  // `nullOr` first: `null or string or signed integer` is nullOr (either str int).
  if (phrase.startsWith("null or ")) return { kind: "nullOr", of: parseNixosType(phrase.slice("null or ".length)) };
  // A composite (`list of …`) would be parenthesised before ` or `, so one at the start spans the phrase.
  for (const [prefix, kind] of prefixes) {
    if (phrase.startsWith(prefix)) return { kind, of: parseNixosType(phrase.slice(prefix.length)) };
  }
  if (phrase.startsWith("non-empty (") && phrase.endsWith(")")) {
    const list = parseNixosType(phrase.slice("non-empty ".length));
    if (list.kind === "listOf") return { kind: "nonEmptyListOf", of: list.of };
  }
  if (phrase.startsWith("open submodule of ")) {
    return { kind: "submodule", freeform: parseNixosType(phrase.slice("open submodule of ".length)) };
  }
  const or = topLevelOr(phrase, "first");
  if (or !== undefined) return { kind: "either", left: parseNixosType(or[0]), right: parseNixosType(or[1]) };
  const checked = /^(.*) \(with check: ([^()]*)\)$/s.exec(phrase);
  const check = checks.find((name) => name === checked?.[2]);
  if (checked?.[1] !== undefined && check !== undefined) return { kind: "addCheck", of: parseNixosType(checked[1]), check };
  const values = enumValues(phrase);
  if (values !== undefined) return { kind: "enum", values };
  return { kind: "unknown", description: phrase };
}

/** Phrases that are a whole type by themselves (some contain ` or `, so they come before any split). */
function exactType(phrase: string): NixosType | undefined {
  const name = Object.hasOwn(named, phrase) ? named[phrase] : undefined;
  if (name !== undefined) return { kind: "named", name };
  if (phrase === "submodule") return { kind: "submodule" };
  const format = recursiveFormats.find((f) => f === phrase);
  if (format !== undefined) return { kind: "format", format };
  const custom = customType(phrase);
  if (custom !== undefined) return { kind: "custom", description: phrase, standIn: parseNixosType(custom) };
  const iniFormat = iniFormatType(phrase);
  if (iniFormat !== undefined) return { kind: "described", description: phrase, of: iniFormat };
  const separated = /^strings concatenated with ("(?:[^"\\]|\\.)*")$/.exec(phrase)?.[1];
  if (separated !== undefined) return { kind: "separatedString", separator: JSON.parse(separated) as string };
  const matching = /^string matching the pattern (.*)$/s.exec(phrase)?.[1];
  // No pattern of the list contains ` or `: one that seems to is a pattern followed by an `either`'s other type.
  if (matching !== undefined && !/ or /.test(matching)) return { kind: "strMatching", pattern: matching };
  const ints = /^integer between (-?\d+) and (-?\d+) \(both inclusive\)$/.exec(phrase);
  if (ints?.[1] !== undefined && ints[2] !== undefined) return { kind: "intsBetween", lowest: Number(ints[1]), highest: Number(ints[2]) };
  const numbers = /^integer or floating point number between (-?[\d.]+) and (-?[\d.]+) \(both inclusive\)$/.exec(phrase);
  if (numbers?.[1] !== undefined && numbers[2] !== undefined) {
    return { kind: "numbersBetween", lowest: Number(numbers[1]), highest: Number(numbers[2]) };
  }
  return undefined;
}

/**
 * pkgs.formats' INI and key-value types, which override their descriptions: `section of an INI file
 * (attrs of <atom>)` is attrsOf atom; `<atom> or a list of them for duplicate keys` is
 * either atom (listOf atom) (coercedTo when atoms are coerced to lists: the same values fit);
 * `<atom> or a non-empty list of them` the same with nonEmptyListOf.
 */
function iniFormatType(phrase: string): NixosType | undefined {
  const atom = "(?:INI )?atom \\([^()]*\\)";
  const section = /^section of an INI file \(attrs of (.*)\)$/s.exec(phrase)?.[1];
  if (section !== undefined) return { kind: "attrsOf", of: parseNixosType(section) };
  // formats.gitIni's `either atom (attrsOf atom)` prints the atom's phrase unparenthesised before ` or `.
  const gitIni = new RegExp(`^(${atom} or a list of them for duplicate keys) or (.*)$`, "s").exec(phrase);
  if (gitIni?.[1] !== undefined && gitIni[2] !== undefined) {
    return { kind: "either", left: parseNixosType(gitIni[1]), right: parseNixosType(gitIni[2]) };
  }
  const duplicates = new RegExp(`^(${atom}) or a list of them for duplicate keys$`, "s").exec(phrase)?.[1];
  if (duplicates !== undefined) {
    const single = parseNixosType(duplicates);
    return { kind: "either", left: single, right: { kind: "listOf", of: single } };
  }
  const nonEmpty = new RegExp(`^(${atom}) or a non-empty list of them$`, "s").exec(phrase)?.[1];
  if (nonEmpty !== undefined) {
    const single = parseNixosType(nonEmpty);
    return { kind: "either", left: single, right: { kind: "nonEmptyListOf", of: single } };
  }
  return undefined;
}

/**
 * `A or B` at the top level (outside parentheses and quotes), split at the first or the last ` or `;
 * after a non-restrictive clause (`unsigned integer, meaning >=0, or string`) the separator is `, or `.
 * A regular expression steps from one character that matters to the next: phrases run to 17,000
 * characters (an enum of Home Assistant's components), and a step per character cost ~20 ms.
 */
function topLevelOr(phrase: string, which: "first" | "last"): [string, string] | undefined {
  const marks = /["()]| or /g;
  let depth = 0;
  let quoted = false;
  let found: [string, string] | undefined;
  marks.lastIndex = pastProtected(phrase, 0);
  for (let mark = marks.exec(phrase); mark !== null; mark = marks.exec(phrase)) {
    const at = mark.index;
    if (mark[0] === '"') {
      if (phrase[at - 1] !== "\\") quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (mark[0] === "(") {
      depth += 1;
    } else if (mark[0] === ")") {
      depth -= 1;
    } else if (depth === 0) {
      if (which === "first") return [phrase.slice(0, phrase[at - 1] === "," ? at - 1 : at), phrase.slice(at + 4)];
      found = [phrase.slice(0, at), phrase.slice(at + 4)];
      // Separators may share a space (` or or `); a protected phrase after one is skipped whole.
      const next = pastProtected(phrase, at + 4);
      marks.lastIndex = next === at + 4 ? at + 1 : next;
    }
  }
  return found;
}

/**
 * Where a module's own phrase that contains ` or ` (`string without line breaks or quotes`) ends, if
 * one starts at `at`, or `at`: such a phrase is skipped whole, not split.
 */
function pastProtected(phrase: string, at: number): number {
  const own = customPhrasesWithOr.find((p) => phrase.startsWith(p, at));
  return own === undefined ? at : at + own.length;
}

/** `(…)` where the opening parenthesis closes at the very end. */
function isWrapped(phrase: string): boolean {
  if (!phrase.startsWith("(") || !phrase.endsWith(")")) return false;
  const parentheses = /[()]/g;
  let depth = 0;
  for (let mark = parentheses.exec(phrase); mark !== null; mark = parentheses.exec(phrase)) {
    depth += mark[0] === "(" ? 1 : -1;
    if (depth === 0 && mark.index < phrase.length - 1) return false;
  }
  return true;
}

/** `one of "a", "b", 3, <null>` and `value "a" (singular enum)`: lib.types.enum's `show` of each value. */
function enumValues(phrase: string): EnumValue[] | undefined {
  const list = /^one of (.*)$/s.exec(phrase)?.[1] ?? /^value (.*) \(singular enum\)$/s.exec(phrase)?.[1];
  if (list === undefined) return undefined;
  // `show` does not escape, so a string ends at the quote before `, ` or the end (`""round-robin 0""`).
  const items = list.match(/".*?"(?=, |$)|-?\d+|true|false|<null>/gs) ?? [];
  // Every character must belong to an item or a separator, or this was not an enum after all.
  if (items.join(", ") !== list) return undefined;
  return items.map((item) =>
    item.startsWith('"') ? item.slice(1, -1) : item === "true" ? true : item === "false" ? false : item === "<null>" ? null : Number(item),
  );
}
