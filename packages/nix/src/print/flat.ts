// One-line renderings. The layout asks for them to decide whether something fits; `null` means the
// node never goes on one line (a non-empty set, a `let`, a list of two or more, an indented block)
// or is longer than the whole width. Results for composite nodes are cached, so each node is
// measured once however often the layout asks.
import type { FormalsParam, IdentParam, NixExpr, NixKind, StringNode } from "../ast.js";
import { NixValueError } from "../errors.js";
import { checkIdentifier, doubleQuoted } from "./escape.js";
import { floatText, intText, pathText } from "./literals.js";
import { dataFlat, Trail } from "./data.js";
import { binarySides, isSelectable, isShortScalar, Prec, precOf, startsWithMinus, unaryNeedsParens } from "./precedence.js";
import { attrPathPieces, hasAttrPath, stringForm, type Piece, type StringForm } from "./strings.js";

type Rule<K extends NixKind> = (f: Flat, e: Extract<NixExpr, { kind: K }>) => string | null;

export class Flat {
  private readonly cache = new Map<NixExpr, string | null>();
  private readonly forms = new Map<StringNode, StringForm>();

  constructor(readonly width: number) {}

  text(e: NixExpr): string | null {
    switch (e.kind) {
      // Cheap and never shared by big trees: not worth a cache entry.
      case "null":
      case "bool":
      case "int":
      case "float":
      case "path":
      case "ident":
        return literalText(e);
      case "attrs":
        return emptyAttrs(e.rec, e.bindings.length);
      case "let":
        return null;
      // Measured without printing: only a list of one element looks inside.
      case "data":
        return dataFlat(this, e.value, new Trail(e.at));
      case "list":
        if (e.items.length > 1) return null;
        break;
      case "string": {
        const [only] = e.parts;
        // The common case, plain one-line text, skips the choice of form and the cache.
        if (e.parts.length === 1 && typeof only === "string" && e.style !== "indented" && !only.includes("\n")) {
          return this.bounded(doubleQuoted(only, false));
        }
        break;
      }
      default:
        break;
    }
    let result = this.cache.get(e);
    if (result === undefined) {
      result = this.bounded((RULES[e.kind] as Rule<NixKind>)(this, e as never));
      this.cache.set(e, result);
    }
    return result;
  }

  /** The flat text with parentheses when `e` binds looser than `min`. */
  operand(e: NixExpr, min: number): string | null {
    const text = this.text(e);
    return text === null || precOf(e) >= min ? text : `(${text})`;
  }

  stringForm(e: StringNode): StringForm {
    let form = this.forms.get(e);
    if (form === undefined) {
      form = stringForm(e);
      this.forms.set(e, form);
    }
    return form;
  }

  /** The flat text in parentheses, whatever its precedence. */
  parens(e: NixExpr): string | null {
    const text = this.text(e);
    return text === null ? null : `(${text})`;
  }

  pieces(pieces: readonly Piece[]): string | null {
    let out = "";
    for (const piece of pieces) {
      const text = typeof piece === "string" ? piece : this.text(piece);
      if (text === null) return null;
      out += text;
    }
    return out;
  }

  formals(param: IdentParam | FormalsParam): string | null {
    if (param.kind === "ident") return identParam(param.name);
    const entries: string[] = [];
    for (const formal of checkFormals(param)) {
      if (formal.default === undefined) entries.push(formal.name);
      else {
        const value = this.text(formal.default);
        if (value === null) return null;
        entries.push(`${formal.name} ? ${value}`);
      }
    }
    if (param.ellipsis) entries.push("...");
    const set = entries.length === 0 ? "{ }" : `{ ${entries.join(", ")} }`;
    return `${param.at === undefined ? "" : `${checkIdentifier(param.at, "lambda parameter")}@`}${set}:`;
  }

  private bounded(text: string | null): string | null {
    return text !== null && text.length <= this.width ? text : null;
  }
}

