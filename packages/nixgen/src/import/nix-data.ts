// Evaluated Nix as JavaScript: the tagged JSON of nix/import-evaluate.nix decoded into values
// the model can hold. Paths become `path()` nodes relative to the file's directory and floats
// `float()` nodes (both print back as themselves); ints become numbers, or bigints beyond 2^53.
// Packages and functions are import-only markers that the mappers must resolve.
import { posix, relative, sep } from "node:path";
import { float, isNixExpr, path, print, type NixValue } from "@homelab/nix";
import { fileRef, stringWithRefs } from "./file-refs.js";

/** A package from a package function: `vim` from `pkgs`, or from `pkgs-unstable`. */
export class NixPackage {
  constructor(
    readonly name: string,
    readonly unstable: boolean,
  ) {}
}

/** A function; a package function comes with what it returned for the stand-in package sets. */
export class NixFunction {
  constructor(readonly applied: NixData | undefined) {}
}

export type NixData =
  | null
  | boolean
  | number
  | bigint
  | string
  | NixValue
  | NixPackage
  | NixFunction
  | readonly NixData[]
  | { readonly [key: string]: NixData };

export type NixAttrs = { readonly [key: string]: NixData };

type Tagged =
  | null
  | boolean
  | string
  | Tagged[]
  | { i: string }
  | { f: [number, number, number] }
  | { p: string }
  | { l: Tagged }
  | { k: string }
  | { u: string }
  | { r: [string, string[]] }
  | { a: [string, Tagged][] };

/** Decodes one tagged value; `dir` is the absolute directory relative paths are written against. */
export function decode(value: unknown, dir: string): NixData {
  const tagged = value as Tagged;
  if (tagged === null || typeof tagged === "boolean") return tagged;
  if (typeof tagged === "string") return stringWithRefs(tagged, (absolute) => relativePath(absolute, dir));
  if (Array.isArray(tagged)) return tagged.map((item) => decode(item, dir));
  if ("i" in tagged) {
    const int = BigInt(tagged.i);
    return int >= BigInt(Number.MIN_SAFE_INTEGER) && int <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(int) : int;
  }
  if ("f" in tagged) {
    const [sign, mantissa, exponent] = tagged.f;
    // Exact: mantissa / 2^52 is in [1, 2) and scaling by a power of two loses nothing.
    return float(mantissa === 0 ? 0 : sign * (mantissa / 2 ** 52) * 2 ** exponent);
  }
  if ("p" in tagged) return path(relativePath(tagged.p, dir));
  if ("l" in tagged) return new NixFunction(tagged.l === null ? undefined : decode(tagged.l, dir));
  if ("k" in tagged) return new NixPackage(tagged.k, false);
  if ("u" in tagged) return new NixPackage(tagged.u, true);
  if ("r" in tagged) return fileRef(tagged.r[0], tagged.r[1], (absolute) => relativePath(absolute, dir));
  return Object.fromEntries(tagged.a.map(([name, item]) => [name, decode(item, dir)]));
}

/**
 * `./hosts/doc2/configuration.nix` for a path under `dir`, `../x` for one beside it; anything further
 * away stays absolute (generated files sit where the imported ones did, so relative paths keep meaning).
 */
function relativePath(absolute: string, dir: string): string {
  const rel = relative(dir, absolute).split(sep).join(posix.sep);
  if (rel === "") return "./.";
  if (!rel.startsWith("..")) return `./${rel}`;
  if (rel.startsWith("../") && !rel.slice(3).startsWith("..")) return rel;
  return absolute;
}

export function isAttrs(value: NixData | undefined): value is NixAttrs {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !isNixExpr(value) &&
    !(value instanceof NixPackage) &&
    !(value instanceof NixFunction)
  );
}

/**
 * Same Nix value: what `==` would say, with paths compared as written, and package functions equal
 * when they return the same packages (other functions never are).
 */
export function sameData(a: NixData | undefined, b: NixData | undefined): boolean {
  if (a instanceof NixFunction || b instanceof NixFunction) {
    return (
      a instanceof NixFunction && b instanceof NixFunction && a.applied !== undefined && sameData(a.applied, b.applied)
    );
  }
  if (a === b) return true;
  if (typeof a === "bigint" || typeof b === "bigint") {
    const numeric = (x: unknown): x is number | bigint => typeof x === "bigint" || typeof x === "number";
    return numeric(a) && numeric(b) && BigInt(a) === BigInt(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (a instanceof NixPackage || b instanceof NixPackage) {
    return a instanceof NixPackage && b instanceof NixPackage && a.name === b.name && a.unstable === b.unstable;
  }
  if (isNixExpr(a) || isNixExpr(b)) {
    if (!isNixExpr(a) || !isNixExpr(b) || a.kind !== b.kind) return false;
    // References to files the import was not given (file-refs.ts) are the same when written the same.
    return print(a) === print(b);
  }
  if (isAttrs(a) && isAttrs(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameData(a[key], b[key]))
    );
  }
  return false;
}

/** The attribute paths at which two values differ, for messages (`doc2.proxmox.cores`). */
export function differences(
  a: NixData | undefined,
  b: NixData | undefined,
  at: readonly (string | number)[] = [],
): (string | number)[][] {
  if (sameData(a, b)) return [];
  if (isAttrs(a) && isAttrs(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => differences(a[key], b[key], [...at, key]));
  }
  return [[...at]];
}

/** Data the model can hold as a Nix value; undefined when it holds a package or a function. */
export function asNixValue(value: NixData): NixValue | undefined {
  if (value instanceof NixPackage || value instanceof NixFunction) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(asNixValue);
    return items.every((item) => item !== undefined) ? (items as NixValue[]) : undefined;
  }
  if (isAttrs(value)) {
    const entries = Object.entries(value).map(([key, item]) => [key, asNixValue(item)] as const);
    return entries.every(([, item]) => item !== undefined) ? Object.fromEntries(entries) : undefined;
  }
  return value as NixValue;
}

/** What kind of Nix value this is, in Nix's words (`an attribute set`, `a list`). */
export function describe(value: NixData): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value instanceof NixFunction) return "a function";
  if (value instanceof NixPackage) return "a package";
  if (isNixExpr(value)) return value.kind === "path" ? "a path" : value.kind === "float" ? "a float" : "an expression";
  switch (typeof value) {
    case "string":
      return "a string";
    case "boolean":
      return "a Boolean";
    case "number":
    case "bigint":
      return "an integer";
    default:
      return "an attribute set";
  }
}
