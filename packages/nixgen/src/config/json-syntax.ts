// The first thing wrong with a JSON text, at a character offset: a syntax error, or a key that an object
// repeats (JSON.parse keeps the last silently, so `"cores": 2, …, "cores": 64` would drop a value unseen).
// JSON.parse stays the parser; this only finds where and why, which V8's messages often leave out.

export interface JsonProblem {
  readonly offset: number;
  readonly message: string;
}

const literal = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;

/** Deeper than any config, shallow enough that the recursion below cannot exhaust the stack. */
const maxDepth = 512;

export function jsonProblem(text: string): JsonProblem | undefined {
  let at = 0;
  const fail = (message: string, offset = at): never => {
    throw new JsonSyntaxError(offset, message);
  };
  const space = (): void => {
    while (isSpace(text.charCodeAt(at))) at++;
  };
  const found = (): string => (at >= text.length ? "the end of the file" : `"${text.charAt(at)}"`);
  const expect = (char: string, what: string): void => {
    space();
    if (text.charAt(at) !== char) fail(`expected ${what}, found ${found()}`);
    at++;
  };
  const string = (): string => {
    const start = at;
    let escaped = false;
    for (at++; at < text.length; at++) {
      const char = text.charCodeAt(at);
      if (char === 0x22) break;
      if (char < 0x20) fail("a control character (a raw newline or tab?) inside a string; write it as \\n or \\t");
      if (char === 0x5c) {
        escaped = true;
        at++;
      }
    }
    if (at >= text.length) fail("a string that is never closed", start);
    at++;
    if (!escaped) return text.slice(start + 1, at - 1);
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch {
      return fail("an invalid escape in a string", start);
    }
  };
  const value = (depth: number): void => {
    if (depth > maxDepth) fail(`values nested deeper than ${maxDepth} levels`);
    space();
    const char = text.charAt(at);
    if (char === "{") return object(depth);
    if (char === "[") return array(depth);
    if (char === '"') return void string();
    literal.lastIndex = at;
    if (!literal.test(text)) fail(`expected a value, found ${found()}`);
    at = literal.lastIndex;
  };
  const object = (depth: number): void => {
    at++;
    const keys = new Map<string, number>();
    space();
    if (text.charAt(at) === "}") return void at++;
    for (;;) {
      space();
      if (text.charAt(at) !== '"') fail(`expected a key in double quotes, found ${found()}`);
      const start = at;
      const key = string();
      const first = keys.get(key);
      if (first !== undefined) fail(`duplicate key "${key}" (first at line ${lineColumn(text, first).line})`, start);
      keys.set(key, start);
      expect(":", '":" after the key');
      value(depth + 1);
      space();
      if (text.charAt(at) === "}") return void at++;
      expect(",", '"," or "}"');
    }
  };
  const array = (depth: number): void => {
    at++;
    space();
    if (text.charAt(at) === "]") return void at++;
    for (;;) {
      value(depth + 1);
      space();
      if (text.charAt(at) === "]") return void at++;
      expect(",", '"," or "]"');
    }
  };
  try {
    value(0);
    space();
    if (at < text.length) fail(`more after the value: ${found()}`);
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, message: error.message };
    throw error;
  }
}

/** JSON's four whitespace characters: space, tab, line feed, carriage return (RFC 8259 §2). */
function isSpace(char: number): boolean {
  return char === 0x20 || char === 0x09 || char === 0x0a || char === 0x0d;
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { readonly line: number; readonly column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}
