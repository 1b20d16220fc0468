// Chooses how a string literal is written and escapes it: `"…"`, `''…''` on one line, or an indented
// block. Indented strings are the subtle part: Nix strips the smallest indentation of the non-blank
// lines, drops a first line that is blank after `''`, drops a last line made only of spaces, and
// counts only spaces (not tabs, not escapes) as indentation. See `stripIndentation` in Nix 2.8's
// `src/libexpr/parser.y` and the `IND_STRING` rules in `lexer.l`.
import type { AttrKey, NixExpr, StringNode } from "../ast.js";
import { NixValueError } from "../errors.js";
import { attrName, checkPrintable, escapeDouble } from "./escape.js";

/** Source text, already escaped, or an expression the printer writes inside `${…}`. */
export type Piece = string | NixExpr;

/** Fits on one line: `"…"` or `''…''`. */
interface LineForm {
  readonly kind: "line";
  readonly pieces: readonly Piece[];
}

export type StringForm =
  | LineForm
  /**
   * `''`, then each line on its own line one level deeper (blank lines stay empty), then `''`: on its
   * own line when the text ends with a newline, else right after the last line.
   */
  | { readonly kind: "block"; readonly lines: readonly (readonly Piece[])[]; readonly closeInline: boolean };

type Part = string | NixExpr;
type Line = readonly Part[];

export function stringForm(node: StringNode): StringForm {
  const parts = mergeParts(node.parts);
  if (node.style === "double") return doubleForm(parts);
  const multiline = parts.some((p) => typeof p === "string" && p.includes("\n"));
  if (node.style === "auto") {
    // Carriage returns would need `''\r` on every line: `"…\r\n…"` reads better.
    if (!multiline || parts.some((p) => typeof p === "string" && p.includes("\r"))) return doubleForm(parts);
    return blockForm(parts, false) ?? doubleForm(parts);
  }
  return (multiline ? blockForm(parts, true) : inlineForm(parts)) ?? doubleForm(parts);
}

/** An attribute name: bare or `"quoted"`, `${expr}` for a lone interpolation, else `"…${expr}…"`. */
function keyPieces(key: AttrKey): readonly Piece[] {
  if (typeof key === "string") return [attrName(key)];
  const parts = mergeParts(key.parts);
  if (parts.length === 0) return ['""'];
  const [only] = parts;
  if (parts.length === 1 && typeof only === "string") return [attrName(only)];
  if (parts.length === 1 && only !== undefined) return ["${", only, "}"];
  return doubleForm(parts).pieces;
}

/** `a.b."c d".${x}` */
export function attrPathPieces(keys: readonly AttrKey[]): Piece[] {
  const pieces: Piece[] = [];
  keys.forEach((key, i) => {
    if (i > 0) pieces.push(".");
    pieces.push(...keyPieces(key));
  });
  return pieces;
}

/** The attribute path right of `?`, which Nix parses as a path, not as an expression. */
export function hasAttrPath(e: NixExpr): readonly AttrKey[] {
  if (e.kind === "ident") return [e.name];
  if (e.kind === "string") return [e];
  if (e.kind === "select" && e.default === undefined) return [...hasAttrPath(e.target), ...e.path];
  throw new NixValueError([], "the right side of `?` must name an attribute: an identifier, a string or a select like `a.b`");
}

/** Adjacent literal parts joined and empty ones dropped, so escapes see whole runs of text. */
function mergeParts(parts: readonly Part[]): Part[] {
  if (parts.length === 1 && typeof parts[0] === "string") {
    checkPrintable(parts[0], "a string");
    return parts[0] === "" ? [] : [parts[0]];
  }
  const out: Part[] = [];
  for (const part of parts) {
    if (typeof part !== "string") out.push(part);
    else if (part !== "") {
      checkPrintable(part, "a string");
      const last = out.length - 1;
      if (typeof out[last] === "string") out[last] += part;
      else out.push(part);
    }
  }
  return out;
}

function doubleForm(parts: readonly Part[]): LineForm {
  const pieces: Piece[] = [];
  let text = '"';
  parts.forEach((part, i) => {
    if (typeof part === "string") {
      text += escapeDouble(part, typeof parts[i + 1] === "object");
    } else {
      pieces.push(`${text}\${`, part);
      text = "}";
    }
  });
  pieces.push(`${text}"`);
  return { kind: "line", pieces };
}

