import type { ValuePath } from "./errors.js";

// The Nix expression tree. Every node carries a symbol brand so that a node can be told apart from
// user data that happens to have a `kind` key (a machine's `kind: "lxc"`, say) when the two are mixed.
export const NIX_NODE: unique symbol = Symbol.for("@homelab/nix.node") as never;

interface Branded {
  readonly [NIX_NODE]: true;
}

export interface NullNode extends Branded {
  readonly kind: "null";
}
export interface BoolNode extends Branded {
  readonly kind: "bool";
  readonly value: boolean;
}
/** Nix integers are signed 64-bit; bigint keeps the whole range exact. */
export interface IntNode extends Branded {
  readonly kind: "int";
  readonly value: bigint;
}
export interface FloatNode extends Branded {
  readonly kind: "float";
  readonly value: number;
}
/**
 * A string, possibly with `${…}` interpolations. Literal parts are raw text: the printer escapes them.
 * `style` is a preference: `auto` prints multi-line text as `''…''` whenever that reads back exactly.
 */
export interface StringNode extends Branded {
  readonly kind: "string";
  readonly parts: readonly (string | NixExpr)[];
  readonly style: "auto" | "double" | "indented";
}
/** `./relative`, `/absolute`, `~/home` or `<search-path>`. */
export interface PathNode extends Branded {
  readonly kind: "path";
  readonly value: string;
}
export interface ListItem {
  readonly value: NixExpr;
  /** Printed on its own line(s) above the item. */
  readonly comment?: string;
  /** Printed after the item on the same line. */
  readonly trailingComment?: string;
}
export interface ListNode extends Branded {
  readonly kind: "list";
  readonly items: readonly ListItem[];
}
/** An attribute name: a plain string (quoted by the printer when it must be) or an interpolated key. */
export type AttrKey = string | StringNode;

export interface BindingNode extends Branded {
  readonly kind: "binding";
  readonly path: readonly AttrKey[];
  readonly value: NixExpr;
  readonly comment?: string;
  readonly trailingComment?: string;
}
export interface InheritNode extends Branded {
  readonly kind: "inherit";
  readonly from?: NixExpr;
  readonly names: readonly string[];
  readonly comment?: string;
  readonly trailingComment?: string;
}
export type Binding = BindingNode | InheritNode;

export interface AttrsNode extends Branded {
  readonly kind: "attrs";
  readonly rec: boolean;
  readonly bindings: readonly Binding[];
}
export interface LetNode extends Branded {
  readonly kind: "let";
  readonly bindings: readonly Binding[];
  readonly body: NixExpr;
}
export interface Formal {
  readonly name: string;
  readonly default?: NixExpr;
}
export interface FormalsParam {
  readonly kind: "formals";
  readonly formals: readonly Formal[];
  readonly ellipsis: boolean;
  /** `args @ { … }` binds the whole argument set as well. */
  readonly at?: string;
}
export interface IdentParam {
  readonly kind: "ident";
  readonly name: string;
}
export interface LambdaNode extends Branded {
  readonly kind: "lambda";
  readonly param: IdentParam | FormalsParam;
  readonly body: NixExpr;
}
export interface ApplyNode extends Branded {
  readonly kind: "apply";
  readonly fn: NixExpr;
  readonly arg: NixExpr;
}
export interface SelectNode extends Branded {
  readonly kind: "select";
  readonly target: NixExpr;
  readonly path: readonly AttrKey[];
  readonly default?: NixExpr;
}
export interface IdentNode extends Branded {
  readonly kind: "ident";
  readonly name: string;
}
export interface WithNode extends Branded {
  readonly kind: "with";
  readonly scope: NixExpr;
  readonly body: NixExpr;
}
export interface IfNode extends Branded {
  readonly kind: "if";
  readonly cond: NixExpr;
  readonly then: NixExpr;
  readonly else: NixExpr;
}
export interface AssertNode extends Branded {
  readonly kind: "assert";
  readonly cond: NixExpr;
  readonly body: NixExpr;
}
export type UnaryOp = "!" | "-";
export interface UnaryNode extends Branded {
  readonly kind: "unary";
  readonly op: UnaryOp;
  readonly operand: NixExpr;
}
export type BinaryOp =
  | "->"
  | "||"
  | "&&"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "//"
  | "+"
  | "-"
  | "*"
  | "/"
  | "++"
  | "?";
export interface BinaryNode extends Branded {
  readonly kind: "binary";
  readonly op: BinaryOp;
  readonly left: NixExpr;
  /** For `?` the right side must be an identifier or string naming the attribute. */
  readonly right: NixExpr;
}
/**
 * A plain array or object printed straight from the JS value (a set for an object, a list for an
 * array), with no node per value: most of a homelab is data like this. Its contents are what
 * `fromJS` accepts (nodes and `item()` entries may sit anywhere inside); a value with no Nix
 * equivalent throws when printed, its path starting at `at`.
 */
export interface DataNode extends Branded {
  readonly kind: "data";
  readonly value: object;
  readonly at: ValuePath;
}
/** Text the caller vouches for; printed verbatim (re-indented on continuation lines). */
export interface RawNode extends Branded {
  readonly kind: "raw";
  readonly text: string;
}

export type NixExpr =
  | NullNode
  | BoolNode
  | IntNode
  | FloatNode
  | StringNode
  | PathNode
  | ListNode
  | AttrsNode
  | LetNode
  | LambdaNode
  | ApplyNode
  | SelectNode
  | IdentNode
  | WithNode
  | IfNode
  | AssertNode
  | UnaryNode
  | BinaryNode
  | RawNode
  | DataNode;

export type NixKind = NixExpr["kind"];
export type NixNode = NixExpr | Binding;

/** Brands a node object (the builders in ./build.ts write the brand inline instead, for speed). */
export function node<T extends NixNode>(fields: Omit<T, typeof NIX_NODE>): T {
  // Not `{ ...fields, [NIX_NODE]: true }`: V8 makes that spread many times slower, and data-sized
  // trees have hundreds of thousands of nodes.
  const branded = Object.assign({}, fields) as T & { [NIX_NODE]: true };
  branded[NIX_NODE] = true;
  return branded;
}

export function isNixNode(value: unknown): value is NixNode {
  return typeof value === "object" && value !== null && (value as Partial<Branded>)[NIX_NODE] === true;
}

export function isNixExpr(value: unknown): value is NixExpr {
  return isNixNode(value) && value.kind !== "binding" && value.kind !== "inherit";
}
