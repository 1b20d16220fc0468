// Small builders for the Nix AST. Each accepts plain values wherever an expression goes, so callers
// write `attrs({ port: 3001 })` rather than `attrs({ port: int(3001) })`. Nodes are literals with the
// brand inline, as in ./from-js.ts: `node()` copies each one (bench/: ~3% of `gen` at 1,000 machines).
import {
  NIX_NODE,
  type ApplyNode,
  type AssertNode,
  type AttrKey,
  type AttrsNode,
  type BinaryNode,
  type BinaryOp,
  type Binding,
  type BindingNode,
  type BoolNode,
  type DataNode,
  type FloatNode,
  type Formal,
  type IdentNode,
  type IfNode,
  type InheritNode,
  type IntNode,
  type LambdaNode,
  type LetNode,
  type ListItem,
  type ListNode,
  type NixExpr,
  type NullNode,
  type PathNode,
  type RawNode,
  type SelectNode,
  type StringNode,
  type UnaryNode,
  type WithNode,
} from "./ast.js";
import { NixValueError, type ValuePath } from "./errors.js";
import { checkText, fromJS, fromJSAt, isListItem, LIST_ITEM, type NixValue } from "./from-js.js";
import { textProblem } from "./print/escape.js";

/** `null` */
export const nil: NullNode = { kind: "null", [NIX_NODE]: true };

/** `true` / `false` */
export function bool(value: boolean): BoolNode {
  return { kind: "bool", value, [NIX_NODE]: true };
}

/** `42`: an integer (a float argument with a fraction is an error; use `float`). */
export function int(value: number | bigint): IntNode {
  if (typeof value === "number" && !Number.isInteger(value)) {
    throw new NixValueError([], `int(${value}): not an integer (use float for fractions)`);
  }
  return fromJS(value) as IntNode;
}

/** `1.5`, `1.0e-7`: always printed so that Nix reads a float back. */
export function float(value: number): FloatNode {
  if (!Number.isFinite(value)) throw new NixValueError([], `${value} has no Nix equivalent (floats must be finite)`);
  return { kind: "float", value, [NIX_NODE]: true };
}

/** `"text"`, or `''…''` when multi-line. Parts that are expressions become `${…}`: `str("http://", host)`. */
export function str(...parts: (string | NixValue)[]): StringNode {
  return stringOf(parts, "auto");
}

/** Like `str`, but always `''…''` (escaped as needed): for scripts and config bodies. */
export function indented(...parts: (string | NixValue)[]): StringNode {
  return stringOf(parts, "indented");
}

function stringOf(parts: readonly (string | NixValue)[], style: StringNode["style"]): StringNode {
  const converted = parts.map((part, i) => {
    if (typeof part !== "string") return fromJS(part, [i]);
    checkText(part, [i], "string");
    return part;
  });
  return { kind: "string", parts: converted, style, [NIX_NODE]: true };
}

/** `./hosts/x.nix`, `/etc/nixos`, `~/x` or `<nixpkgs>`. A bare relative name gets `./` in front. */
export function path(value: string): PathNode {
  return { kind: "path", value, [NIX_NODE]: true };
}

/** `[ a b ]`. Items may be `item(value, { comment })` to carry a comment (in plain arrays too). */
export function list(items: readonly (NixValue | ListItem)[]): ListNode {
  return {
    kind: "list",
    items: items.map((entry, i) => (isListItem(entry) ? entry : { value: fromJSAt(entry, i) })),
    [NIX_NODE]: true,
  };
}

/** A list element with a comment: `item(8043, { trailingComment: "nginx" })` prints `8043 # nginx`. */
export function item(value: NixValue, comments: { comment?: string; trailingComment?: string }): ListItem {
  return Object.assign({ value: fromJS(value) }, comments, { [LIST_ITEM]: true });
}

type BindingsInput = readonly Binding[] | { readonly [key: string]: NixValue | undefined };

/** `{ a = 1; }` from a record or from explicit `bind` / `inherit` entries. */
export function attrs(bindings: BindingsInput): AttrsNode {
  return { kind: "attrs", rec: false, bindings: toBindings(bindings), [NIX_NODE]: true };
}

/** `rec { a = 1; b = a; }` */
export function recAttrs(bindings: BindingsInput): AttrsNode {
  return { kind: "attrs", rec: true, bindings: toBindings(bindings), [NIX_NODE]: true };
}

function toBindings(input: BindingsInput): readonly Binding[] {
  if (Array.isArray(input)) return input as readonly Binding[];
  const record = input as Record<string, NixValue | undefined>;
  const bindings: Binding[] = [];
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value !== undefined) bindings.push(bind(key, value));
  }
  return bindings;
}

const NO_COMMENTS: { comment?: string; trailingComment?: string } = {};

/** `a.b.c = value;`. A string path is split on dots only when given as an array: `bind(["a", "b"], v)`. */
export function bind(
  path: AttrKey | readonly AttrKey[],
  value: NixValue,
  comments: { comment?: string; trailingComment?: string } = NO_COMMENTS,
): BindingNode {
  const keys = typeof path === "string" || !Array.isArray(path) ? [path as AttrKey] : (path as readonly AttrKey[]);
  if (keys.length === 0) throw new NixValueError([], "a binding needs at least one attribute name");
  // Most bindings are one plain name: check and convert without a closure or an array per key.
  let named = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof key !== "string") named = false;
    else if (textProblem(key) !== undefined) checkText(key, [i], "attribute name");
  }
  const converted = named ? fromJS(value, keys as readonly string[]) : fromJS(value, keys.filter((k) => typeof k === "string"));
  return comments === NO_COMMENTS
    ? { kind: "binding", path: keys, value: converted, [NIX_NODE]: true }
    : { kind: "binding", path: keys, value: converted, ...comments, [NIX_NODE]: true };
}

