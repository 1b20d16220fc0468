// Planned files against what the output directory holds: what to create, update, keep and remove.
// Pure, so check mode, dry runs and real runs all decide the same way.
import type { GeneratedFile } from "../emit/types.js";

export type FileChange =
  | { readonly kind: "create"; readonly path: string; readonly after: string }
  | { readonly kind: "update"; readonly path: string; readonly before: string; readonly after: string }
  | { readonly kind: "unchanged"; readonly path: string }
  | { readonly kind: "remove"; readonly path: string; readonly before: string }
  /** A temporary file an interrupted run left behind (see temp-file.ts); removed, never diffed. */
  | { readonly kind: "stray"; readonly path: string };

export type ChangeKind = FileChange["kind"];

/**
 * `previous` lists the paths the last run generated (its manifest); `current` holds the content of every
 * planned or previous path that exists; `strays` are interrupted runs' temporary files. A previous path
 * the plan no longer has is removed, and so is a stray; any other file in the directory is not ours and is left alone.
 */
export function diffTree(
  planned: readonly GeneratedFile[],
  previous: readonly string[],
  current: ReadonlyMap<string, string>,
  strays: readonly string[] = [],
): FileChange[] {
  const plannedPaths = new Set(planned.map((file) => file.path));
  const changes: FileChange[] = planned.map(({ path, content }) => {
    const before = current.get(path);
    if (before === undefined) return { kind: "create", path, after: content };
    return before === content ? { kind: "unchanged", path } : { kind: "update", path, before, after: content };
  });
  for (const path of new Set(previous)) {
    const before = current.get(path);
    if (!plannedPaths.has(path) && before !== undefined) changes.push({ kind: "remove", path, before });
  }
  for (const path of strays) changes.push({ kind: "stray", path });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function countChanges(changes: readonly FileChange[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, unchanged: 0, remove: 0, stray: 0 };
  for (const change of changes) counts[change.kind] += 1;
  return counts;
}
