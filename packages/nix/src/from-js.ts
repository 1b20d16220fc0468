import { isNixExpr, isNixNode, NIX_NODE, type BindingNode, type ListItem, type NixExpr } from "./ast.js";
import { NixValueError, type ValuePath } from "./errors.js";
import { textProblem } from "./print/escape.js";

/**
 * A value `toNix` and the builders accept: plain JSON-like data, bigints, and AST nodes, in any mix.
 * `undefined` object properties are skipped, as `JSON.stringify` skips them.
 */
export type NixValue =
  | NixExpr
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly (NixValue | ListItem)[]
  | { readonly [key: string]: NixValue | undefined };

/** Marks the entries `item()` makes, so that a plain array may hold them as well as `list()`. */
export const LIST_ITEM: unique symbol = Symbol.for("@homelab/nix.listItem") as never;

export function isListItem(entry: unknown): entry is ListItem {
  return typeof entry === "object" && entry !== null && LIST_ITEM in entry;
}

/**
 * A plain array, or an object that is neither a node nor an `item()`: what the printer writes
 * straight from the value as a list or a set (see `DataNode`).
 */
export function isPlainData(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  return isPlainObject(value) && !isNixNode(value) && !(LIST_ITEM in value);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Converts plain data (mixed with nodes) to an expression; throws `NixValueError` naming the path. */
export function fromJS(value: unknown, path: ValuePath = []): NixExpr {
  return convert(value, { base: path }, undefined);
}

const ROOT: Trail = { base: [] };

/** `fromJS(value, [key])`, without an array for the path unless there is an error to report. */
export function fromJSAt(value: unknown, key: string | number): NixExpr {
  return convert(value, ROOT, key);
}

/**
 * Where a value sits, as a chain from the root. Data can have hundreds of thousands of values, so
 * the path is only spelled out as an array when there is an error to report.
 */
type Trail = { readonly base: ValuePath } | { readonly parent: Trail; readonly key: string | number };
type Key = string | number | undefined;

/** The path of the value at `key` in the container at `trail` (the value itself when `key` is undefined). */
function pathOf(trail: Trail, key: Key): ValuePath {
  const keys: (string | number)[] = key === undefined ? [] : [key];
  let at = trail;
  for (; "parent" in at; at = at.parent) keys.push(at.key);
  return [...at.base, ...keys.reverse()];
}

// Nodes are built as literals with the brand inline: `node()` would copy each one, and this is
// the hot path for data-sized input.
// A leaf's position is passed as its container's trail plus its key, so leaves allocate nothing.
function convert(value: unknown, parent: Trail, key: Key): NixExpr {
  switch (typeof value) {
    case "boolean":
      return { kind: "bool", value, [NIX_NODE]: true };
    case "bigint":
      if (value < INT64_MIN || value > INT64_MAX) {
        throw new NixValueError(pathOf(parent, key), `integer ${value} is outside Nix's signed 64-bit range`);
      }
      return { kind: "int", value, [NIX_NODE]: true };
    case "number":
      return numberNode(value, parent, key);
    case "string":
      checkTrail(value, parent, key, "string");
      return { kind: "string", parts: [value], style: "auto", [NIX_NODE]: true };
    case "object":
      if (value === null) return { kind: "null", [NIX_NODE]: true };
      if (isNixExpr(value)) return value;
      if (isNixNode(value)) {
        throw new NixValueError(pathOf(parent, key), "a binding can only appear inside an attribute set or let");
      }
      if (isListItem(value)) throw new NixValueError(pathOf(parent, key), "item() can only be an element of a list");
      if (Array.isArray(value)) {
        const trail = key === undefined ? parent : { parent, key };
        const items: ListItem[] = [];
        for (let i = 0; i < value.length; i++) {
          const entry: unknown = value[i];
          items.push(isListItem(entry) ? entry : { value: convert(entry, trail, i) });
        }
        return { kind: "list", items, [NIX_NODE]: true };
      }
      if (isPlainObject(value)) {
        const trail = key === undefined ? parent : { parent, key };
        const bindings: BindingNode[] = [];
        for (const name of Object.keys(value)) {
          const item = value[name];
          if (item === undefined) continue;
          checkTrail(name, trail, name, "attribute name");
          bindings.push({ kind: "binding", path: [name], value: convert(item, trail, name), [NIX_NODE]: true });
        }
        return { kind: "attrs", rec: false, bindings, [NIX_NODE]: true };
      }
      throw new NixValueError(pathOf(parent, key), `${describe(value)} has no Nix equivalent`);
    default:
      throw new NixValueError(pathOf(parent, key), `${describe(value)} has no Nix equivalent`);
  }
}

function numberNode(value: number, parent: Trail, key: Key): NixExpr {
  if (!Number.isFinite(value)) {
    throw new NixValueError(pathOf(parent, key), `${value} has no Nix equivalent (floats must be finite)`);
  }
  if (Number.isInteger(value)) {
    // Integral numbers beyond 2^53 have already lost precision in JS; refuse them rather than guess.
    if (!Number.isSafeInteger(value)) {
      throw new NixValueError(pathOf(parent, key), `integer ${value} is not exact in JavaScript; pass it as a bigint`);
    }
    return { kind: "int", value: BigInt(value), [NIX_NODE]: true };
  }
  return { kind: "float", value, [NIX_NODE]: true };
}

/** Nix strings are C strings underneath (no NUL), and files are UTF-8 (no lone surrogates). */
export function checkText(text: string, path: ValuePath, what: string): void {
  const problem = textProblem(text);
  if (problem !== undefined) throw new NixValueError(path, `${what} ${problem}`);
}

function checkTrail(text: string, parent: Trail, key: Key, what: string): void {
  const problem = textProblem(text);
  if (problem !== undefined) throw new NixValueError(pathOf(parent, key), `${what} ${problem}`);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === "object" && value !== null) return `a ${value.constructor?.name ?? "object"} object`;
  return `a value of type ${typeof value}`;
}
