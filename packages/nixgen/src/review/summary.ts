// The change summary as Markdown, for a pull request comment or a terminal: one line per change, then
// the files to re-encrypt with the agenix commands, and a warning for every reader removed.
import { posix } from "node:path";
import { markdownCode } from "../text/markdown.js";
import type { Change } from "./model-diff.js";
import type { Rekey } from "./rekey.js";

/** `- **doc2** moved from node `prom` to `prom2`` */
export function changeLine(change: Change): string {
  const code = markdownCode;
  switch (change.kind) {
    case "machine-added":
      return `**${change.machine}** added${change.node === undefined ? "" : ` on node ${code(change.node)}`}`;
    case "machine-removed":
      return `**${change.machine}** removed`;
    case "machine-moved":
      return `**${change.machine}** moved from node ${code(change.from)} to ${code(change.to)}`;
    case "resource-changed":
      return `**${change.machine}**: ${change.resource} ${code(change.from || "none")} → ${code(change.to || "none")}`;
    case "port-opened":
    case "port-closed":
      return `**${change.machine}**: port ${change.protocol} ${change.port} ${change.kind === "port-opened" ? "opened" : "closed"}`;
    case "mount-added":
    case "mount-removed": {
      const { via, source, target, readOnly } = change.mount;
      const what = `${via} ${code(source)}${target === undefined ? "" : ` at ${code(target)}`}${readOnly === true ? " (read-only)" : ""}`;
      return `**${change.machine}**: ${change.kind === "mount-added" ? "mounts" : "no longer mounts"} ${what}`;
    }
    case "service-enabled":
    case "service-disabled":
      return `**${change.machine}**: service ${code(change.service)} ${change.kind === "service-enabled" ? "enabled" : "disabled"}`;
    case "route-changed":
      return `**${change.machine}**: route of ${code(change.service)} ${code(change.from || "none")} → ${code(change.to || "none")}`;
    case "secret-added":
    case "secret-removed":
      return `secret **${change.secret}** ${change.kind === "secret-added" ? "added" : "removed"} (${code(change.file)})`;
    case "secret-used":
    case "secret-unused":
      return `**${change.machine}**: ${change.kind === "secret-used" ? "decrypts" : "no longer decrypts"} secret ${code(change.secret)}`;
    case "reader-added":
    case "reader-removed":
      return `secret **${change.secret}**: reader ${code(change.reader)} ${change.kind === "reader-added" ? "added" : "removed"}`;
    case "key-changed":
      return `key ${code(change.key)} changed`;
  }
}

export interface TargetSummary {
  /** The output directory, as the user wrote it. */
  readonly out: string;
  readonly changes: readonly Change[];
  readonly rekey: readonly Rekey[];
}

/** One output directory's section: a heading, the changes, then what to re-encrypt. */
export function targetSummary(summary: TargetSummary, base: string): string {
  const { out, changes } = summary;
  if (changes.length === 0) return `### ${out}: no change in meaning since ${markdownCode(base)}\n`;
  const count = `${changes.length} ${changes.length === 1 ? "change" : "changes"}`;
  const lines = [`### ${out}: ${count} since ${markdownCode(base)}`, "", ...changes.map((change) => `- ${changeLine(change)}`)];
  const rekey = rekeySection(out, summary.rekey);
  return lines.join("\n") + "\n" + (rekey === "" ? "" : `\n${rekey}`);
}

/** The files to re-encrypt and how; empty when there are none. */
export function rekeySection(out: string, rekeys: readonly Rekey[]): string {
  if (rekeys.length === 0) return "";
  const code = markdownCode;
  const dirs = [...new Set(rekeys.map((rekey) => posix.dirname(posix.join(out, rekey.file))))];
  const lines = [
    `#### Re-encrypt ${rekeys.length === 1 ? "1 file" : `${rekeys.length} files`}`,
    "",
    `Their readers changed, but each file is still encrypted to its old readers. In ${dirs.map((dir) => code(`${dir}/`)).join(", ")}` +
      ` (beside secrets.nix), run ${code("agenix --rekey")} for every file, or one at a time (in a terminal):`,
    "",
    ...rekeys.map((rekey) => {
      const why = [
        ...rekey.readersAdded.map((reader) => `${code(reader)} added`),
        ...rekey.readersRemoved.map((reader) => `${code(reader)} removed`),
        ...rekey.keysChanged.map((reader) => `key of ${code(reader)} changed`),
      ].join(", ");
      return `- ${code(rekey.file)} (${why}): ${code(`EDITOR=: agenix -e ${posix.basename(rekey.file)}`)}`;
    }),
  ];
  const removed = rekeys.flatMap((rekey) => rekey.readersRemoved.map((reader) => [reader, rekey.file] as const));
  for (const [reader, file] of removed) {
    lines.push(
      "",
      `⚠ ${code(reader)} can still decrypt ${code(file)}, and every copy of it (git history included), until it is` +
        ` re-encrypted; it may also know the secret already: change the secret itself (rotate it), then re-encrypt.`,
    );
  }
  return lines.join("\n") + "\n";
}
