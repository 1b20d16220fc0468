// How `nixgen eval` and `gen --eval` print a file that fails to evaluate and a snapshot that drifted:
// `✖ <path>: <Nix's error line> (at <file>:<line>:<column>)`, then the lines Nix continued it with.
import type { Stream } from "../stream.js";
import { errorLine } from "../run-report.js";
import type { FileChange } from "../write/diff-tree.js";
import { manifestPath } from "../write/manifest.js";
import type { FileFailure } from "./evaluate-roots.js";
import { snapshotDir, snapshotSource } from "./snapshots.js";

export function failureReport(stream: Stream, failure: FileFailure): string {
  const [first = "", ...rest] = failure.message.split("\n");
  const at = failure.at === undefined ? "" : ` (at ${failure.at})`;
  return errorLine(stream, [`${failure.root}/${failure.path}: ${first}${at}`, ...rest.map((line) => `  ${line}`)].join("\n"));
}

/** One line per generated file whose meaning differs from its snapshot. */
export function driftReport(stream: Stream, root: string, changes: readonly FileChange[]): string {
  const snapshots = `${root}/${snapshotDir}`;
  return changes
    .map((change) => {
      if (change.kind === "unchanged" || change.path === manifestPath) return "";
      if (change.kind === "stray") return errorLine(stream, `${snapshots}/${change.path}: temporary file of an interrupted run`);
      const source = snapshotSource(change.path);
      const snapshot = `${snapshots}/${change.path}`;
      if (change.kind === "remove" || source === undefined) return errorLine(stream, `${snapshot}: snapshot of a file that is no longer generated`);
      if (change.kind === "create") return errorLine(stream, `${root}/${source}: has no snapshot (${snapshot})`);
      return errorLine(stream, `${root}/${source}: evaluates differently from its snapshot ${snapshot}`);
    })
    .join("");
}
