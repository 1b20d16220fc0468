// The option tree `validate` walks is expanded from the table's bytes as it is walked (lazy-option-tree.ts),
// which holds only while the committed table is sorted by name and its names are ASCII: these tests hold both.
import { describe, expect, test } from "vitest";
import { nixosOptionRows, nixosOptionTree, type OptionNode } from "../src/index.js";
import { lazyOptionTree } from "../src/nixos/lazy-option-tree.js";
import { optionPathTree } from "../src/nixos/option-table.js";

/** Every node as `path: option type` or `path/` for a namespace, children in the tree's order. */
function flatten(node: OptionNode, path = ""): string[] {
  const here = node.option === undefined ? `${path}/` : `${path}: ${node.option.name} ${node.option.type}`;
  return [here, ...[...node.children].flatMap(([segment, child]) => flatten(child, `${path}.${segment}`))];
}

/** The rows as the table file has them: a comment line, then `name<TAB>type` lines. */
const table = (rows: readonly (readonly [string, string])[], end = "\n") =>
  Buffer.from(`# a comment\n${rows.map(([name, type]) => `${name}\t${type}`).join("\n")}${end}`);

describe("the committed NixOS option table", () => {
  test("is sorted by name, with no name twice", () => {
    const names = nixosOptionRows().map(([name]) => name);
    const misplaced = names.findIndex((name, i) => i > 0 && !((names[i - 1] as string) < name));
    expect(misplaced === -1 ? "sorted" : `${names[misplaced - 1]} before ${names[misplaced]}`).toBe("sorted");
  });

  test("names only printable ASCII: their bytes sort as their characters do", () => {
    expect(nixosOptionRows().filter(([name]) => !/^[\x21-\x7e]+$/.test(name))).toEqual([]);
  });

  test("as a lazily expanded tree is the tree of its rows: every node, option and child order", () => {
    expect(flatten(nixosOptionTree())).toEqual(flatten(optionPathTree(nixosOptionRows())));
  });
});

describe("lazyOptionTree", () => {
  // Segments that are prefixes of one another split a run: `a.b`, `a.b-c`, `a.b.d` sort as written.
  const rows: [string, string][] = [
    ["a", "submodule"],
    ["a.b", "string"],
    ["a.b-c", "int"],
    ["a.b.<name>.d", "bool"],
    ["a.b.d", "bool"],
    ["a.bc", "int"],
    ["ab", "path"],
    ["b.c.d", "string matching the pattern [a.b]+"],
    ["b.c.e", "list of string"],
  ];

  test.each([
    ["tangled prefixes", rows, "\n"],
    ["no newline at the end", rows, ""],
    ["one option", [["x", "int"]] as [string, string][], "\n"],
    ["types beyond ASCII", [["a.b", "string (with check: “x” or …)"], ["a.c", "int"]] as [string, string][], "\n"],
    ["no option", [], ""],
  ])("%s: the same tree as optionPathTree", (_, given, end) => {
    expect(flatten(lazyOptionTree(table(given, end)))).toEqual(flatten(optionPathTree(given)));
  });

  test("a child's option and children", () => {
    const b = lazyOptionTree(table(rows)).children.get("a")?.children.get("b");
    expect(b?.option).toEqual({ name: "a.b", type: "string" });
    expect([...(b?.children.keys() ?? [])]).toEqual(["<name>", "d"]);
  });
});
