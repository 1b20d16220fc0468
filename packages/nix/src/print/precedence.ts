// Operator precedence, from the Nix manual's operator table (higher binds tighter). `Prec.expr` is
// for the forms that extend as far right as possible (lambda, let, with, if, assert): they need
// parentheses as any operand.
import type { BinaryOp, NixExpr } from "../ast.js";
import { isInt64Min, isSubnormal, pathText } from "./literals.js";

export const Prec = {
  expr: 0,
  implies: 1,
  or: 2,
  and: 3,
  equality: 4,
  comparison: 5,
  update: 6,
  not: 7,
  sum: 8,
  product: 9,
  concat: 10,
  has: 11,
  negate: 12,
  apply: 13,
  select: 14,
  atom: 15,
} as const;

export interface OperatorInfo {
  readonly prec: number;
  readonly assoc: "left" | "right" | "none";
}

export const BINARY: Readonly<Record<BinaryOp, OperatorInfo>> = {
  "->": { prec: Prec.implies, assoc: "right" },
  "||": { prec: Prec.or, assoc: "left" },
  "&&": { prec: Prec.and, assoc: "left" },
  "==": { prec: Prec.equality, assoc: "none" },
  "!=": { prec: Prec.equality, assoc: "none" },
  "<": { prec: Prec.comparison, assoc: "none" },
  "<=": { prec: Prec.comparison, assoc: "none" },
  ">": { prec: Prec.comparison, assoc: "none" },
  ">=": { prec: Prec.comparison, assoc: "none" },
  "//": { prec: Prec.update, assoc: "right" },
  "+": { prec: Prec.sum, assoc: "left" },
  "-": { prec: Prec.sum, assoc: "left" },
  "*": { prec: Prec.product, assoc: "left" },
  "/": { prec: Prec.product, assoc: "left" },
  "++": { prec: Prec.concat, assoc: "right" },
  "?": { prec: Prec.has, assoc: "none" },
};

/** Minimum operand precedences for a binary operator: the associative side may repeat it. */
export function binarySides(op: BinaryOp): [left: number, right: number] {
  const { prec, assoc } = BINARY[op];
  return [assoc === "left" ? prec : prec + 1, assoc === "right" ? prec : prec + 1];
}

/** Raw text that is plainly a name or a dotted reference can sit anywhere an atom can. */
const SIMPLE_RAW = /^[A-Za-z_][A-Za-z0-9_'-]*(\.[A-Za-z_][A-Za-z0-9_'-]*)*$/;

export function precOf(e: NixExpr): number {
  switch (e.kind) {
    case "null":
    case "bool":
    case "string":
    case "list":
    case "attrs":
    case "ident":
    case "data":
      return Prec.atom;
    case "int":
      if (e.value >= 0n) return Prec.atom;
      return isInt64Min(e.value) ? Prec.sum : Prec.negate;
    case "float":
      // Subnormals print as a parenthesised product.
      return e.value < 0 && !isSubnormal(e.value) ? Prec.negate : Prec.atom;
    case "path": {
      const { form } = pathText(e.value);
      return form === "literal" ? Prec.atom : form === "sum" ? Prec.sum : Prec.apply;
    }
    case "select":
      return Prec.select;
    case "apply":
      return Prec.apply;
    case "unary":
      return e.op === "-" ? Prec.negate : Prec.not;
    case "binary":
      return BINARY[e.op].prec;
    case "lambda":
    case "let":
    case "with":
    case "if":
    case "assert":
      return Prec.expr;
    case "raw":
      return SIMPLE_RAW.test(e.text) ? Prec.atom : Prec.expr;
    default:
      return unreachable(e);
  }
}

/** Lists that may stay on one line: one short, simple item, as nixfmt prints `[ "x" ]`. */
export function isShortScalar(e: NixExpr): boolean {
  switch (e.kind) {
    case "null":
    case "bool":
    case "int":
    case "float":
    case "path":
    case "ident":
    case "string":
    case "select":
      return true;
    default:
      return false;
  }
}

/**
 * Whether `e` can be the target of `.attr` without parentheses. Numbers and paths cannot (`1.a`
 * lexes as the float `1.` and `./x.a` as one path); a select with `or` would take the `.` into its
 * default.
 */
export function isSelectable(e: NixExpr): boolean {
  switch (e.kind) {
    case "ident":
    case "string":
    case "list":
    case "attrs":
    case "data":
      return true;
    case "select":
      return e.default === undefined;
    case "raw":
      return SIMPLE_RAW.test(e.text);
    default:
      return false;
  }
}

/** True when `e` prints starting with `-`, so that a unary minus before it needs a space (`- -1`). */
export function startsWithMinus(e: NixExpr): boolean {
  switch (e.kind) {
    case "int":
      return e.value < 0n;
    case "float":
      return e.value < 0 && !isSubnormal(e.value);
    case "unary":
      return e.op === "-";
    default:
      return false;
  }
}

/**
 * The smallest precedence an operand needs to go without parentheses. `!` takes anything from
 * unary minus up, plus another `!` (`!!x`); binary operands of `!` get parentheses for the reader
 * even where Nix would not need them (`!a + b` means `!(a + b)`).
 */
export function unaryNeedsParens(op: "!" | "-", operand: NixExpr): boolean {
  if (op === "!" && operand.kind === "unary" && operand.op === "!") return false;
  return precOf(operand) < Prec.negate;
}

function unreachable(value: never): never {
  throw new Error(`unhandled Nix node ${JSON.stringify(value)}`);
}
