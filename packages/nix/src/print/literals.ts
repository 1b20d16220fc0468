// Numbers and paths as Nix source. Each has a value Nix's lexer cannot read back directly, printed
// as a small expression instead (checked against Nix 2.8: `src/libexpr/lexer.l`).
import { NixValueError } from "../errors.js";
import { checkPrintable, doubleQuoted } from "./escape.js";

const INT64_MIN = -(2n ** 63n);

/** `42`, `-5`; INT64_MIN as a subtraction because the literal 9223372036854775808 overflows the lexer. */
export function intText(value: bigint): string {
  // Going through a number is exact for safe integers and measurably faster than bigint toString.
  if (value >= MIN_SAFE && value <= MAX_SAFE) return String(Number(value));
  return value === INT64_MIN ? "-9223372036854775807 - 1" : value.toString();
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function isInt64Min(value: bigint): boolean {
  return value === INT64_MIN;
}

const MIN_NORMAL = 2 ** -1022;

/**
 * A float literal that Nix reads back as a float with the same value. The lexer wants a dot (`1e5`
 * would be the int 1 applied to `e5`), and rejects subnormals (strtod reports ERANGE), which are
 * therefore printed as an exact product of two normal floats.
 */
export function floatText(value: number): string {
  if (!Number.isFinite(value)) throw new NixValueError([], `${value} has no Nix equivalent (floats must be finite)`);
  if (value === 0) return "0.0"; // -0.0 too: Nix would print both as 0
  const sign = value < 0 ? "-" : "";
  const magnitude = Math.abs(value);
  if (isSubnormal(value)) return `(${sign}${decimal(magnitude / MIN_NORMAL)} * ${decimal(MIN_NORMAL)})`;
  return sign + decimal(magnitude);
}

export function isSubnormal(value: number): boolean {
  return value !== 0 && Math.abs(value) < MIN_NORMAL;
}

/** JavaScript's shortest round-trip digits, reshaped to Nix's float syntax: `1e-7` → `1.0e-7`. */
function decimal(magnitude: number): string {
  const text = String(magnitude);
  if (!text.includes("e")) return text.includes(".") ? text : `${text}.0`;
  const [mantissa = "", exponent] = text.split("e");
  const withDot = mantissa.includes(".") ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? withDot : `${withDot}e${exponent.replace("+", "")}`;
}

/** How a path is written: a plain literal, `<base> + "/rest"`, or a search-path lookup call. */
export interface PathText {
  readonly text: string;
  readonly form: "literal" | "sum" | "lookup";
}

const PATH_SEGMENT = /^[A-Za-z0-9._+-]+$/;
const SEARCH_PATH = /^[A-Za-z0-9._+-]+(\/[A-Za-z0-9._+-]+)*$/;

/**
 * `./x`, `../x`, `/abs`, `~/x`, `<nixpkgs>`. Nix path literals hold only `[A-Za-z0-9._+-]` between
 * single slashes and no trailing slash, so other paths are built by appending a string to the base
 * directory (`./. + "/with space"`), which Nix canonicalises to the same path. Trailing slashes are
 * dropped, as Nix itself does for paths.
 */
export function pathText(value: string): PathText {
  // Generated files repeat the same few paths (every machine imports every service module), and the
  // printer asks twice per path (precedence, then text): remember each answer.
  let known = pathTexts.get(value);
  if (known === undefined) {
    known = pathTextOf(value);
    // Bounded, so a long-lived process printing ever new paths does not keep them all.
    if (pathTexts.size >= 4096) pathTexts.clear();
    pathTexts.set(value, known);
  }
  return known;
}

const pathTexts = new Map<string, PathText>();

function pathTextOf(value: string): PathText {
  checkPrintable(value, "a path");
  if (value === "") throw new NixValueError([], "a path cannot be empty");
  if (value.startsWith("<") && value.endsWith(">")) return searchPath(value.slice(1, -1));

  const [base, rest] = splitBase(value);
  const trimmed = rest.replace(/\/+$/, "");
  if (trimmed === "") return { text: `${base}.`, form: "literal" };
  if (!trimmed.split("/").every((segment) => PATH_SEGMENT.test(segment))) {
    return { text: `${base}. + ${doubleQuoted(`/${trimmed}`, false)}`, form: "sum" };
  }
  const parentFirst = base === "./" && trimmed.startsWith("../");
  return { text: parentFirst ? trimmed : base + trimmed, form: "literal" };
}

function splitBase(value: string): [base: "/" | "~/" | "./", rest: string] {
  if (value.startsWith("/")) return ["/", value.slice(1)];
  if (value === "~" || value.startsWith("~/")) return ["~/", value.slice(2)];
  return ["./", value.startsWith("./") ? value.slice(2) : value];
}

/** `<name>` is sugar for `__findFile __nixPath "name"`; the call form holds any name. */
function searchPath(name: string): PathText {
  if (name === "") throw new NixValueError([], "a search path `<…>` needs a name");
  if (SEARCH_PATH.test(name)) return { text: `<${name}>`, form: "literal" };
  return { text: `__findFile __nixPath ${doubleQuoted(name, false)}`, form: "lookup" };
}
