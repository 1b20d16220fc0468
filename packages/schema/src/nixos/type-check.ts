// Whether a config value is one a NixOS option type accepts, in TypeScript, before Nix sees it: the
// same verdicts as the type's `check` and `merge` in nixpkgs' lib (the stand-in test compares them
// with Nix). Nix expressions pass: only Nix can evaluate them.
import { isNixExpr } from "@homelab/nix";
import { isAttrs } from "../value-fits-type.js";
import type { CheckName, NamedType, NixosType } from "./option-type.js";

/** Where inside the value the first misfit is: `[]` for the value itself, `[1]` for a list's second item. */
export function nixosTypeMisfit(value: unknown, type: NixosType): readonly (string | number)[] | undefined {
  return misfitAt(value, type, []);
}

export function fitsNixosType(value: unknown, type: NixosType): boolean {
  return nixosTypeMisfit(value, type) === undefined;
}

function misfitAt(value: unknown, type: NixosType, path: (string | number)[]): (string | number)[] | undefined {
  if (isNixExpr(value)) return undefined;
  const fits = (ok: boolean) => (ok ? undefined : path);
  switch (type.kind) {
    case "named":
      return fits(fitsNamed(value, type.name));
    case "listOf":
    case "nonEmptyListOf":
    case "pairOf": {
      if (!Array.isArray(value)) return path;
      if (type.kind === "nonEmptyListOf" && value.length === 0) return path;
      if (type.kind === "pairOf" && value.length !== 2) return path;
      return firstMisfit(value.entries(), type.of, path);
    }
    case "attrsOf":
    case "lazyAttrsOf":
      return isAttrs(value) ? firstMisfit(Object.entries(value), type.of, path) : path;
    case "nullOr":
      return value === null ? undefined : misfitAt(value, type.of, path);
    case "functionTo":
      // A plain value is never a function; functions are Nix expressions, which passed above.
      return path;
    case "either":
      return fits(fitsNixosType(value, type.left) || fitsNixosType(value, type.right));
    case "coercedTo":
      return fits(fitsNixosType(value, type.to) || fitsNixosType(value, type.from));
    case "enum":
      return fits(type.values.some((member) => member === value));
    case "strMatching":
      return fits(typeof value === "string" && matchesWhole(type.pattern, value) !== false);
    case "separatedString":
      return fits(typeof value === "string");
    case "intsBetween":
      return fits(isInt(value) && Number(value) >= type.lowest && Number(value) <= type.highest);
    case "numbersBetween":
      return fits(isNumber(value) && Number(value) >= type.lowest && Number(value) <= type.highest);
    case "passwdEntry":
      return misfitAt(value, type.of, path) ?? fits(typeof value !== "string" || !/[:\n]/.test(value));
    case "addCheck":
      return misfitAt(value, type.of, path) ?? fits(passesCheck(value, type.check));
    // Keys of a free-form submodule that no listed option takes must fit its freeform type.
    case "submodule":
      return type.freeform === undefined || !isAttrs(value) ? fits(isAttrs(value)) : misfitAt(value, type.freeform, path);
    case "format":
      return fits(fitsFormat(value, type.format !== "TOML value"));
    case "described":
      return misfitAt(value, type.of, path);
    case "custom":
      return misfitAt(value, type.standIn, path);
    case "unknown":
      return undefined;
  }
}

