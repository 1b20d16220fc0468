// The NixOS option list (`name<TAB>type` per line, as in nix/nixos-options.tsv) and the tree of its
// dotted names, shared by the evaluation stand-ins and the tests that check generated option paths.

/** A dotted-name prefix; `option` is set where a listed option ends. */
export interface OptionNode {
  readonly children: Map<string, OptionNode>;
  option?: { readonly name: string; readonly type: string };
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
export function optionTree(rows: Iterable<readonly [string, string]>): OptionNode {
  const root: OptionNode = { children: new Map() };
  for (const [name, type] of rows) addOption(root, name, type);
  return root;
}

/** Adds one option to a tree made by `optionTree`. */
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
