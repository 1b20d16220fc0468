// A lexer for the parts of Nix syntax that `nixgen import` reads from source rather than from
// evaluation: binding names, attribute order, comments, `import` paths. Strings (with their `${…}`)
// are one token each; everything the scan does not need is still consumed, so brackets stay matched.
// Rules from Nix's lexer.l (2.8).

export type TokenKind = "id" | "str" | "path" | "num" | "uri" | "punct" | "comment";

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export class NixLexError extends Error {
  override readonly name = "NixLexError";
}

const PATH_CHAR = String.raw`[a-zA-Z0-9._\-+]`;
const patterns: readonly [TokenKind, RegExp][] = [
  ["path", new RegExp(String.raw`${PATH_CHAR}*(\/${PATH_CHAR}+)+\/?`, "y")],
  ["path", new RegExp(String.raw`~(\/${PATH_CHAR}+)+\/?`, "y")],
  ["path", new RegExp(String.raw`<${PATH_CHAR}+(\/${PATH_CHAR}+)*>`, "y")],
  ["uri", /[a-zA-Z][a-zA-Z0-9+\-.]*:[a-zA-Z0-9%/?:@&=+$,\-_.!~*']+/y],
  ["num", /(([1-9][0-9]*\.[0-9]*)|(0?\.[0-9]+))([Ee][+-]?[0-9]+)?/y],
  ["num", /[0-9]+/y],
  ["id", /[a-zA-Z_][a-zA-Z0-9_'-]*/y],
];
const OPERATORS = ["...", "${", "//", "++", "==", "!=", "<=", ">=", "&&", "||", "->"];

/** Every token of `source`, comments included, in order. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  lexInto(source, 0, tokens, false);
  return tokens;
}

/** Lexes from `pos`; inside an interpolation, stops after the `}` that closes it and returns its end. */
function lexInto(source: string, start: number, tokens: Token[], interpolation: boolean): number {
  let pos = start;
  let depth = 0;
  while (pos < source.length) {
    const char = source[pos] as string;
    if (/\s/.test(char)) {
      pos += 1;
      continue;
    }
    if (char === "#") {
      const end = source.indexOf("\n", pos);
      pos = pushToken(tokens, "comment", source, pos, end === -1 ? source.length : end);
      continue;
    }
    if (source.startsWith("/*", pos)) {
      const end = source.indexOf("*/", pos + 2);
      if (end === -1) throw new NixLexError(`unterminated comment at offset ${pos}`);
      pos = pushToken(tokens, "comment", source, pos, end + 2);
      continue;
    }
    if (char === '"') {
      pos = pushToken(tokens, "str", source, pos, skipString(source, pos + 1));
      continue;
    }
    if (source.startsWith("''", pos)) {
      pos = pushToken(tokens, "str", source, pos, skipIndentedString(source, pos + 2));
      continue;
    }
    const matched = longestMatch(source, pos);
    if (matched !== undefined) {
      pos = pushToken(tokens, matched[0], source, pos, matched[1]);
      continue;
    }
    const operator = OPERATORS.find((op) => source.startsWith(op, pos)) ?? char;
    if (interpolation && (operator === "{" || operator === "${")) depth += 1;
    if (interpolation && operator === "}") {
      if (depth === 0) return pos + 1;
      depth -= 1;
    }
    pos = pushToken(tokens, "punct", source, pos, pos + operator.length);
  }
  if (interpolation) throw new NixLexError(`unterminated \${ at offset ${start}`);
  return pos;
}

function pushToken(tokens: Token[], kind: TokenKind, source: string, start: number, end: number): number {
  tokens.push({ kind, text: source.slice(start, end), start, end });
  return end;
}

/** Flex takes the longest match; on a tie, the rule listed first. */
function longestMatch(source: string, pos: number): [TokenKind, number] | undefined {
  let best: [TokenKind, number] | undefined;
  for (const [kind, pattern] of patterns) {
    pattern.lastIndex = pos;
    if (pattern.test(source) && (best === undefined || pattern.lastIndex > best[1])) best = [kind, pattern.lastIndex];
  }
  return best;
}

/** From just after the opening `"` to just after the closing one. */
function skipString(source: string, start: number): number {
  let pos = start;
  while (pos < source.length) {
    const char = source[pos];
    if (char === "\\") pos += 2;
    else if (char === '"') return pos + 1;
    else if (source.startsWith("${", pos)) pos = lexInto(source, pos + 2, [], true);
    else if (source.startsWith("$$", pos)) pos += 2;
    else pos += 1;
  }
  throw new NixLexError(`unterminated string at offset ${start - 1}`);
}

/** From just after the opening `''` to just after the closing one; `'''`, `''$` and `''\x` are escapes. */
function skipIndentedString(source: string, start: number): number {
  let pos = start;
  while (pos < source.length) {
    if (source.startsWith("'''", pos)) pos += 3;
    else if (source.startsWith("''$", pos)) pos += 3;
    else if (source.startsWith("''\\", pos)) pos += 4;
    else if (source.startsWith("''", pos)) return pos + 2;
    else if (source.startsWith("${", pos)) pos = lexInto(source, pos + 2, [], true);
    else if (source.startsWith("$$", pos)) pos += 2;
    else pos += 1;
  }
  throw new NixLexError(`unterminated indented string at offset ${start - 2}`);
}

/** The value of a string token without interpolation (attribute names like `"grafana.age"`); else undefined. */
export function stringValue(token: Token): string | undefined {
  if (token.kind === "id") return token.text;
  if (token.kind !== "str" || !token.text.startsWith('"')) return undefined;
  const body = token.text.slice(1, -1);
  if (/(^|[^\\])\$\{/.test(body)) return undefined;
  const escapes: Record<string, string> = { n: "\n", r: "\r", t: "\t" };
  return body.replace(/\\(.)/gs, (_, c: string) => escapes[c] ?? c);
}
