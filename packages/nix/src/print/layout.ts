// The printer's cursor and the layout decisions shared by every node kind: fit on the line, hang a
// bracketed value off the current line ("absorb" it, as nixfmt says), or move to the next line.
// Per-kind broken layouts are in `broken.ts`.
import type { ApplyNode, BinaryNode, Binding, InheritNode, NixExpr, NixKind } from "../ast.js";
import { NixValueError } from "../errors.js";
import { BROKEN, type BrokenRule } from "./broken.js";
import { attrName, commentLines } from "./escape.js";
import { applyChain, binaryChain } from "./chains.js";
import { hasBinding } from "./data.js";
import { Flat } from "./flat.js";
import { Prec, precOf } from "./precedence.js";
import { attrPathPieces, type Piece } from "./strings.js";

const NEWLINES: string[] = [];
const ROPE_PIECES = 4096;
const ROPES_PER_CHUNK = 16;

function newlineAt(level: number): string {
  return (NEWLINES[level] ??= `\n${"  ".repeat(level)}`);
}

/** A call or chain laid out with its last operand hung: the flat text before that operand (`lib.mkIf cond `). */
interface HangingHead {
  readonly head: string;
  readonly last: NixExpr;
  readonly min: number;
}

export function layout(e: NixExpr, width: number): string {
  const printer = new Printer(width);
  printer.expr(e, 0);
  return printer.result();
}

export class Printer {
  readonly flat: Flat;
  // Pieces are appended to a string (a rope V8 flattens once, when the text is used: cheaper than
  // collecting and joining them, at the size of a generated file). At data size one rope of millions
  // of pieces kept alive was most of the time (garbage collection), so every few thousand pieces the
  // rope is set aside, and every few dozen of those joined into one flat string.
  private rope = "";
  private ropePieces = 0;
  private ropes: string[] = [];
  private readonly chunks: string[] = [];
  private readonly heads = new Map<ApplyNode | BinaryNode, HangingHead | null>();
  private col = 0;

  constructor(readonly width: number) {
    this.flat = new Flat(width);
  }

  result(): string {
    if (this.ropes.length === 0 && this.chunks.length === 0) return this.rope;
    this.ropes.push(this.rope);
    if (this.chunks.length === 0) return this.ropes.join("");
    this.chunks.push(this.ropes.join(""));
    return this.chunks.join("");
  }

  write(text: string): void {
    this.append(text);
    this.col += text.length;
  }

  newline(level: number): void {
    this.append(newlineAt(level));
    this.col = level * 2;
  }

  /** A line break without indentation: blank lines carry no trailing spaces. */
  emptyLine(): void {
    this.append("\n");
    this.col = 0;
  }

  private append(text: string): void {
    this.rope += text;
    if (++this.ropePieces < ROPE_PIECES) return;
    this.ropes.push(this.rope);
    this.rope = "";
    this.ropePieces = 0;
    if (this.ropes.length < ROPES_PER_CHUNK) return;
    this.chunks.push(this.ropes.join(""));
    this.ropes = [];
  }

  fits(length: number): boolean {
    return this.col + length <= this.width;
  }

  /** Prints `e` at the cursor, on one line if it fits; lines it breaks onto are indented `level`. */
  expr(e: NixExpr, level: number, flat: string | null = this.flat.text(e)): void {
    if (flat !== null && this.fits(flat.length)) this.write(flat);
    else this.broken(e, level);
  }

  broken(e: NixExpr, level: number): void {
    (BROKEN[e.kind] as BrokenRule<NixKind>)(this, e as never, level);
  }

  /** `e` as an operand that must bind at least as tightly as `min`. */
  operand(e: NixExpr, min: number, level: number): void {
    if (precOf(e) < min) this.parens(e, level);
    else this.expr(e, level);
  }

  /** `(e)`: on one line, hugging a bracketed body `({ … })`, or with `e` on lines of its own. */
  parens(e: NixExpr, level: number): void {
    const flat = this.flat.text(e);
    if (flat !== null && this.fits(flat.length + 2)) return this.write(`(${flat})`);
    this.write("(");
    if (this.absorbable(e)) this.broken(e, level);
    else {
      this.newline(level + 1);
      this.expr(e, level + 1);
      this.newline(level);
    }
    this.write(")");
  }

  pieces(pieces: readonly Piece[], level: number): void {
    for (const piece of pieces) {
      if (typeof piece === "string") this.write(piece);
      else this.expr(piece, level);
    }
  }

