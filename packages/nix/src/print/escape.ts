// Every escape the printer makes: identifiers, attribute names, double-quoted strings and comments.
// Indented (`''…''`) strings have their own module, `indented.ts`, because their rules are about lines.
// Lexer rules quoted here are from Nix 2.8 `src/libexpr/lexer.l`.
import { NixValueError } from "../errors.js";

const IDENT = /^[A-Za-z_][A-Za-z0-9_'-]*$/;

// `or` is accepted as a binding name by Nix 2.8 but not as a variable; quoting it is always safe.
const KEYWORDS: ReadonlySet<string> = new Set(["if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or"]);

/** A name Nix reads as an identifier without quotes. */
export function isBareName(name: string): boolean {
  return IDENT.test(name) && !KEYWORDS.has(name);
}

/** Variables, lambda parameters and formals have no quoted form, so a bad name is an error. */
export function checkIdentifier(name: string, what: string): string {
  if (!isBareName(name)) {
    throw new NixValueError([], `${JSON.stringify(name)} is not a valid Nix identifier (${what})`);
  }
  return name;
}

/** `name` bare when Nix allows it, else `"quoted"`: `"foo.bar"`, `"let"`, `"1abc"`, `""`. */
export function attrName(name: string): string {
  return isBareName(name) ? name : doubleQuoted(name, false);
}

/** Why `text` cannot be written into a Nix file at all, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (!UNUSUAL.test(text)) return undefined;
  if (text.includes("\0")) return "contains a NUL character, which Nix cannot represent";
  // A lone surrogate has no UTF-8 encoding: writing the file would silently replace it.
  if (LONE_SURROGATE.test(text)) return "contains an unpaired UTF-16 surrogate, which has no UTF-8 encoding";
  return undefined;
}

const UNUSUAL = /[\0\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkPrintable(text: string, what: string): void {
  const problem = textProblem(text);
  if (problem !== undefined) throw new NixValueError([], `${what} ${problem}`);
}

const DOUBLE_SPECIAL = /["\\\n\r\t$\0\uD800-\uDFFF]/;

/**
 * The body of a `"…"` literal (without the quotes). `${` becomes `\${`; a `$` that ends the text is
 * escaped too when an interpolation follows, because `$${x}` lexes as the literal text `$${x}`.
 */
export function escapeDouble(text: string, beforeInterpolation: boolean): string {
  if (!DOUBLE_SPECIAL.test(text)) return text;
  checkPrintable(text, "a string");
  // A loop rather than `replace` with a callback: this runs for every string in the data.
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const escape = doubleEscape(text.charCodeAt(i), text.charCodeAt(i + 1), beforeInterpolation);
    if (escape === undefined) continue;
    out += text.slice(from, i) + escape;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** `next` is NaN at the end of the text, where a `$` needs escaping only before an interpolation. */
function doubleEscape(c: number, next: number, beforeInterpolation: boolean): string | undefined {
  switch (c) {
    case 0x22: // "
      return '\\"';
    case 0x5c: // backslash
      return "\\\\";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x24: // $ starts an interpolation when `{` follows
      return next === 0x7b || (Number.isNaN(next) && beforeInterpolation) ? "\\$" : undefined;
    default:
      return undefined;
  }
}

/**
 * `doubleQuoted(text, false)` for one line of printable text; undefined when the text has a newline
 * (the string rules may choose `''…''` for it) or cannot be printed (the caller says where). Plain
 * text, most of any data, costs one regex test.
 */
export function quotedLine(text: string): string | undefined {
  if (!DOUBLE_SPECIAL.test(text)) return `"${text}"`;
  if (text.includes("\n") || textProblem(text) !== undefined) return undefined;
  return `"${escapeDouble(text, false)}"`;
}

/** A whole `"…"` literal without interpolations. */
export function doubleQuoted(text: string, beforeInterpolation: boolean): string {
  return `"${escapeDouble(text, beforeInterpolation)}"`;
}

/**
 * `# …` lines for a comment. Nix ends a comment at `\n` or `\r`, so each source line gets its own `#`;
 * trailing blanks are dropped so generated files carry no trailing whitespace.
 */
export function commentLines(text: string): string[] {
  checkPrintable(text, "a comment");
  return text.split(/\r\n|\r|\n/).map((line) => {
    const trimmed = line.trimEnd();
    return trimmed === "" ? "#" : `# ${trimmed}`;
  });
}
