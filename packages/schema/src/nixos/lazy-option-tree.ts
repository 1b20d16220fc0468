// The option tree over `name<TAB>type` lines sorted by name, built one node at a time when a walk
// first asks for a node's children. Building all 20,000 options up front cost `gen` more than
// validating the config did; a check walks a handful of paths.
//
// In a list sorted by name, the lines below a prefix `P.` are one run: those from `P.` up to (not
// including) `P/`, '/' being the character after '.'. A line `P<TAB>…` sorts before all of them,
// TAB sorting before every character of a name. So a node is a run of lines, and its children are
// found by binary search, not by reading every line. packages/schema/test/nixos-option-table.test.ts
// holds the committed table sorted and this tree equal to `optionPathTree` of the same rows.
import type { OptionEntry, OptionNode } from "./option-table.js";

/** The tree of `lines`, which must be sorted by name (UTF-16 code units) with no name twice. */
export function lazyOptionTree(lines: readonly string[]): OptionNode {
  return new LazyNode(lines, 0, lines.length, 0, undefined);
}

class LazyNode implements OptionNode {
  #children: Map<string, OptionNode> | undefined;

  constructor(
    private readonly lines: readonly string[],
    /** The run of lines below this node: [from, to). */
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
    const { lines, depth } = this;
    const children = new Map<string, OptionNode>();
    let at = this.from;
    while (at < this.to) {
      const line = lines[at] as string;
      const tab = line.indexOf("\t");
      const dot = line.indexOf(".", depth);
      const ends = dot === -1 || dot > tab;
      const segment = line.slice(depth, ends ? tab : dot);
      const known = children.get(segment) as LazyNode | undefined;
      if (known !== undefined) {
        // `P.a.x` after `P.a-b`: the rest of segment `a`'s run, already a child.
        at = known.to;
        continue;
      }
      const prefix = line.slice(0, depth + segment.length);
      const first = ends ? firstAtLeast(lines, `${prefix}.`, at + 1, this.to) : at;
      const last = firstAtLeast(lines, `${prefix}/`, first, this.to);
      const option = ends ? { name: prefix, type: line.slice(tab + 1) } : undefined;
      children.set(segment, new LazyNode(lines, first, last, prefix.length + 1, option));
      at = ends ? at + 1 : last;
    }
    return children;
  }
}

/** The first index in [from, to) whose line is not below `key`, or `to`. */
function firstAtLeast(lines: readonly string[], key: string, from: number, to: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((lines[middle] as string) < key) low = middle + 1;
    else high = middle;
  }
  return high;
}