type Literal = Extract<NixExpr, { kind: "null" | "bool" | "int" | "float" | "path" | "ident" }>;

export function literalText(e: Literal): string {
  switch (e.kind) {
    case "null":
      return "null";
    case "bool":
      return e.value ? "true" : "false";
    case "int":
      return intText(e.value);
    case "float":
      return floatText(e.value);
    case "path":
      return pathText(e.value).text;
    case "ident":
      return checkIdentifier(e.name, "variable");
  }
}

/** `x:` */
export function identParam(name: string): string {
  return `${checkIdentifier(name, "lambda parameter")}:`;
}

export function emptyAttrs(rec: boolean, count: number): string | null {
  if (count > 0) return null;
  return rec ? "rec { }" : "{ }";
}

/** Formal names must be identifiers and distinct (Nix rejects duplicates, `@` name included). */
export function checkFormals(param: FormalsParam): FormalsParam["formals"] {
  const seen = new Set<string>(param.at === undefined ? [] : [param.at]);
  for (const { name } of param.formals) {
    checkIdentifier(name, "formal argument");
    if (seen.has(name)) throw new NixValueError([], `duplicate formal argument ${JSON.stringify(name)}`);
    seen.add(name);
  }
  return param.formals;
}

const RULES: { readonly [K in NixKind]: Rule<K> } = {
  null: (_, e) => literalText(e),
  bool: (_, e) => literalText(e),
  int: (_, e) => literalText(e),
  float: (_, e) => literalText(e),
  path: (_, e) => literalText(e),
  ident: (_, e) => literalText(e),
  raw: (_, e) => (e.text.includes("\n") ? null : e.text),
  attrs: (_, e) => emptyAttrs(e.rec, e.bindings.length),
  let: () => null,
  data: (f, e) => dataFlat(f, e.value, new Trail(e.at)),
  string: (f, e) => {
    const form = f.stringForm(e);
    return form.kind === "line" ? f.pieces(form.pieces) : null;
  },
  list: (f, e) => {
    const [only, ...rest] = e.items;
    if (only === undefined) return "[ ]";
    if (rest.length > 0 || only.comment !== undefined || only.trailingComment !== undefined) return null;
    if (!isShortScalar(only.value)) return null;
    const item = f.operand(only.value, Prec.select);
    return item === null ? null : `[ ${item} ]`;
  },
  lambda: (f, e) => join(f.formals(e.param), " ", f.text(e.body)),
  apply: (f, e) => join(f.operand(e.fn, Prec.apply), " ", f.operand(e.arg, Prec.select)),
  select: (f, e) => {
    const target = isSelectable(e.target) ? f.text(e.target) : f.parens(e.target);
    const selected = join(target, ".", f.pieces(attrPathPieces(e.path)));
    return e.default === undefined ? selected : join(selected, " or ", f.operand(e.default, Prec.select));
  },
  with: (f, e) => join(join("with ", "", f.operand(e.scope, Prec.implies)), "; ", f.text(e.body)),
  if: (f, e) => {
    const head = join(join("if ", "", f.text(e.cond)), " then ", f.text(e.then));
    return join(head, " else ", f.text(e.else));
  },
  assert: (f, e) => join(join("assert ", "", f.text(e.cond)), "; ", f.text(e.body)),
  unary: (f, e) => {
    const operand = unaryNeedsParens(e.op, e.operand) ? f.parens(e.operand) : f.text(e.operand);
    return join(e.op, e.op === "-" && startsWithMinus(e.operand) ? " " : "", operand);
  },
  binary: (f, e) => {
    if (e.op === "?") {
      return join(f.operand(e.left, Prec.has + 1), " ? ", f.pieces(attrPathPieces(hasAttrPath(e.right))));
    }
    const [left, right] = binarySides(e.op);
    return join(f.operand(e.left, left), ` ${e.op} `, f.operand(e.right, right));
  },
};

function join(a: string | null, separator: string, b: string | null): string | null {
  return a === null || b === null ? null : a + separator + b;
}
