// `nixgen gen` end to end, through the built entry point in temporary directories.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { configSource, contents, nixgen, snapshot, tempDir, withoutTiming, writeFiles } from "./helpers/cli-run.js";
import { kindFromPath } from "../src/emit/output-layout.js";
import { smallHomelab } from "./helpers/small-homelab.js";

async function project(config: unknown = smallHomelab()): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, { "homelab.config.json": configSource(config, "json") });
  return dir;
}

/** The paths the manifest lists, in its order. */
const manifest = async (out: string): Promise<string[]> => Object.keys(manifestKinds(await snapshot(out)));

const manifestKinds = (files: Awaited<ReturnType<typeof snapshot>>): Record<string, string> =>
  (JSON.parse(files.get(".nixgen-manifest.json")?.content ?? "{}") as { files: Record<string, string> }).files;

describe("nixgen gen", () => {
  test("twice gives byte-identical files, and the second run writes nothing", async () => {
    const dir = await project();
    const first = await nixgen(["gen"], dir);
    expect(first.code).toBe(0);
    const before = await snapshot(join(dir, "generated"));
    expect(before.size).toBeGreaterThan(1);

    const second = await nixgen(["gen"], dir);
    expect(second.code).toBe(0);
    expect(withoutTiming(second.stdout)).toBe(`generated: ${before.size} files: 0 written, ${before.size} unchanged in N ms`);
    // Same inode and mtime: not even rewritten with the same bytes.
    expect(await snapshot(join(dir, "generated"))).toEqual(before);
  });

  test("prints one summary line and writes a sorted manifest of what it generated", async () => {
    const dir = await project();
    const result = await nixgen(["gen", "--out", "out"], dir);
    const files = await snapshot(join(dir, "out"));
    expect(withoutTiming(result.stdout)).toBe(`out: ${files.size} files: ${files.size} written, 0 unchanged in N ms`);
    const listed = await manifest(join(dir, "out"));
    expect(listed).toEqual([...files.keys()].filter((path) => path !== ".nixgen-manifest.json").sort());
    // Each file's kind as its emitter set it: the Nix ones as an older manifest's paths are read.
    const kinds = manifestKinds(files);
    for (const path of listed.filter((path) => path.endsWith(".nix"))) expect(kinds[path], path).toBe(kindFromPath(path));
    expect(kinds[".review.json"]).toBe("json");
    expect(kinds["INVENTORY.md"]).toBe("markdown");
    for (const [path, { content }] of files) {
      expect(content.endsWith("\n"), path).toBe(true);
      expect(content, path).not.toContain(dir);
    }
  });

  test("a machine removed from the config has its files removed, and nothing else", async () => {
    const dir = await project();
    const out = join(dir, "generated");
    await nixgen(["gen"], dir);
    await writeFiles(out, { "notes.md": "mine\n", "machines/keep.txt": "also mine\n" });
    const before = await snapshot(out);
    const listedBefore = await manifest(out);

    await writeFile(join(dir, "homelab.config.json"), configSource(smallHomelab(["alpha"]), "json"));
    const result = await nixgen(["gen"], dir);
    expect(result.code).toBe(0);
    const after = await snapshot(out);
    const listedAfter = await manifest(out);

    const removed = listedBefore.filter((path) => !listedAfter.includes(path));
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((path) => path.includes("beta"))).toBe(true);
    expect(withoutTiming(result.stdout)).toMatch(new RegExp(`, ${removed.length} removed in N ms$`));
    for (const path of removed) expect(after.has(path), path).toBe(false);
    // Files nixgen did not generate are untouched; so are generated files whose content stayed the same.
    expect(after.get("notes.md")).toEqual(before.get("notes.md"));
    expect(after.get("machines/keep.txt")).toEqual(before.get("machines/keep.txt"));
    for (const path of listedAfter) {
      if (before.get(path)?.content === after.get(path)?.content) expect(after.get(path), path).toEqual(before.get(path));
    }
    // The removed machine's directory went with its files.
    expect([...after.keys()].some((path) => path.startsWith("machines/beta/"))).toBe(false);
  });

  test("--dry-run lists what would change and writes nothing", async () => {
    const dir = await project();
    const fresh = await nixgen(["gen", "--dry-run"], dir);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/^create {2}generated\/\.nixgen-manifest\.json$/m);
    expect(withoutTiming(fresh.stdout)).toMatch(/^generated: \d+ files: \d+ to write, 0 unchanged \(dry run\) in N ms$/m);
    expect((await snapshot(join(dir, "generated"))).size).toBe(0);

    await nixgen(["gen"], dir);
    await writeFile(join(dir, "homelab.config.json"), configSource(smallHomelab(["alpha"]), "json"));
    const before = await snapshot(join(dir, "generated"));
    const changed = await nixgen(["gen", "-n"], dir);
    expect(changed.code).toBe(0);
    expect(changed.stdout).toMatch(/^remove {2}generated\/machines\/beta\//m);
    expect(changed.stdout).toMatch(/^update {2}generated\/\.nixgen-manifest\.json$/m);
    expect(await snapshot(join(dir, "generated"))).toEqual(before);
  });

  test("an invalid config exits 1 with the path of each error and leaves the output byte-identical", async () => {
    const dir = await project();
    await nixgen(["gen"], dir);
    const before = await snapshot(join(dir, "generated"));
    const broken = smallHomelab();
    const machines = broken.machines as Record<string, Record<string, unknown>>;
    machines["alpha"] = { ...machines["alpha"], hostname: "Not A Hostname" };
    machines["beta"] = { ...machines["beta"], stateVersion: 25 };
    await writeFile(join(dir, "homelab.config.json"), configSource(broken, "json"));

    const result = await nixgen(["gen"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^homelab\.config\.json$/m);
    expect(result.stderr).toMatch(/^ {2}✖ .* → at machines\.alpha\.hostname$/m);
    expect(result.stderr).toMatch(/^ {2}✖ .* → at machines\.beta\.stateVersion$/m);
    expect(result.stderr).toContain("✖ 1 invalid config: nothing was written");
    expect(await snapshot(join(dir, "generated"))).toEqual(before);
  });

  test("a damaged manifest stops the run with exit 1 and deletes nothing", async () => {
    const dir = await project();
    await nixgen(["gen"], dir);
    await writeFiles(join(dir, "generated"), { ".nixgen-manifest.json": '{ "files": ["../../outside"] }\n' });
    const before = await snapshot(join(dir, "generated"));
    const result = await nixgen(["gen"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/generated/.nixgen-manifest.json must hold { "files": { relative path inside the directory: its kind } }');
    expect(await snapshot(join(dir, "generated"))).toEqual(before);
  });

  test("--examples generates each examples/<name>/homelab.config.* into <out>/<name>/, headers naming the config", async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      "examples/one/homelab.config.yaml": configSource(smallHomelab(["alpha"]), "yaml"),
      "examples/two/homelab.config.json": configSource(smallHomelab(["beta"]), "json"),
      "examples/README.md": "not an example\n",
      "examples/empty/notes.txt": "no config here\n",
    });
    const result = await nixgen(["gen", "--examples", "examples", "--out", "gen"], dir);
    expect(result.code).toBe(0);
    expect(withoutTiming(result.stdout).split("\n").map((line) => line.replace(/: .*/, ""))).toEqual(["gen/one", "gen/two"]);
    const files = contents(await snapshot(join(dir, "gen")));
    const nix = Object.entries(files).filter(([path]) => path.endsWith(".nix"));
    expect(nix.length).toBeGreaterThan(0);
    for (const [path, content] of nix) {
      const example = path.split("/")[0];
      expect(content, path).toContain(`examples/${example}/homelab.config.${example === "one" ? "yaml" : "json"}`);
    }
    // An invalid example stops every example from being written.
    await writeFiles(dir, { "examples/three/homelab.config.json": '{ "machines": { "x": { "kind": "boat" } } }\n' });
    const before = await snapshot(join(dir, "gen"));
    const failed = await nixgen(["gen", "--examples", "examples", "--out", "gen"], dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("examples/three/homelab.config.json");
    expect(await snapshot(join(dir, "gen"))).toEqual(before);
  });
});