  /**
   * Whether the broken form of `e` can start on the current line and end with a closing bracket on
   * its own line: a set, a list, an indented string, or a call, `with`, `x:` or operator chain that
   * ends in one (`lib.mkOption {`, `with pkgs; [`, `base // {`, `f (`).
   */
  absorbable(e: NixExpr): boolean {
    switch (e.kind) {
      case "attrs":
        return e.bindings.length > 0;
      case "list":
        return true;
      case "data":
        return Array.isArray(e.value) || hasBinding(e.value);
      case "string":
        return this.flat.stringForm(e).kind === "block";
      case "lambda":
        return e.param.kind === "ident" && this.absorbable(e.body);
      case "with":
        return this.flat.operand(e.scope, Prec.implies) !== null && this.absorbable(e.body);
      case "apply":
      case "binary":
        return this.hangingHead(e) !== null;
      default:
        return false;
    }
  }

  /**
   * For a call or operator chain whose last operand is absorbable and whose other parts are flat:
   * the text before that last operand (`lib.mkOption `, `base // `), else null.
   */
  hangingHead(e: ApplyNode | BinaryNode): HangingHead | null {
    // Asked twice for each call or chain (can it absorb, then its broken form): work it out once.
    let known = this.heads.get(e);
    if (known === undefined) {
      known = this.hangingHeadOf(e);
      this.heads.set(e, known);
    }
    return known;
  }

  private hangingHeadOf(e: ApplyNode | BinaryNode): HangingHead | null {
    const chain = e.kind === "apply" ? applyChain(e) : binaryChain(e);
    if (chain === null) return null;
    const { operands, separators, mins } = chain;
    const lastIndex = operands.length - 1;
    const last = operands[lastIndex];
    const lastMin = mins[lastIndex] ?? Prec.atom;
    // A last operand in parentheses always ends on a line of its own: `f (\n  let … in x\n)`.
    if (last === undefined || (precOf(last) >= lastMin && !this.absorbable(last))) return null;
    let head = "";
    for (let i = 0; i < lastIndex; i++) {
      const text = this.flat.operand(operands[i] as NixExpr, mins[i] ?? Prec.atom);
      if (text === null) return null;
      head += text + (separators[i] ?? " ");
    }
    return head.length <= this.width ? { head, last, min: lastMin } : null;
  }

  /** After a binding name (or a formal, with `glue` ` ? `): ` = value`, hung, or on the next line. */
  rhs(e: NixExpr, level: number, glue = " = "): void {
    const flat = this.flat.text(e);
    if (flat !== null && this.fits(glue.length + flat.length + 1)) this.write(glue + flat);
    else if (this.absorbable(e)) {
      this.write(glue);
      this.broken(e, level);
    } else {
      this.write(glue.trimEnd());
      this.newline(level + 1);
      this.expr(e, level + 1, flat);
    }
  }

  /** After `with x;` or `x:`: the body on the same line if it fits or hangs, else below, unindented. */
  body(e: NixExpr, level: number): void {
    const flat = this.flat.text(e);
    if (flat !== null && this.fits(flat.length + 1)) this.write(` ${flat}`);
    else if (this.absorbable(e)) {
      this.write(" ");
      this.broken(e, level);
    } else {
      this.newline(level);
      this.expr(e, level, flat);
    }
  }

  /** Bindings of a set or `let`, one per line at `level`, each with its comments. */
  bindings(bindings: readonly Binding[], level: number): void {
    for (const binding of bindings) {
      this.comment(binding.comment, level);
      this.newline(level);
      if (binding.kind === "inherit") this.inherit(binding, level);
      else {
        const { path } = binding;
        if (path.length === 0) throw new NixValueError([], "a binding needs at least one attribute name");
        // Data is mostly `name = value;`: skip building pieces for a single plain name.
        const [key] = path;
        if (path.length === 1 && typeof key === "string") this.write(attrName(key));
        else this.pieces(attrPathPieces(path), level);
        this.rhs(binding.value, level);
        this.write(";");
      }
      this.trailingComment(binding.trailingComment, level);
    }
  }

  /** `inherit (from) a b;`, or one name per line when that is too long. */
  private inherit(binding: InheritNode, level: number): void {
    const names = binding.names.map(attrName);
    const from = binding.from === undefined ? "" : this.flat.parens(binding.from);
    const flat = from === null ? null : `inherit${from === "" ? "" : ` ${from}`}${names.map((n) => ` ${n}`).join("")};`;
    if (flat !== null && this.fits(flat.length)) return this.write(flat);
    this.write("inherit");
    if (binding.from !== undefined) {
      this.write(" ");
      this.parens(binding.from, level);
    }
    for (const name of names) {
      this.newline(level + 1);
      this.write(name);
    }
    this.newline(level + 1);
    this.write(";");
  }

  /** `# …` lines above an entry. */
  comment(text: string | undefined, level: number): void {
    if (text === undefined) return;
    for (const line of commentLines(text)) {
      this.newline(level);
      this.write(line);
    }
  }

  /** `# …` after an entry; further lines of a multi-line comment follow below it. */
  trailingComment(text: string | undefined, level: number): void {
    if (text === undefined) return;
    commentLines(text).forEach((line, i) => {
      if (i > 0) this.newline(level);
      else this.write(" ");
      this.write(line);
    });
  }
}
