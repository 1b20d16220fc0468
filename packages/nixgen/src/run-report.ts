// What people read: one summary line per output directory, findings as `✖ … → at path`, unified diffs
// of stale files. Plain text; colour is added only for a terminal (the stream says whether).
import { createRequire } from "node:module";
import { type Issue, formatIssue } from "@homelab/schema";
import type { Stream } from "./stream.js";
import { countChanges, type FileChange, type FileFate } from "./write/diff-tree.js";

export type Mode = "write" | "dry-run" | "check";

// SGR codes: open, close. Not `util.styleText`, which decides by itself from process.stdout and the
// environment; here the stream being written decides.
const styles = {
  bold: [1, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

export function paint(stream: Stream, style: keyof typeof styles, text: string): string {
  const [open, close] = styles[style];
  return stream.color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
}

type Counts = ReturnType<typeof countChanges>;

const counted = (pairs: readonly (readonly [number, string])[]): string[] =>
  pairs.filter(([count]) => count > 0).map(([count, label]) => `${count} ${label}`);

const strays = (n: Counts, done: string): [number, string] => [n.stray, `stray temporary ${n.stray === 1 ? "file" : "files"}${done}`];

const summaryParts: Record<Mode, (n: Counts) => string[]> = {
  write: (n) => [`${n.create + n.update} written`, `${n.unchanged} unchanged`, ...counted([[n.remove, "removed"], strays(n, " removed")])],
  "dry-run": (n) => [`${n.create + n.update} to write`, `${n.unchanged} unchanged`, ...counted([[n.remove, "to remove"], strays(n, " to remove")])],
  check: (n) => {
    const stale = counted([[n.update, "stale"], [n.create, "missing"], [n.remove, "orphan"], strays(n, "")]);
    return stale.length > 0 ? stale : ["all up to date"];
  },
};

/** `14 files: 3 written, 11 unchanged, 1 removed in 120 ms` (the removed part only when there is one). */
export function summaryLine(changes: readonly FileFate[], mode: Mode, ms: number): string {
  const n = countChanges(changes);
  const files = n.create + n.update + n.unchanged;
  const parts = summaryParts[mode](n).join(", ");
  return `${files} ${files === 1 ? "file" : "files"}: ${parts}${mode === "dry-run" ? " (dry run)" : ""} in ${Math.round(ms)} ms`;
}

const checkLabel = { create: "missing", update: "stale", remove: "orphan", stray: "stray" } as const;
const dryRunLabel = { create: "create", update: "update", remove: "remove", stray: "remove" } as const;

/** One line per file that would change, with its unified diff in check mode. */
export function changeReport(stream: Stream, out: string, changes: readonly FileChange[], mode: Mode): string {
  const labels = mode === "check" ? checkLabel : dryRunLabel;
  return changes
    .map((change) => {
      if (change.kind === "unchanged") return "";
      const file = `${out}/${change.path}`;
      const line = `${paint(stream, "bold", labels[change.kind].padEnd(7))} ${file}\n`;
      if (change.kind === "stray") return `${line}  a temporary file of an interrupted run; \`nixgen gen\` removes it\n`;
      return mode === "check" ? line + unifiedDiff(stream, file, change) : line;
    })
    .join("");
}

// Loaded on the first diff: `gen` and an up-to-date `check` never print one, and every process pays
// for loading a library at start-up (about 20 ms here, measured by bench/).
const require = createRequire(import.meta.url);
let diffLibrary: typeof import("diff") | undefined;

function unifiedDiff(stream: Stream, file: string, change: Exclude<FileChange, { kind: "unchanged" | "stray" }>): string {
  const before = change.kind === "create" ? "" : change.before;
  const after = change.kind === "remove" ? "" : change.after;
  diffLibrary ??= require("diff") as typeof import("diff");
  const patch = diffLibrary.createTwoFilesPatch(file, file, before, after, "on disk", "generated");
  // Start at the `---` line: the `Index:` and `=====` lines the library puts first repeat the name.
  const lines = patch.split("\n");
  return lines
    .slice(lines.findIndex((line) => line.startsWith("--- ")))
    .map((line, index) => {
      if (index < 2) return paint(stream, "bold", line);
      if (line.startsWith("+")) return paint(stream, "green", line);
      if (line.startsWith("-")) return paint(stream, "red", line);
      if (line.startsWith("@@")) return paint(stream, "cyan", line);
      return line;
    })
    .join("\n");
}

/** Findings of one config under its file name, each as `✖ message → at path`. */
export function issueReport(stream: Stream, config: string, issues: readonly Issue[]): string {
  const lines = issues.map((found) => `  ${paint(stream, found.severity === "error" ? "red" : "yellow", formatIssue(found))}`);
  return `${config}\n${lines.join("\n")}\n`;
}

/** A failure that is not a list of issues (unreadable file, bad YAML), in the same `✖` style. */
export function errorLine(stream: Stream, message: string): string {
  const text = message.replace(/[ \t]+$/gm, "").trimEnd();
  return `${paint(stream, "red", `✖ ${text}`)}\n`;
}
