// What people read: the summary line of each mode, and colour only where the stream allows it.
import { describe, expect, test } from "vitest";
import type { Stream } from "../src/stream.js";
import { changeReport, paint, summaryLine, type Mode } from "../src/run-report.js";
import type { FileChange } from "../src/write/diff-tree.js";

const created: FileChange = { kind: "create", path: "new.nix", after: "x\n" };
const updated: FileChange = { kind: "update", path: "a.nix", before: "old\n", after: "new\n" };
const kept: FileChange = { kind: "unchanged", path: "b.nix" };
const removed: FileChange = { kind: "remove", path: "gone.nix", before: "x\n" };

describe("summaryLine", () => {
  test.each<[Mode, FileChange[], string]>([
    ["write", [created, updated, kept, removed], "3 files: 2 written, 1 unchanged, 1 removed in 12 ms"],
    ["write", [kept], "1 file: 0 written, 1 unchanged in 12 ms"],
    ["dry-run", [created, kept, removed], "2 files: 1 to write, 1 unchanged, 1 to remove (dry run) in 12 ms"],
    ["check", [kept, kept], "2 files: all up to date in 12 ms"],
    ["check", [created, updated, kept, removed], "3 files: 1 stale, 1 missing, 1 orphan in 12 ms"],
  ])("%s %#", (mode, changes, want) => {
    expect(summaryLine(changes, mode, 12.4)).toBe(want);
  });
});

describe("colour", () => {
  const plain: Stream = { color: false, write: () => {} };
  const terminal: Stream = { color: true, write: () => {} };

  test("only on a stream that allows it", () => {
    expect(paint(plain, "red", "✖ x")).toBe("✖ x");
    expect(paint(terminal, "red", "✖ x")).toBe("\u001b[31m✖ x\u001b[39m");
  });

  test("a check report is plain text when colour is off", () => {
    expect(changeReport(plain, "out", [updated, kept], "check")).toBe(
      [
        "stale   out/a.nix",
        "--- out/a.nix\ton disk",
        "+++ out/a.nix\tgenerated",
        "@@ -1,1 +1,1 @@",
        "-old",
        "+new",
        "",
      ].join("\n"),
    );
  });
});
