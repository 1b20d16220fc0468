// @homelab/nix: a typed Nix expression tree, builders for it, and the one printer that owns every
// layout decision and every escape.

// Data → Nix source: plain values (with tree nodes mixed in anywhere) printed as a file or an expression.
export { toNix, type ToNixOptions } from "./to-nix.js";
export { fromJS, type NixValue } from "./from-js.js";

// Builders: one per kind of expression (the README's table shows what each prints).
export {
  nil, bool, int, float, str, indented, path, list, item, attrs, recAttrs, bind, inherit, letIn, lambda, fn, call, id,
  select, ref, withScope, ifThen, assertThen, not, neg, op, update, concat, raw, data,
} from "./build.js";

// Printing a tree.
export { print, printFile, type PrintOptions, type FileOptions } from "./print.js";

// The tree: a `kind` union of frozen nodes; `isNixExpr` tells a node from plain data.
export { isNixExpr, isNixNode } from "./ast.js";
export type {
  NixExpr, NixNode, NixKind, NullNode, BoolNode, IntNode, FloatNode, StringNode, PathNode, ListNode, ListItem, AttrsNode,
  AttrKey, Binding, BindingNode, InheritNode, LetNode, LambdaNode, Formal, FormalsParam, IdentParam, ApplyNode, SelectNode,
  IdentNode, WithNode, IfNode, AssertNode, UnaryNode, UnaryOp, BinaryNode, BinaryOp, RawNode, DataNode,
} from "./ast.js";

// Errors: a value with no Nix equivalent, and where it is (`a.b[2]`).
export { NixValueError, formatValuePath, type ValuePath } from "./errors.js";

// What the printer refuses in text (the schema checks strings with it), and the files a value imports.
export { textProblem } from "./print/escape.js";
export { importedFiles } from "./imported-files.js";