/** `''text''` for one line of text; unsafe when it starts with a space (that would be stripped). */
function inlineForm(parts: readonly Part[]): LineForm | undefined {
  const first = parts[0];
  if (typeof first === "string" && first.startsWith(" ")) return undefined;
  const pieces = escapeLine(parts, "close");
  return { kind: "line", pieces: ["''", ...pieces, "''"] };
}

/**
 * The indented block, or undefined when it would not read back as exactly this text. Every
 * non-empty line gets the same extra indentation, so the text survives when Nix strips exactly that
 * much: some non-blank line must start with a non-space. `allowEscapedIndent` lets a line start with
 * `''\ ` (an escaped space, which does not count as indentation) when no line qualifies.
 */
function blockForm(parts: readonly Part[], allowEscapedIndent: boolean): StringForm | undefined {
  const lines = splitLines(parts);
  const last = lines[lines.length - 1] ?? [];
  const closeInline = last.length > 0;
  // Nix drops a final line made only of spaces; an empty one is the newline we end on.
  if (closeInline && isBlank(last)) return undefined;
  const content = closeInline ? lines : lines.slice(0, -1);

  let escapeIndentAt = -1;
  if (!content.some((line) => !isBlank(line) && !startsWithSpace(line))) {
    escapeIndentAt = allowEscapedIndent ? content.findIndex((line) => !isBlank(line)) : -1;
    if (escapeIndentAt < 0) return undefined;
  }
  const escaped = content.map((line, i) => {
    const pieces = escapeLine(line, closeInline && i === content.length - 1 ? "close" : "newline");
    if (i === escapeIndentAt) pieces[0] = `''\\ ${(pieces[0] as string).slice(1)}`;
    return pieces;
  });
  return { kind: "block", lines: escaped, closeInline };
}

function splitLines(parts: readonly Part[]): Part[][] {
  const lines: Part[][] = [[]];
  for (const part of parts) {
    if (typeof part !== "string") {
      lines[lines.length - 1]?.push(part);
      continue;
    }
    part.split("\n").forEach((segment, i) => {
      if (i > 0) lines.push([]);
      if (segment !== "") lines[lines.length - 1]?.push(segment);
    });
  }
  return lines;
}

/** Only spaces (or nothing): such lines do not take part in Nix's indentation stripping. */
function isBlank(line: Line): boolean {
  return line.every((part) => typeof part === "string" && /^ *$/.test(part));
}

function startsWithSpace(line: Line): boolean {
  const first = line[0];
  return typeof first === "string" && first.startsWith(" ");
}

/** What the escaped text of a line runs into, which decides how its last `'` or `$` is written. */
type Follow = "newline" | "close";

function escapeLine(line: Line, end: Follow): Piece[] {
  const pieces: Piece[] = [];
  let text = "";
  line.forEach((part, i) => {
    if (typeof part === "string") {
      text += escapeIndented(part, typeof line[i + 1] === "object" ? "interpolation" : end);
    } else {
      pieces.push(`${text}\${`, part);
      text = "}";
    }
  });
  pieces.push(text);
  return pieces;
}

const INDENTED_SPECIAL = /'+|\$|\r/g;
const HAS_INDENTED_SPECIAL = /['$\r]/;

/**
 * Escapes one line of text inside `''…''`: `''` → `'''`, `${` → `''${`, `\r` → `''\r`. A lone `'`
 * right before anything that itself starts with `'` (an escape or the closing `''`) would merge with
 * it, so it is written `''\'`. A `$` before an interpolation is `''$`, since `$${` is literal text.
 */
function escapeIndented(text: string, follow: Follow | "interpolation"): string {
  if (!HAS_INDENTED_SPECIAL.test(text)) return text;
  const escapedAt = (i: number): boolean => {
    if (i === text.length) return follow === "close";
    const c = text[i];
    if (c === "\r") return true;
    return c === "$" && (text[i + 1] === "{" || (i + 1 === text.length && follow === "interpolation"));
  };
  return text.replace(INDENTED_SPECIAL, (match: string, offset: number) => {
    if (match === "\r") return "''\\r";
    if (match === "$") return escapedAt(offset) ? "''$" : "$";
    const pairs = "'''".repeat(match.length >> 1);
    if (match.length % 2 === 0) return pairs;
    return pairs + (escapedAt(offset + match.length) ? "''\\'" : "'");
  });
}
