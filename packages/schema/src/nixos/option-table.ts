// The NixOS option list (data/nixos-options.tsv: `name<TAB>type` per line, see its first line for the
// source) and the tree of its dotted names, shared by `validate`, the evaluation stand-ins and the
// tests that check generated option paths. The file is 1.1 MB, so it is read on first use only.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { lazyOptionTree } from "./lazy-option-tree.js";

/** A dotted-name prefix; `option` is set where a listed option ends. */
export interface OptionNode {
  readonly children: Map<string, OptionNode>;
  option?: OptionEntry | undefined;
}

export interface OptionEntry {
  readonly name: string;
  readonly type: string;
}

export type OptionRow = readonly [name: string, type: string];

// data/ is beside dist/ in the package. Found through the package's entry point rather than this
// module's own location, which is elsewhere when the code is bundled into nixgen's CLI.
function tablePath(): string {
  const entry = pathToFileURL(createRequire(import.meta.url).resolve("@homelab/schema"));
  return fileURLToPath(new URL("../data/nixos-options.tsv", entry));
}

let table: Buffer | undefined;
let rows: readonly OptionRow[] | undefined;
let tree: OptionNode | undefined;

/** The committed option list as it is on disk, read once. */
function tableBytes(): Buffer {
  table ??= readFileSync(tablePath());
  return table;
}

/** Every row of the committed NixOS option list, read once. */
export function nixosOptionRows(): readonly OptionRow[] {
  rows ??= parseOptionRows(tableBytes().toString("utf8"));
  return rows;
}

/**
 * The committed option list as a tree. A check looks up a few paths among 20,000 options: the tree
 * is expanded node by node as it is walked, straight from the table's bytes, which are sorted by name.
 */
export function nixosOptionTree(): OptionNode {
  tree ??= lazyOptionTree(tableBytes());
  return tree;
}

/** Reads `name<TAB>type` lines; `#` lines are comments. */
export function parseOptionRows(text: string): [string, string][] {
  return dataLines(text).map(splitRow);
}

function dataLines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
}

function splitRow(line: string): [string, string] {
  const tab = line.indexOf("\t");
  return [line.slice(0, tab), line.slice(tab + 1)];
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
