// The writer behind `gen`: deciding, remembering (the manifest) and writing safely.
import { readdirSync } from "node:fs";
import { chmod, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { writeFileAtomic } from "../src/write/atomic-write.js";
import type { FileChange } from "../src/write/diff-tree.js";
import { ManifestError, manifestText, readManifest } from "../src/write/manifest.js";
import { isSafeRelativePath } from "../src/write/safe-path.js";
import { topmostNewDirectory } from "../src/write/staged-tree.js";
import { syncFiles, syncOutput } from "../src/write/sync.js";
import { snapshot, tempDir, writeFiles } from "./helpers/cli-run.js";

const file = (path: string, content = `${path}\n`) => ({ path, kind: "module" as const, content });

const entry = (path: string) => ({ path, kind: "module" as const });

describe("deciding", () => {
  test.each<[string, { planned: string[]; previous: string[]; onDisk: Record<string, string>; strays?: string[]; want: FileChange[] }]>([
    ["an empty directory: everything is created", { planned: ["a"], previous: [], onDisk: {}, want: [{ kind: "create", path: "a", after: "a\n" }] }],
    ["same content: unchanged", { planned: ["a"], previous: ["a"], onDisk: { a: "a\n" }, want: [{ kind: "unchanged", path: "a" }] }],
    [
      "other content: update",
      { planned: ["a"], previous: ["a"], onDisk: { a: "edited\n" }, want: [{ kind: "update", path: "a", before: "edited\n", after: "a\n" }] },
    ],
    [
      "generated before, not planned now: remove",
      { planned: [], previous: ["old"], onDisk: { old: "x\n" }, want: [{ kind: "remove", path: "old", before: "x\n" }] },
    ],
    ["generated before but already gone: nothing", { planned: [], previous: ["old"], onDisk: {}, want: [] }],
    ["not ours (not in the manifest): never removed", { planned: [], previous: [], onDisk: { mine: "x\n" }, want: [] }],
    [
      "a file in the manifest that is gone: created again",
      { planned: ["a"], previous: ["a"], onDisk: {}, want: [{ kind: "create", path: "a", after: "a\n" }] },
    ],
    [
      "a stray temporary file: removed, after the files by path",
      { planned: ["a"], previous: ["a"], onDisk: { a: "a\n" }, strays: [".nixgen-2147483646-0123456789ab.tmp"], want: [{ kind: "stray", path: ".nixgen-2147483646-0123456789ab.tmp" }, { kind: "unchanged", path: "a" }] },
    ],
    [
      "sorted by path whatever the input order",
      {
        planned: ["b", "a/z"],
        previous: ["a/old", "b"],
        onDisk: { "a/old": "o\n", b: "b\n" },
        want: [
          { kind: "remove", path: "a/old", before: "o\n" },
          { kind: "create", path: "a/z", after: "a/z\n" },
          { kind: "unchanged", path: "b" },
        ],
      },
    ],
  ])("%s", async (_, { planned, previous, onDisk, strays = [], want }) => {
    const out = await tempDir();
    const manifest = previous.length === 0 ? {} : { ".nixgen-manifest.json": manifestText(previous.map(entry)) };
    await writeFiles(out, { ...onDisk, ...manifest, ...Object.fromEntries(strays.map((path) => [path, "half"])) });
    const before = await snapshot(out);
    const changes = await syncOutput(out, planned.map((p) => file(p)), { write: false });
    expect(changes.filter((change) => change.path !== ".nixgen-manifest.json")).toEqual(want);
    expect(await snapshot(out)).toEqual(before);
  });

  test("files are rendered one at a time, in path order, each as its turn comes", async () => {
    const out = await tempDir();
    const rendered: string[] = [];
    const emitted = ["c", "a", "b"].map((path) => ({ path, kind: "module" as const, render: () => (rendered.push(path), `${path}\n`) }));
    const seen: string[] = [];
    const fates = await syncFiles(out, emitted, { write: true, onChange: (change) => seen.push(`${change.kind} ${change.path}`) });
    expect(rendered).toEqual(["a", "b", "c"]);
    expect(seen).toEqual(["create .nixgen-manifest.json", "create a", "create b", "create c"]);
    expect(fates).toEqual([".nixgen-manifest.json", "a", "b", "c"].map((path) => ({ kind: "create", path })));
  });
});

describe("manifest", () => {
  test("is sorted, deduplicated JSON with each file's kind and a trailing newline", () => {
    expect(manifestText([entry("b"), { path: "a", kind: "json" }, entry("b")])).toBe(
      '{\n  "generator": "nixgen",\n  "files": {\n    "a": "json",\n    "b": "module"\n  }\n}\n',
    );
  });

  test("round-trips, and an absent manifest lists nothing", () => {
    const entries = [{ path: "x/y.nix", kind: "machine" as const }, { path: "z", kind: "markdown" as const }];
    expect(readManifest(manifestText(entries), "m")).toEqual({ entries, older: false });
    expect(manifestPaths(manifestText(entries))).toEqual(["x/y.nix", "z"]);
    expect(manifestPaths(undefined)).toEqual([]);
  });

  test("an older nixgen's list of paths is read, the kinds unknown, and written back with null for them", () => {
    const older = readManifest('{ "generator": "nixgen", "files": ["b", "a"] }', "m");
    expect(older).toEqual({ entries: [{ path: "b", kind: undefined }, { path: "a", kind: undefined }], older: true });
    expect(manifestText(older.entries)).toBe('{\n  "generator": "nixgen",\n  "files": {\n    "a": null,\n    "b": null\n  }\n}\n');
  });

  const refusal = 'm must hold { "files": { relative path inside the directory: its kind } }';
  test.each([
    ["not JSON", "{", "m is not valid JSON; delete it and run again (files it listed will be kept)"],
    ["no file list", "{}", refusal],
    ["a path leaving the directory", '{ "files": ["../etc/passwd"] }', refusal],
    ["an absolute path", '{ "files": { "/etc/passwd": "data" } }', refusal],
    ["an unknown kind", '{ "files": { "a.nix": "spreadsheet" } }', refusal],
  ])("refuses %s", (_, text, message) => {
    expect(() => manifestPaths(text)).toThrow(new ManifestError(message));
  });
});

test.each([
  ["a.nix", true],
  ["machines/a/default.nix", true],
  ["", false],
  ["/abs", false],
  ["../up", false],
  ["a/../../up", false],
  ["a//b", false],
  ["./a", false],
  ["a\\b", false],
])("isSafeRelativePath(%j) is %s", (path, want) => {
  expect(isSafeRelativePath(path)).toBe(want);
});

describe("syncOutput", () => {
  test("refuses an emitted path outside the output directory, before writing anything", async () => {
    const out = await tempDir();
    await expect(syncOutput(out, [file("ok.nix"), file("../escape.nix")], { write: true })).rejects.toThrow(
      'refusing output path "../escape.nix": must be relative, inside the output directory',
    );
    expect((await snapshot(out)).size).toBe(0);
  });

  test("a run that stopped after writing new files still removes them later: they are in the manifest first", async () => {
    const out = await tempDir();
    await syncOutput(out, [file("a")], { write: true });
    // What an interrupted run leaves: the intent manifest (old ∪ new) written, then the new file, then nothing.
    await writeFiles(out, { ".nixgen-manifest.json": manifestText([entry("a"), entry("b")]), b: "b\n" });
    const changes = await syncOutput(out, [file("a")], { write: true });
    expect(changes.filter((c) => c.kind !== "unchanged").map((c) => [c.kind, c.path])).toEqual([
      ["update", ".nixgen-manifest.json"],
      ["remove", "b"],
    ]);
    expect([...(await snapshot(out)).keys()]).toEqual([".nixgen-manifest.json", "a"]);
  });
});

describe("new directories", () => {
  test("appear whole: none is in the output until all its files are written, then no staging is left", async () => {
    const out = await tempDir();
    await writeFiles(out, { "old/mine.nix": "mine\n" });
    const planned = ["top.nix", "new/a/x.nix", "new/b.nix", "old/sub/y.nix", "old/z.nix"];
    const visible: Record<string, string[]> = {};
    await syncFiles(
      out,
      planned.map((path) => ({ path, kind: "module" as const, render: () => `${path}\n` })),
      // What a reader of the output sees as each file is decided (after the one before it was written).
      { write: true, onChange: (change) => void (visible[change.path] = readdirSync(out, { recursive: true }).map(String)) },
    );
    // Written straight into the output: a file of a directory that exists; staged: those of a new one.
    expect(visible["old/sub/y.nix"]).not.toContain("new");
    expect(visible["old/z.nix"]).not.toContain("old/sub");
    expect(visible["top.nix"]).toContain("old/z.nix");
    expect([...(await snapshot(out)).keys()].sort()).toEqual([".nixgen-manifest.json", ...planned, "old/mine.nix"].sort());
  });

  test("a run that fails half-way leaves none of its new directories and no staging", async () => {
    const out = await tempDir();
    const emitted = ["new/a.nix", "new/b.nix"].map((path) => ({
      path,
      kind: "module" as const,
      render: () => {
        if (path === "new/b.nix") throw new Error("render failed");
        return `${path}\n`;
      },
    }));
    await expect(syncFiles(out, emitted, { write: true })).rejects.toThrow("render failed");
    // The intent manifest lists them (a later run removes what it no longer plans), nothing else is there.
    expect([...(await snapshot(out)).keys()]).toEqual([".nixgen-manifest.json"]);
  });

  test.each<[string, string, string[], string | undefined]>([
    ["a file of the output's root", "a.nix", [], undefined],
    ["a file of a directory that exists", "old/a.nix", ["old"], undefined],
    ["the topmost directory missing", "new/deep/a.nix", [], "new"],
    ["below one that exists", "old/new/deep/a.nix", ["old"], "old/new"],
  ])("topmostNewDirectory: %s", (_, path, existing, want) => {
    const listing = (dir: string) => new Set(existing.filter((d) => (d.includes("/") ? d.slice(0, d.lastIndexOf("/")) : ".") === dir).map((d) => d.slice(d.lastIndexOf("/") + 1)));
    expect(topmostNewDirectory(path, listing)).toBe(want);
  });

  test("topmostNewDirectory: undefined when a listing cannot tell", () => {
    expect(topmostNewDirectory("x/y/a.nix", (dir) => (dir === "." ? new Set(["x"]) : undefined))).toBeUndefined();
  });
});

describe("temporary files", () => {
  test("a dead run's are removed, a running one's and look-alikes are not", async () => {
    const out = await tempDir();
    const dead = ".nixgen-2147483646-0123456789ab.tmp";
    const running = `.nixgen-${process.pid}-0123456789ab.tmp`;
    const lookAlikes = [".nixgen-12-0123456789ab.tmp.bak", "sub/.nixgen-2147483646-0123456789ab.tmp", ".b.0123456789ab.tmp", "sub/.y.0123456789ab.tmp"];
    await writeFiles(out, Object.fromEntries([dead, running, ...lookAlikes].map((name) => [name, "x"])));
    const changes = await syncOutput(out, [file("a"), file("sub/x")], { write: true });
    expect(changes.filter((c) => c.kind === "stray")).toEqual([{ kind: "stray", path: dead }]);
    expect([...(await snapshot(out)).keys()].sort()).toEqual([...lookAlikes, running, ".nixgen-manifest.json", "a", "sub/x"].sort());
  });

  test("those an earlier nixgen left beside the files it generates are removed too", async () => {
    const out = await tempDir();
    const earlier = [".a.0123456789ab.tmp", "sub/.x.fedcba987654.tmp", "..nixgen-manifest.json.00aa11bb22cc.tmp"];
    await writeFiles(out, Object.fromEntries(earlier.map((name) => [name, "half"])));
    const changes = await syncOutput(out, [file("a"), file("sub/x")], { write: true });
    expect(changes.filter((c) => c.kind === "stray").map((c) => c.path)).toEqual([...earlier].sort());
    expect([...(await snapshot(out)).keys()].sort()).toEqual([".nixgen-manifest.json", "a", "sub/x"]);
  });

  test("a dead run's staging directory is removed with everything in it", async () => {
    const out = await tempDir();
    const staging = ".nixgen-2147483646-0123456789ab.tmp";
    await writeFiles(out, { [`${staging}/new/half.nix`]: "ha" });
    const changes = await syncOutput(out, [file("a")], { write: true });
    expect(changes.filter((c) => c.kind === "stray")).toEqual([{ kind: "stray", path: staging }]);
    expect(await readdir(out)).toEqual([".nixgen-manifest.json", "a"]);
  });
});

describe("writeFileAtomic", () => {
  test("replaces the file through a rename, leaves no temporary file and keeps the mode", async () => {
    const dir = await tempDir();
    const target = join(dir, "sub/run.sh");
    writeFileAtomic(target, "one\n");
    await chmod(target, 0o755);
    const before = await stat(target);
    writeFileAtomic(target, "two\n");
    const after = await stat(target);
    expect(await readFile(target, "utf8")).toBe("two\n");
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o755);
    expect(await readdir(join(dir, "sub"))).toEqual(["run.sh"]);
  });
});

function manifestPaths(text: string | undefined): string[] {
  return readManifest(text, "m").entries.map((entry) => entry.path);
}
