// The multi-line layout of each node kind, used when its one-line form does not fit (or does not
// exist). Keyed by kind so that a new kind of node does not compile until it has a layout.
import type { FormalsParam, IdentParam, IfNode, LambdaNode, NixExpr, NixKind } from "../ast.js";
import { checkIdentifier } from "./escape.js";
import { dataBroken, Trail } from "./data.js";
import { checkFormals, identParam, literalText } from "./flat.js";
import { applyChain, binaryChain } from "./chains.js";
import type { Printer } from "./layout.js";
import { isSelectable, Prec, startsWithMinus, unaryNeedsParens } from "./precedence.js";
import { attrPathPieces, hasAttrPath } from "./strings.js";

export type BrokenRule<K extends NixKind> = (p: Printer, e: Extract<NixExpr, { kind: K }>, level: number) => void;

export const BROKEN: { readonly [K in NixKind]: BrokenRule<K> } = {
  null: (p, e) => p.write(literalText(e)),
  bool: (p, e) => p.write(literalText(e)),
  int: (p, e) => p.write(literalText(e)),
  float: (p, e) => p.write(literalText(e)),
  path: (p, e) => p.write(literalText(e)),
  ident: (p, e) => p.write(literalText(e)),

  /** Continuation lines get the current indentation in front; the caller vouches for the rest. */
  raw: (p, e, level) => {
    e.text.split("\n").forEach((line, i) => {
      if (i > 0) {
        if (line === "") p.emptyLine();
        else p.newline(level);
      }
      p.write(line);
    });
  },

  string: (p, e, level) => {
    const form = p.flat.stringForm(e);
    if (form.kind === "line") return p.pieces(form.pieces, level);
    p.write("''");
    for (const line of form.lines) {
      if (line.length === 1 && line[0] === "") p.emptyLine();
      else {
        p.newline(level + 1);
        p.pieces(line, level + 1);
      }
    }
    if (!form.closeInline) p.newline(level);
    p.write("''");
  },

  list: (p, e, level) => {
    if (e.items.length === 0) return p.write("[ ]");
    p.write("[");
    for (const item of e.items) {
      p.comment(item.comment, level + 1);
      p.newline(level + 1);
      p.operand(item.value, Prec.select, level + 1);
      p.trailingComment(item.trailingComment, level + 1);
    }
    p.newline(level);
    p.write("]");
  },

  data: (p, e, level) => dataBroken(p, e.value, level, new Trail(e.at)),

  attrs: (p, e, level) => {
    if (e.bindings.length === 0) return p.write(e.rec ? "rec { }" : "{ }");
    p.write(e.rec ? "rec {" : "{");
    p.bindings(e.bindings, level + 1);
    p.newline(level);
    p.write("}");
  },

  let: (p, e, level) => {
    p.write("let");
    p.bindings(e.bindings, level + 1);
    p.newline(level);
    p.write("in");
    p.newline(level);
    p.expr(e.body, level);
  },

  lambda: (p, e, level) => {
    if (e.param.kind === "formals") {
      const head = p.flat.formals(e.param);
      if (head !== null && p.fits(head.length)) p.write(head);
      else formalsBroken(p, e.param, level);
      // nixfmt: a set-pattern function that does not fit on one line has its body below, unindented.
      p.newline(level);
      return p.expr(e.body, level);
    }
    // `pkgs: pkgs-unstable: body`: a chain of plain parameters stays on one line.
    let body: NixExpr = e;
    const params: string[] = [];
    for (; isIdentLambda(body); body = body.body) params.push(identParam(body.param.name));
    p.write(params.join(" "));
    p.body(body, level);
  },

  apply: (p, e, level) => {
    const hang = p.hangingHead(e);
    if (hang !== null && p.fits(hang.head.length + 1)) {
      p.write(hang.head);
      return p.operand(hang.last, hang.min, level);
    }
    const [fn, ...args] = applyChain(e).operands;
    p.operand(fn as NixExpr, Prec.apply, level);
    for (const arg of args) {
      p.newline(level + 1);
      p.operand(arg, Prec.select, level + 1);
    }
  },

  select: (p, e, level) => {
    if (isSelectable(e.target)) p.expr(e.target, level);
    else p.parens(e.target, level);
    p.write(".");
    p.pieces(attrPathPieces(e.path), level);
    if (e.default === undefined) return;
    p.write(" or ");
    p.operand(e.default, Prec.select, level);
  },

  with: (p, e, level) => {
    p.write("with ");
    p.operand(e.scope, Prec.implies, level);
    p.write(";");
    p.body(e.body, level);
  },

  if: (p, e, level) => {
    // `else if` chains stay flat: each condition at the same depth.
    for (let node: IfNode | undefined = e; node !== undefined; ) {
      p.write("if ");
      p.expr(node.cond, level);
      p.write(" then");
      p.newline(level + 1);
      p.expr(node.then, level + 1);
      p.newline(level);
      p.write("else");
      if (node.else.kind === "if") {
        p.write(" ");
        node = node.else;
      } else {
        p.newline(level + 1);
        p.expr(node.else, level + 1);
        node = undefined;
      }
    }
  },

  assert: (p, e, level) => {
    p.write("assert ");
    p.expr(e.cond, level);
    p.write(";");
    p.newline(level);
    p.expr(e.body, level);
  },

  unary: (p, e, level) => {
    p.write(e.op === "-" && startsWithMinus(e.operand) ? "- " : e.op);
    if (unaryNeedsParens(e.op, e.operand)) p.parens(e.operand, level);
    else p.expr(e.operand, level);
  },

  binary: (p, e, level) => {
    if (e.op === "?") {
      p.operand(e.left, Prec.has + 1, level);
      p.write(" ? ");
      return p.pieces(attrPathPieces(hasAttrPath(e.right)), level);
    }
    const hang = p.hangingHead(e);
    if (hang !== null && p.fits(hang.head.length + 1)) {
      p.write(hang.head);
      return p.operand(hang.last, hang.min, level);
    }
    // nixfmt: one operand per line, each after its operator.
    const chain = binaryChain(e);
    if (chain === null) return;
    chain.operands.forEach((operand, i) => {
      if (i > 0) {
        p.newline(level);
        p.write(`${chain.separators[i - 1]?.trimStart() ?? ""}`);
      }
      p.operand(operand, chain.mins[i] ?? Prec.atom, level);
    });
  },
};

function isIdentLambda(e: NixExpr): e is LambdaNode & { readonly param: IdentParam } {
  return e.kind === "lambda" && e.param.kind === "ident";
}

/** One formal per line with trailing commas, as nixfmt does: `{\n  lib,\n  ...\n}:` */
function formalsBroken(p: Printer, param: FormalsParam, level: number): void {
  p.write(param.at === undefined ? "{" : `${checkIdentifier(param.at, "lambda parameter")}@{`);
  for (const formal of checkFormals(param)) {
    p.newline(level + 1);
    p.write(formal.name);
    if (formal.default !== undefined) p.rhs(formal.default, level + 1, " ? ");
    p.write(",");
  }
  if (param.ellipsis) {
    p.newline(level + 1);
    p.write("...");
  }
  p.newline(level);
  p.write("}:");
}
