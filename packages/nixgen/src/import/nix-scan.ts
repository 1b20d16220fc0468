// What evaluation forgets and a light reading of the source still knows: the names of the file's own
// `let` bindings, the order attributes were written in, the comments above them, the files it
// imports and the identifiers it uses. Not a parser: it walks tokens, matching brackets, and only
// looks closely at bindings. Evaluation stays the authority on values; this only names and orders them.
import { stringValue, tokenize, type Token } from "./nix-tokens.js";

export interface SourceScan {
  /** The file's top-level `let`: binding names in order, and where its bindings and its body start. */
  readonly lets?: { readonly names: readonly string[]; readonly bindingsStart: number; readonly bodyStart: number };
  /** Attribute names in written order, by attribute path (`pathKey`). */
  readonly order: ReadonlyMap<string, readonly string[]>;
  /** The comment above (or beside) a binding, by its attribute path. */
  readonly comments: ReadonlyMap<string, string>;
  /** Path literals that follow `import`, as written (`./LXC-base-config.nix`). */
  readonly imports: readonly string[];
  /** Every identifier the file uses, with the attributes selected from it (`python3Packages.requests`). */
  readonly identifiers: readonly (readonly string[])[];
  /** The comment lines the file starts with. */
  readonly header: readonly string[];
  /**
   * Expressions evaluation turns into plain values (`if builtins.pathExists … then … else …`, `map …`),
   * the first per binding: what is imported is their result on this machine, today.
   */
  readonly computed: readonly Computed[];
}

export interface Computed {
  /** The binding it is in (`<let>` for the file's `let`, `[]` inside a list). */
  readonly path: readonly string[];
  /** `if builtins.pathExists`, `map`, `builtins.filter`, `lib.optionals` … */
  readonly what: string;
  /** 1-based, as Nix reports positions. */
  readonly line: number;
  readonly column: number;
}

/** Functions whose result evaluation freezes: builtins and nixpkgs' lib, and the global `map`. */
const COMPUTING = new Set(["builtins", "lib", "map", "filter", "toString"]);

/** The key of an attribute path in `order` and `comments`. */
export function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}

const KEYWORDS = new Set(["let", "in", "rec", "inherit", "with", "if", "then", "else", "assert", "or"]);
const STOP = new Set([";", ")", "]", "}", "in", ","]);

/** Scans `source`; throws NixLexError on text the lexer cannot read (evaluation reports it better). */
export function scanSource(source: string): SourceScan {
  const all = tokenize(source);
  const walker = new Walker(
    source,
    all.filter((token) => token.kind !== "comment"),
    all.filter((token) => token.kind === "comment"),
  );
  return walker.file();
}

