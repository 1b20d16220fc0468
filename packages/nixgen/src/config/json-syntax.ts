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

/**
 * What JSON.parse let through in a text it read into `value`: a repeated key, or values nested deeper
 * than any config. Both are looked for in one pass over the value and one over the text's quotes (the
 * text names more keys than the value has properties exactly when an object repeats one); only a text
 * that has one is scanned by `jsonProblem`, for where. Several times faster than scanning every text.
 */
export function parsedJsonProblem(text: string, value: unknown): JsonProblem | undefined {
  const { properties, depth } = shape(value);
  return depth <= maxDepth && properties === keyCount(text) ? undefined : jsonProblem(text);
}

/** The own properties of every object in `value`, and how deep its deepest value lies (the top is 0). */
function shape(value: unknown): { readonly properties: number; readonly depth: number } {
  let properties = 0;
  let depth = 0;
  // Two stacks, not recursion: JSON.parse accepts nesting far deeper than the call stack goes.
  const items: unknown[] = [value];
  const levels: number[] = [0];
  while (items.length > 0) {
    const item = items.pop();
    const level = levels.pop() as number;
    if (level > depth) depth = level;
    if (typeof item !== "object" || item === null) continue;
    const children = Array.isArray(item) ? (item as unknown[]) : Object.values(item);
    if (!Array.isArray(item)) properties += children.length;
    for (const child of children) {
      items.push(child);
      levels.push(level + 1);
    }
  }
  return { properties, depth };
}

/** The keys a text JSON.parse accepted names: its strings followed by a ":". */
function keyCount(text: string): number {
  let keys = 0;
  for (let at = text.indexOf('"'); at !== -1; ) {
    let end = text.indexOf('"', at + 1);
    while (escaped(text, end)) end = text.indexOf('"', end + 1);
    let next = end + 1;
    while (isSpace(text.charCodeAt(next))) next++;
    if (text.charCodeAt(next) === 0x3a) keys++;
    at = text.indexOf('"', next);
  }
  return keys;
}

/** Whether the quote at `quote` is escaped: an odd number of backslashes before it. */
function escaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let at = quote - 1; text.charCodeAt(at) === 0x5c; at--) backslashes++;
  return backslashes % 2 === 1;
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
