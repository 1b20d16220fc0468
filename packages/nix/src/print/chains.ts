// Calls and operator chains seen as a flat sequence of operands, which is how they are laid out:
// `f a b c` and `a // b // c` break (or hang their last operand) as a whole.
import type { ApplyNode, BinaryNode, BinaryOp, NixExpr } from "../ast.js";
import { BINARY, binarySides, Prec } from "./precedence.js";

export interface Chain {
  readonly operands: readonly NixExpr[];
  /** Text between operand i and i + 1. */
  readonly separators: readonly string[];
  /** Minimum precedence of each operand. */
  readonly mins: readonly number[];
}

/** `f a b c` as the function and its arguments. */
export function applyChain(e: ApplyNode): Chain {
  const operands: NixExpr[] = [];
  let fn: NixExpr = e;
  for (; fn.kind === "apply"; fn = fn.fn) operands.push(fn.arg);
  operands.push(fn);
  operands.reverse();
  return {
    operands,
    separators: operands.slice(1).map(() => " "),
    mins: operands.map((_, i) => (i === 0 ? Prec.apply : Prec.select)),
  };
}

/**
 * `a + b - c` or `a // b // c` as one chain of operators of the same precedence, walking the side
 * the operator associates to; null for `?`, whose right side is not an expression.
 */
export function binaryChain(e: BinaryNode): Chain | null {
  if (e.op === "?") return null;
  const { prec, assoc } = BINARY[e.op];
  const sameLevel = (x: NixExpr): x is BinaryNode => x.kind === "binary" && x.op !== "?" && BINARY[x.op].prec === prec;
  const operands: NixExpr[] = [];
  const ops: BinaryOp[] = [];
  if (assoc === "left") {
    let node: NixExpr = e;
    for (; sameLevel(node); node = node.left) {
      operands.push(node.right);
      ops.push(node.op);
    }
    operands.push(node);
    operands.reverse();
    ops.reverse();
  } else if (assoc === "right") {
    let node: NixExpr = e;
    for (; sameLevel(node); node = node.right) {
      operands.push(node.left);
      ops.push(node.op);
    }
    operands.push(node);
  } else {
    operands.push(e.left, e.right);
    ops.push(e.op);
  }
  const [leftMin, rightMin] = binarySides(e.op);
  const mins = operands.map((_, i) => {
    if (assoc === "left") return i === 0 ? leftMin : rightMin;
    if (assoc === "right") return i === operands.length - 1 ? rightMin : leftMin;
    return i === 0 ? leftMin : rightMin;
  });
  return { operands, separators: ops.map((op) => ` ${op} `), mins };
}