class Walker {
  private pos = 0;
  private readonly order = new Map<string, string[]>();
  private readonly comments = new Map<string, string>();
  private readonly imports: string[] = [];
  private readonly identifiers: string[][] = [];
  private readonly computed: Computed[] = [];
  private readonly lineStarts: number[];

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
    private readonly commentTokens: readonly Token[],
  ) {
    this.lineStarts = [0, ...[...source.matchAll(/\n/g)].map((match) => match.index + 1)];
  }

  file(): SourceScan {
    const first = this.tokens[0];
    const header = commentLines(
      this.commentTokens.filter((c) => first === undefined || c.end <= first.start),
      this,
    );
    let lets: SourceScan["lets"];
    if (this.peek()?.text === "let" && this.peek(1)?.text !== "{") {
      const bindingsStart = (this.next() as Token).end;
      const names = this.bindings(["<let>"], "in");
      const inToken = this.next();
      if (inToken?.text === "in") lets = { names, bindingsStart, bodyStart: inToken.end };
    }
    this.expression([]);
    return {
      ...(lets === undefined ? {} : { lets }),
      order: this.order,
      comments: this.comments,
      imports: this.imports,
      identifiers: this.identifiers,
      header,
      computed: this.computed,
    };
  }

  private peek(ahead = 0): Token | undefined {
    return this.tokens[this.pos + ahead];
  }

  private next(): Token | undefined {
    const token = this.tokens[this.pos];
    this.pos += 1;
    return token;
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Skims one expression up to a token that ends it at this level (`;`, `in`, a closing bracket). */
  private expression(path: readonly string[]): void {
    for (let token = this.peek(); token !== undefined && !STOP.has(token.text); token = this.peek()) {
      if (token.text === "{" || (token.text === "rec" && this.peek(1)?.text === "{")) {
        if (token.text === "rec") this.next();
        this.attrs(path);
      } else if (token.text === "let" && this.peek(1)?.text !== "{") {
        this.next();
        this.bindings([...path, "<let>"], "in");
        this.next();
      } else if (token.text === "with" || token.text === "assert") {
        // `with pkgs; …` and `assert c; …`: their `;` does not end the binding.
        this.next();
        this.expression(path);
        if (this.peek()?.text === ";") this.next();
      } else if (token.text === "[") {
        this.next();
        this.until("]", [...path, "[]"]);
      } else if (token.text === "(" || token.text === "${") {
        this.next();
        this.until(token.text === "(" ? ")" : "}", path);
      } else if (token.text === "import" && this.peek(1)?.kind === "path") {
        this.next();
        this.imports.push((this.next() as Token).text);
      } else if (token.text === "if") {
        const condition = this.peek(1);
        const selected = condition?.kind === "id" ? this.selectionText(this.pos + 1) : undefined;
        this.compute(path, selected === undefined ? "if" : `if ${selected}`, token);
        this.next();
      } else if (token.kind === "id" && !KEYWORDS.has(token.text)) {
        const names = this.selection();
        if (COMPUTING.has(names[0] as string)) this.compute(path, names.join("."), token);
        this.identifiers.push(names);
      } else {
        this.next();
      }
    }
  }

  /** Expressions up to the closing `close`, which is consumed. */
  private until(close: string, path: readonly string[]): void {
    for (let token = this.peek(); token !== undefined; token = this.peek()) {
      if (token.text === close) {
        this.next();
        return;
      }
      if (STOP.has(token.text)) this.next();
      else this.expression(path);
    }
  }

  /** The first computation in a binding, with where it is. */
  private compute(path: readonly string[], what: string, token: Token): void {
    if (this.computed.some((found) => pathKey(found.path) === pathKey(path))) return;
    const line = this.lineOf(token.start);
    this.computed.push({ path, what, line: line + 1, column: token.start - (this.lineStarts[line] as number) + 1 });
  }

  /** `a.b.c` starting at token `at`, without moving. */
  private selectionText(at: number): string {
    const names = [(this.tokens[at] as Token).text];
    for (let i = at + 1; this.tokens[i]?.text === "." && this.tokens[i + 1]?.kind === "id"; i += 2)
      names.push((this.tokens[i + 1] as Token).text);
    return names.join(".");
  }

  /** `a.b.c` as ["a", "b", "c"]. */
  private selection(): string[] {
    const names = [(this.next() as Token).text];
    while (this.peek()?.text === "." && this.peek(1)?.kind === "id") {
      this.next();
      names.push((this.next() as Token).text);
    }
    return names;
  }

  /** `{ … }` from its `{`: bindings, or a function's argument pattern (skipped). */
  private attrs(path: readonly string[]): void {
    const open = this.next() as Token;
    if (!this.isBindingStart()) {
      // Defaults in an argument pattern are not attributes of anything.
      this.until("}", [...path, "<pattern>"]);
      return;
    }
    this.bindings(path, "}", open.end);
    this.next();
  }

  /** Whether the tokens ahead start `name … =` or `inherit`, rather than an argument pattern. */
  private isBindingStart(): boolean {
    for (let i = 0; ; i++) {
      const token = this.peek(i);
      if (token === undefined) return false;
      if (token.text === "inherit" && i === 0) return true;
      if (token.text === "}" && i === 0) return true;
      if (token.text === "=") return i > 0;
      if (token.text !== "." && token.kind !== "id" && token.kind !== "str" && token.text !== "${") return false;
      if (token.text === "${") return true;
    }
  }

  /**
   * Bindings up to `close` (not consumed), recording their order and comments under `path`; returns
   * the names bound at this level. `after` is where the text before the first binding starts.
   */
  private bindings(path: readonly string[], close: string, after = this.peek(-1)?.end ?? 0): string[] {
    const names: string[] = [];
    let previous: { end: number; key: readonly string[] } | undefined;
    let commentsFrom = after;
    for (let token = this.peek(); token !== undefined && token.text !== close; token = this.peek()) {
      const between = this.commentTokens.filter((c) => c.start >= commentsFrom && c.end <= token.start);
      const previousLine = previous === undefined ? undefined : this.lineOf(previous.end);
      const trailing = between.filter((c) => this.lineOf(c.start) === previousLine);
      const leading = between.filter((c) => !trailing.includes(c));
      if (previous !== undefined && trailing.length > 0)
        this.addComment(previous.key, commentLines(trailing, this), "after");
      if (token.text === "inherit") {
        this.next();
        if (this.peek()?.text === "(") {
          this.next();
          this.until(")", path);
        }
        while (this.peek()?.kind === "id" || this.peek()?.kind === "str") {
          const name = stringValue(this.next() as Token);
          if (name !== undefined) names.push(this.record(path, [name]));
        }
      } else {
        const attrPath = this.attrPath();
        if (attrPath === undefined) {
          this.expression(path);
        } else {
          const [name] = attrPath;
          if (name !== undefined) names.push(this.record(path, attrPath));
          const key = [...path, ...attrPath.slice(0, 1)];
          if (leading.length > 0) this.addComment(key, commentLines(leading, this), "before");
          this.expression([...path, ...attrPath]);
          previous = { end: this.peek()?.end ?? this.source.length, key };
        }
      }
      if (this.peek()?.text === ";") this.next();
      else if (this.peek()?.text !== close) this.next();
      commentsFrom = this.peek(-1)?.end ?? commentsFrom;
    }
    const last = previous;
    const closing = this.peek();
    if (last !== undefined && closing !== undefined) {
      const trailing = this.commentTokens.filter(
        (c) => c.start >= commentsFrom && c.end <= closing.start && this.lineOf(c.start) === this.lineOf(last.end),
      );
      if (trailing.length > 0) this.addComment(last.key, commentLines(trailing, this), "after");
    }
    return names;
  }

  /** `a.b."c d" =` as ["a", "b", "c d"] (the `=` consumed); undefined (nothing consumed) if it is not one. */
  private attrPath(): string[] | undefined {
    const start = this.pos;
    const names: (string | undefined)[] = [];
    for (;;) {
      const token = this.next();
      if (token === undefined) break;
      if (token.text === "${") {
        this.until("}", []);
        names.push(undefined);
      } else names.push(stringValue(token));
      if (this.peek()?.text === "=") {
        this.next();
        // A dynamic name (`${…}`) cannot be named from source: its order and comments are skipped.
        const known = names.findIndex((name) => name === undefined);
        return (known === -1 ? names : names.slice(0, known)) as string[];
      }
      if (this.peek()?.text !== ".") break;
      this.next();
    }
    this.pos = start;
    return undefined;
  }

  /** Records `a.b.c` under `path`: `a` at path, `b` at path.a, `c` at path.a.b. Returns `a`. */
  private record(path: readonly string[], attrPath: readonly string[]): string {
    attrPath.forEach((name, i) => {
      const key = pathKey([...path, ...attrPath.slice(0, i)]);
      const names = this.order.get(key) ?? [];
      if (!names.includes(name)) names.push(name);
      this.order.set(key, names);
    });
    return attrPath[0] as string;
  }

  private addComment(path: readonly string[], lines: readonly string[], where: "before" | "after"): void {
    const key = pathKey(path);
    const existing = this.comments.get(key);
    const text = lines.join("\n");
    if (existing === undefined) this.comments.set(key, text);
    else this.comments.set(key, where === "before" ? `${text}\n${existing}` : `${existing}\n${text}`);
  }
}

/** Comment tokens as lines of text; a blank line between two comments becomes an empty line. */
function commentLines(tokens: readonly Token[], lines: { lineOf(offset: number): number }): string[] {
  const out: string[] = [];
  let lastLine: number | undefined;
  for (const token of tokens) {
    const line = lines.lineOf(token.start);
    if (lastLine !== undefined && line > lastLine + 1) out.push("");
    const text = token.text.startsWith("#")
      ? [token.text.replace(/^#+ ?/, "").trimEnd()]
      : token.text
          .slice(2, -2)
          .split("\n")
          .map((part) => part.replace(/^\s*\*? ?/, "").trimEnd())
          .filter((part, i, all) => part !== "" || (i > 0 && i < all.length - 1));
    out.push(...text);
    lastLine = lines.lineOf(token.end - 1);
  }
  return out;
}
