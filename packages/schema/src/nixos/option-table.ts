// The NixOS option list (data/nixos-options.tsv: `name<TAB>type` per line, see its first line for the
// source) and the tree of its dotted names, shared by `validate`, the evaluation stand-ins and the
// tests that check generated option paths. The file is 1.1 MB, so it is read on first use only.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/** A dotted-name prefix; `option` is set where a listed option ends. */
export interface OptionNode {
  readonly children: Map<string, OptionNode>;
  option?: { readonly name: string; readonly type: string };
}

export type OptionRow = readonly [name: string, type: string];

// data/ is beside dist/ in the package. Found through the package's entry point rather than this
// module's own location, which is elsewhere when the code is bundled into nixgen's CLI.
function tablePath(): string {
  const entry = pathToFileURL(createRequire(import.meta.url).resolve("@homelab/schema"));
  return fileURLToPath(new URL("../data/nixos-options.tsv", entry));
}

let rows: readonly OptionRow[] | undefined;
let tree: OptionNode | undefined;

/** Every row of the committed NixOS option list, read once. */
export function nixosOptionRows(): readonly OptionRow[] {
  rows ??= parseOptionRows(readFileSync(tablePath(), "utf8"));
  return rows;
}

/** The committed option list as a tree, built once. */
export function nixosOptionTree(): OptionNode {
  tree ??= optionPathTree(nixosOptionRows());
  return tree;
}

/** Reads `name<TAB>type` lines; `#` lines are comments. */
export function parseOptionRows(text: string): [string, string][] {
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const tab = line.indexOf("\t");
      return [line.slice(0, tab), line.slice(tab + 1)];
    });
}

/** The rows as a tree keyed by name segment (`<name>` and `*` are segments like any other). */
export function optionPathTree(rows: Iterable<readonly [string, string]>): OptionNode {
  const root: OptionNode = { children: new Map() };
  for (const [name, type] of rows) addOption(root, name, type);
  return root;
}

/** Adds one option to a tree made by `optionPathTree`. */
export function addOption(root: OptionNode, name: string, type: string): void {
  let node = root;
  for (const segment of name.split(".")) {
    let next = node.children.get(segment);
    if (next === undefined) {
      next = { children: new Map() };
      node.children.set(segment, next);
    }
    node = next;
  }
  node.option = { name, type };
}
