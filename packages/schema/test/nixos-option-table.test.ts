// The option tree `validate` walks is expanded from the table's lines as it is walked (lazy-option-tree.ts),
// which holds only while the committed table is sorted by name: these tests hold both.
import { describe, expect, test } from "vitest";
import { nixosOptionRows, nixosOptionTree, type OptionNode } from "../src/index.js";
import { lazyOptionTree } from "../src/nixos/lazy-option-tree.js";
import { optionPathTree } from "../src/nixos/option-table.js";

/** Every node as `path: option type` or `path/` for a namespace, children in the tree's order. */
function flatten(node: OptionNode, path = ""): string[] {
  const here = node.option === undefined ? `${path}/` : `${path}: ${node.option.name} ${node.option.type}`;
  return [here, ...[...node.children].flatMap(([segment, child]) => flatten(child, `${path}.${segment}`))];
}

const lines = (rows: readonly (readonly [string, string])[]) => rows.map(([name, type]) => `${name}\t${type}`);

describe("the committed NixOS option table", () => {
  test("is sorted by name, with no name twice", () => {
    const names = nixosOptionRows().map(([name]) => name);
    const misplaced = names.findIndex((name, i) => i > 0 && !((names[i - 1] as string) < name));
    expect(misplaced === -1 ? "sorted" : `${names[misplaced - 1]} before ${names[misplaced]}`).toBe("sorted");
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
    ["tangled prefixes", rows],
    ["one option", [["x", "int"]] as [string, string][]],
    ["no option", []],
  ])("%s: the same tree as optionPathTree", (_, given) => {
    expect(flatten(lazyOptionTree(lines(given)))).toEqual(flatten(optionPathTree(given)));
  });

  test("a child's option and children", () => {
    const b = lazyOptionTree(lines(rows)).children.get("a")?.children.get("b");
    expect(b?.option).toEqual({ name: "a.b", type: "string" });
    expect([...(b?.children.keys() ?? [])]).toEqual(["<name>", "d"]);
  });
});
