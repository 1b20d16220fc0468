// Aliases the yaml package would refuse only while converting to plain data (a ReferenceError without a
// position): an alias before its anchor, and an alias bomb, nested anchors that expand a few lines into
// millions of nodes. This walk does the yaml package's own accounting (dist/nodes/Alias.js: each alias
// adds one use of its anchor, and uses × the aliases nested in the anchored node may not pass
// maxAliasCount) in the order `toJS` resolves aliases, so the refusal can name the alias's line and column.
import { isAlias, isCollection, isPair, visit, type Document, type Node } from "yaml";

/** The yaml package's default: a hundred uses of one anchor, or fewer of anchors that hold aliases. */
export const maxAliasCount = 100;

export interface AliasProblem {
  readonly offset: number;
  readonly message: string;
}

export function aliasProblem(document: Document): AliasProblem | undefined {
  const anchors = new Map<string, Node>();
  const uses = new Map<Node, { count: number; nested: number }>();
  const nestedAliases = (node: unknown): number => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const use = target === undefined ? undefined : uses.get(target);
      return use === undefined ? 0 : use.count * use.nested;
    }
    if (isCollection(node)) return Math.max(0, ...node.items.map(nestedAliases));
    if (isPair(node)) return Math.max(nestedAliases(node.key), nestedAliases(node.value));
    return 1;
  };
  let problem: AliasProblem | undefined;
  visit(document, {
    Node(_, node) {
      if (isAlias(node)) {
        const offset = node.range?.[0] ?? 0;
        const target = anchors.get(node.source);
        if (target === undefined) {
          problem = { offset, message: `alias *${node.source} comes before its anchor &${node.source} (or there is none)` };
          return visit.BREAK;
        }
        const use = uses.get(target) ?? { count: 1, nested: 0 };
        use.count += 1;
        if (use.nested === 0) use.nested = nestedAliases(target);
        if (use.count * use.nested > maxAliasCount) {
          problem = { offset, message: `alias *${node.source}: anchor &${node.source} is used more than ${maxAliasCount} times, counting the aliases nested in it (the limit against alias bombs)` };
          return visit.BREAK;
        }
      } else if (node.anchor !== undefined) {
        anchors.set(node.anchor, node);
        // yaml counts the anchored node itself as the first use (dist/nodes/toJS.js).
        uses.set(node, { count: 1, nested: 0 });
      }
      return undefined;
    },
  });
  return problem;
}
