// The option tree over the table's `name<TAB>type` lines sorted by name, built one node at a time
// when a walk first asks for a node's children. Building all 20,000 options up front cost `gen` more
// than validating the config did, and so did decoding the 1.1 MB table as UTF-8 and splitting it into
// lines (~25 ms): a check walks a handful of paths. So the table is read as Latin-1, one character a
// byte, which for the ASCII names is the name; a node is a range of offsets into it, and only the
// types of the options walked past are decoded, as the UTF-8 they are.
//
// In a list sorted by name, the lines below a prefix `P.` are one run: those from `P.` up to (not
// including) `P/`, '/' being the character after '.'. A line `P<TAB>…` sorts before all of them,
// TAB sorting before every character of a name. So a node is a run of lines, and its children are
// found by search, not by reading every line. packages/schema/test/nixos-option-table.test.ts holds
// the committed table sorted and ASCII-named, and this tree equal to `optionPathTree` of the same rows.
import type { OptionEntry, OptionNode } from "./option-table.js";

/**
 * The tree of `table`: UTF-8 `name<TAB>type` lines, sorted by name (ASCII) with no name twice, after
 * any `#` comment lines.
 */
export function lazyOptionTree(table: Buffer): OptionNode {
  const text = table.toString("latin1");
  let from = 0;
  while (text.startsWith("#", from)) from = nextLine(text, from);
  return new LazyNode({ table, text }, from, text.length, 0, undefined);
}

/** The table twice, at the same offsets: its bytes, and the same bytes as Latin-1 characters. */
interface Table {
  readonly table: Buffer;
  readonly text: string;
}

class LazyNode implements OptionNode {
  #children: Map<string, OptionNode> | undefined;

  constructor(
    private readonly source: Table,
    /** The run of lines below this node, as offsets of line starts: [from, to). */
    private readonly from: number,
    private readonly to: number,
    /** Length of this node's prefix with its dot (`users.users.`), where a child's segment starts. */
    private readonly depth: number,
    public option: OptionEntry | undefined,
  ) {}

  get children(): Map<string, OptionNode> {
    this.#children ??= this.expand();
    return this.#children;
  }

  private expand(): Map<string, OptionNode> {
    const { source, depth } = this;
    const { text } = source;
    const children = new Map<string, OptionNode>();
    let at = this.from;
    while (at < this.to) {
      const tab = text.indexOf("\t", at);
      const dot = text.indexOf(".", at + depth);
      const ends = dot === -1 || dot > tab;
      const segmentEnd = ends ? tab : dot;
      const segment = text.slice(at + depth, segmentEnd);
      const known = children.get(segment) as LazyNode | undefined;
      if (known !== undefined) {
        // `P.a.x` after `P.a-b`: the rest of segment `a`'s run, already a child.
        at = known.to;
        continue;
      }
      const prefix = text.slice(at, segmentEnd);
      const next = ends ? nextLine(text, at) : at;
      const first = ends ? firstAtLeast(text, `${prefix}.`, next, this.to) : at;
      const last = firstAtLeast(text, `${prefix}/`, first, this.to);
      const option = ends ? { name: prefix, type: source.table.toString("utf8", tab + 1, lineEnd(text, tab)) } : undefined;
      children.set(segment, new LazyNode(source, first, last, prefix.length + 1, option));
      at = ends ? next : last;
    }
    return children;
  }
}

/** Where the line holding offset `at` ends: its newline, or the end of the table. */
function lineEnd(text: string, at: number): number {
  const end = text.indexOf("\n", at);
  return end === -1 ? text.length : end;
}

function nextLine(text: string, at: number): number {
  return Math.min(lineEnd(text, at) + 1, text.length);
}

/**
 * The first line start in [from, to) whose line is not below `key` (a name prefix), or `to`; `from`
 * and `to` are line starts. Most runs a walk looks for are a few lines long, so the search gallops
 * from `from`, in steps that double, before it halves what is left.
 */
function firstAtLeast(text: string, key: string, from: number, to: number): number {
  let low = from;
  let high = to;
  for (let step = 512; low + step < high; step *= 2) {
    const line = lineAt(text, low + step, low);
    if (!below(text, line, key)) high = line;
    else low = nextLine(text, line);
  }
  while (low < high) {
    const line = lineAt(text, (low + high) >>> 1, low);
    if (below(text, line, key)) low = nextLine(text, line);
    else high = line;
  }
  return high;
}

/** The start of the line holding offset `at`, no earlier than `low` (a line start). */
function lineAt(text: string, at: number, low: number): number {
  return at === low ? low : Math.max(text.lastIndexOf("\n", at - 1) + 1, low);
}

/**
 * Whether the line starting at `line` sorts before `key`. As many characters as the key are enough:
 * a line that differs from the key sooner (at its TAB, say) differs there in the slice too, and one
 * that starts with the key is not below it.
 */
function below(text: string, line: number, key: string): boolean {
  return text.slice(line, line + key.length) < key;
}