/** `inherit a b;` or, with `from`, `inherit (src) a b;` */
export function inherit(names: readonly string[], from?: NixValue): InheritNode {
  return { kind: "inherit", names, ...(from === undefined ? {} : { from: fromJS(from) }), [NIX_NODE]: true };
}

/** `let a = 1; in body` */
export function letIn(bindings: BindingsInput, body: NixValue): LetNode {
  return { kind: "let", bindings: toBindings(bindings), body: fromJS(body), [NIX_NODE]: true };
}

/** `x: body` */
export function lambda(param: string, body: NixValue): LambdaNode {
  return { kind: "lambda", param: { kind: "ident", name: param }, body: fromJS(body), [NIX_NODE]: true };
}

/**
 * `{ config, lib, ... }: body`. A formal is a name or `[name, default]`.
 * `fn(["config", "lib"], body, { ellipsis: true })` prints `{ config, lib, ... }: body`.
 */
export function fn(
  formals: readonly (string | readonly [string, NixValue])[],
  body: NixValue,
  options: { ellipsis?: boolean; at?: string } = {},
): LambdaNode {
  const list: Formal[] = formals.map((f) => (typeof f === "string" ? { name: f } : { name: f[0], default: fromJS(f[1]) }));
  return {
    kind: "lambda",
    param: { kind: "formals", formals: list, ellipsis: options.ellipsis ?? false, ...(options.at ? { at: options.at } : {}) },
    body: fromJS(body),
    [NIX_NODE]: true,
  };
}

/** `f a b`: applies one argument after the other. */
export function call(fnExpr: NixValue, ...args: NixValue[]): NixExpr {
  return args.reduce<NixExpr>((acc, arg): ApplyNode => ({ kind: "apply", fn: acc, arg: fromJS(arg), [NIX_NODE]: true }), fromJS(fnExpr));
}

/** `name` (an identifier; `id("lib")`). */
export function id(name: string): IdentNode {
  return { kind: "ident", name, [NIX_NODE]: true };
}

/**
 * `target.a.b` or `target.a.b or default`. A dotted string is split: `select(id("config"), "services.x.port")`.
 * Use an array to keep a dot inside one name: `select(id("x"), ["a.b"])` prints `x."a.b"`.
 */
export function select(target: NixValue, path: string | readonly AttrKey[], orDefault?: NixValue): SelectNode {
  const keys = typeof path === "string" ? path.split(".") : path;
  return {
    kind: "select",
    target: fromJS(target),
    path: keys,
    ...(orDefault === undefined ? {} : { default: fromJS(orDefault) }),
    [NIX_NODE]: true,
  };
}

/** `a.b.c` from a dotted name: `ref("lib.types.port")`. */
export function ref(dotted: string): NixExpr {
  const [head, ...rest] = dotted.split(".");
  const base = id(head ?? dotted);
  return rest.length === 0 ? base : select(base, rest);
}

/** `with scope; body` */
export function withScope(scope: NixValue, body: NixValue): WithNode {
  return { kind: "with", scope: fromJS(scope), body: fromJS(body), [NIX_NODE]: true };
}

/** `if cond then a else b` */
export function ifThen(cond: NixValue, then: NixValue, otherwise: NixValue): IfNode {
  return { kind: "if", cond: fromJS(cond), then: fromJS(then), else: fromJS(otherwise), [NIX_NODE]: true };
}

/** `assert cond; body` */
export function assertThen(cond: NixValue, body: NixValue): AssertNode {
  return { kind: "assert", cond: fromJS(cond), body: fromJS(body), [NIX_NODE]: true };
}

/** `!x` */
export function not(operand: NixValue): UnaryNode {
  return { kind: "unary", op: "!", operand: fromJS(operand), [NIX_NODE]: true };
}

/** `-x` */
export function neg(operand: NixValue): UnaryNode {
  return { kind: "unary", op: "-", operand: fromJS(operand), [NIX_NODE]: true };
}

/** `a op b`, parenthesised by the printer as precedence requires: `op("//", base, attrs({ … }))`. */
export function op(operator: BinaryOp, left: NixValue, right: NixValue): BinaryNode {
  return { kind: "binary", op: operator, left: fromJS(left), right: fromJS(right), [NIX_NODE]: true };
}

/** `a // b` */
export function update(left: NixValue, right: NixValue): BinaryNode {
  return op("//", left, right);
}

/** `a ++ b` */
export function concat(left: NixValue, right: NixValue): BinaryNode {
  return op("++", left, right);
}

/**
 * A plain array or object printed as a list or set straight from the value, with no node per
 * element: the fast way to print data. Values are checked as they are printed, so a value with no
 * Nix equivalent throws from `print`, its path starting at `at`.
 * `data({ port: 8080, tags: ["a"] })` prints like `attrs({ port: 8080, tags: ["a"] })`.
 */
export function data(value: readonly (NixValue | ListItem)[] | { readonly [key: string]: NixValue | undefined }, at: ValuePath = []): DataNode {
  return { kind: "data", value, at, [NIX_NODE]: true };
}

/** Source text printed verbatim: the caller vouches that it parses. Prefer any other builder. */
export function raw(text: string): RawNode {
  return { kind: "raw", text, [NIX_NODE]: true };
}
