// Does a NixOS option path exist? Looks it up in @homelab/schema's NixOS option list
// (packages/schema/data/nixos-options.tsv): `<name>` stands for any attribute name, and below
// an option whose type takes arbitrary keys (`attribute set of string`, `JSON value`, an open
// submodule …) every deeper path is valid.
import { addOption } from "../../schema/src/nixos/option-table.js";
import { nixosOptionRows, type OptionNode } from "@homelab/schema";
import { optionPathTree } from "@homelab/schema/internal";

/** An attribute name known only at evaluation time (`${cfg.domain}`): it can only match `<name>`. */
export const ANY_NAME = Symbol("any attribute name");
export type PathSegment = string | typeof ANY_NAME;

export class OptionIndex {
  private readonly root: OptionNode;

  /** `rows` are `name → type` pairs in the TSV's notation. */
  constructor(rows: Iterable<readonly [string, string]>) {
    this.root = optionPathTree(rows);
  }

  static fromTable(): OptionIndex {
    return new OptionIndex(nixosOptionRows());
  }

  add(name: string, type: string): void {
    addOption(this.root, name, type);
  }

  /** Setting this path is valid: it is an option, or lies below one that takes arbitrary keys. */
  accepts(path: readonly PathSegment[]): boolean {
    return this.walk(this.root, path, (node) => node.option !== undefined);
  }

  /**
   * The path is an option or a namespace of options: what a binding may set to a whole attribute
   * set computed at evaluation time (`services.x = lib.mkIf c { … }`), whose keys cannot be seen here.
   */
  acceptsSet(path: readonly PathSegment[]): boolean {
    return this.walk(this.root, path, () => true);
  }

  private walk(node: OptionNode, path: readonly PathSegment[], atEnd: (node: OptionNode) => boolean): boolean {
    const [head, ...rest] = path;
    if (head === undefined) return atEnd(node);
    if (node.option !== undefined && isFreeForm(node.option.type)) return true;
    const candidates = [head === ANY_NAME ? undefined : node.children.get(head), node.children.get("<name>")];
    return candidates.some((child) => child !== undefined && this.walk(child, rest, atEnd));
  }
}

const FREE_FORM = /^(null or \(?)?(attribute set of|attribute set$|open submodule of|JSON value|YAML|TOML value|anything)/;
// Submodule sets list their options as `<name>.…`, so those must be matched, not waved through.
const LISTED = /^(null or \(?)?attribute set of \(submodule\)/;

function isFreeForm(type: string): boolean {
  return FREE_FORM.test(type) && !LISTED.test(type);
}