function firstMisfit(
  entries: Iterable<[string | number, unknown]>,
  type: NixosType,
  path: (string | number)[],
): (string | number)[] | undefined {
  for (const [key, item] of entries) {
    if (item === undefined) continue;
    const found = misfitAt(item, type, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

const isInt = (value: unknown): boolean => typeof value === "bigint" || Number.isInteger(value);
const isNumber = (value: unknown): boolean => typeof value === "bigint" || typeof value === "number";
const inRange = (value: unknown, lowest: number, highest: number) =>
  isInt(value) && Number(value) >= lowest && Number(value) <= highest;
const isAbsolute = (value: unknown) => typeof value === "string" && value.startsWith("/");

function fitsNamed(value: unknown, name: NamedType): boolean {
  switch (name) {
    case "bool":
    case "boolByOr":
      return typeof value === "boolean";
    case "str":
      return typeof value === "string";
    case "nonEmptyStr":
      return typeof value === "string" && !/^[ \t\n]*$/.test(value);
    case "singleLineStr":
      return typeof value === "string" && /^[^\n\r]*\n?$/.test(value);
    case "int":
      return isInt(value);
    // A whole number written in a config is an integer to Nix; `float(n)` from @homelab/nix makes it a float.
    case "float":
      return typeof value === "number" && !Number.isInteger(value);
    case "number":
      return isNumber(value);
    case "port":
      return inRange(value, 0, 65535);
    case "ints.unsigned":
      return isInt(value) && Number(value) >= 0;
    case "ints.positive":
      return isInt(value) && Number(value) > 0;
    case "ints.u8":
      return inRange(value, 0, 255);
    case "ints.u32":
      return inRange(value, 0, 4294967295);
    case "ints.s8":
      return inRange(value, -128, 127);
    case "ints.s16":
      return inRange(value, -32768, 32767);
    case "ints.s32":
      return inRange(value, -2147483648, 2147483647);
    case "numbers.nonnegative":
      return isNumber(value) && Number(value) >= 0;
    case "numbers.positive":
      return isNumber(value) && Number(value) > 0;
    case "path":
      return isAbsolute(value);
    case "pathInStore":
      return typeof value === "string" && /^\/nix\/store\/[^/]+/.test(value);
    // A package is a derivation, which a plain value cannot be (a ref("pkgs.x") is a Nix expression).
    case "package":
      return typeof value === "string" && /^\/nix\/store\/[0-9a-z]{32}-[^/]+$/.test(value);
    case "attrs":
    case "deferredModule":
      return isAttrs(value);
    case "anything":
    case "unspecified":
    case "raw":
      return true;
  }
}

/** The checks NixOS modules add with `addCheck` (see the stand-ins in nixos-stand-ins.ts for the Nix side). */
function passesCheck(value: unknown, check: CheckName): boolean {
  if (typeof value !== "string") return true;
  switch (check) {
    case "non-empty":
      return !/^[ \t]*$/.test(value);
    case "non-empty without trailing slash":
      return !/^[ \t]*$/.test(value) && !value.endsWith("/");
    case "hexadecimal string":
      return /^[0-9a-fA-F]*$/.test(value);
  }
}

/** pkgs.formats' recursive value: bool, int, float, string, path, attribute sets and lists of them (and null). */
function fitsFormat(value: unknown, nullable: boolean): boolean {
  if (value === null) return nullable;
  if (Array.isArray(value)) return value.every((item) => isNixExpr(item) || fitsFormat(item, nullable));
  if (isAttrs(value)) return Object.values(value).every((item) => item === undefined || isNixExpr(item) || fitsFormat(item, nullable));
  return ["boolean", "number", "bigint", "string"].includes(typeof value);
}

// builtins.match takes POSIX extended regular expressions, matched against the whole string.
const posixClasses: Readonly<Record<string, string>> = {
  alnum: "a-zA-Z0-9",
  alpha: "a-zA-Z",
  digit: "0-9",
  xdigit: "0-9a-fA-F",
  lower: "a-z",
  upper: "A-Z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  print: "\\x20-\\x7e",
  graph: "\\x21-\\x7e",
  punct: "!-\\/:-@\\[-`{-~",
};
const compiled = new Map<string, RegExp | undefined>();

/** Whether `pattern` matches all of `text`; undefined when the pattern has no JavaScript equivalent. */
export function matchesWhole(pattern: string, text: string): boolean | undefined {
  if (!compiled.has(pattern)) {
    const js = pattern.replace(/\[:([a-z]+):\]/g, (whole, name: string) => posixClasses[name] ?? whole);
    let regex: RegExp | undefined;
    try {
      regex = new RegExp(`^(?:${js})$`, "s");
    } catch {
      regex = undefined;
    }
    compiled.set(pattern, regex);
  }
  return compiled.get(pattern)?.test(text);
}
