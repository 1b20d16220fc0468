// What becomes of each file of an output directory: created, updated, kept, removed. Pure, so check
// mode, dry runs and real runs all decide the same way.

export type FileChange =
  | { readonly kind: "create"; readonly path: string; readonly after: string }
  | { readonly kind: "update"; readonly path: string; readonly before: string; readonly after: string }
  | { readonly kind: "unchanged"; readonly path: string }
  | { readonly kind: "remove"; readonly path: string; readonly before: string }
  /** A temporary file an interrupted run left behind (see temp-file.ts); removed, never diffed. */
  | { readonly kind: "stray"; readonly path: string };

export type ChangeKind = FileChange["kind"];

/** A file's change without its contents: what a run returns, as it forgets each file once written. */
export interface FileFate {
  readonly kind: ChangeKind;
  readonly path: string;
}

/** A planned file against what the directory holds at its path (`before`, undefined when absent). */
export function fileChange(path: string, after: string, before: string | undefined): FileChange {
  if (before === undefined) return { kind: "create", path, after };
  return before === after ? { kind: "unchanged", path } : { kind: "update", path, before, after };
}

export function countChanges(changes: readonly FileFate[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, unchanged: 0, remove: 0, stray: 0 };
  for (const change of changes) counts[change.kind] += 1;
  return counts;
}
