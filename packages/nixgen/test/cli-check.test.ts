// Check mode (`nixgen check`, `nixgen gen --check`): writes nothing, names every out-of-date file with
// a unified diff, exits 1; exits 0 when everything is current.
import { appendFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { configSource, nixgen, snapshot, tempDir, withoutTiming, writeFiles } from "./helpers/cli-run.js";
import { smallHomelab } from "./helpers/small-homelab.js";

let dir: string;
let out: string;

beforeEach(async () => {
  dir = await tempDir();
  out = join(dir, "generated");
  await writeFiles(dir, { "homelab.config.yaml": configSource(smallHomelab(), "yaml") });
  expect((await nixgen(["gen"], dir)).code).toBe(0);
});

describe.each(["check", "gen --check"])("nixgen %s", (command) => {
  const args = command.split(" ");

  test("exits 0 when every file is current", async () => {
    const result = await nixgen(args, dir);
    expect(result.code).toBe(0);
    expect(withoutTiming(result.stdout)).toMatch(/^generated: \d+ files: all up to date in N ms$/);
  });

  test("a hand edit exits 1 with a diff naming the file, and is left as it is", async () => {
    const edited = [...(await snapshot(out)).keys()].find((path) => path.endsWith(".nix"));
    if (edited === undefined) throw new Error("gen wrote no .nix file");
    await appendFile(join(out, edited), "# hand edit\n");
    const before = await snapshot(out);

    const result = await nixgen(args, dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`stale   generated/${edited}\n--- generated/${edited}\ton disk\n+++ generated/${edited}\tgenerated\n@@ `);
    expect(result.stdout).toMatch(/^-# hand edit$/m);
    expect(withoutTiming(result.stdout)).toMatch(/^generated: \d+ files: 1 stale in N ms$/m);
    expect(result.stderr).toContain("✖ generated files are out of date");
    expect(await snapshot(out)).toEqual(before);
  });
});

test("check lists every stale, missing and orphan file before failing", async () => {
  const files = [...(await snapshot(out)).keys()].filter((path) => path.endsWith(".nix"));
  const [stale, missing] = files;
  if (stale === undefined || missing === undefined) throw new Error("gen wrote fewer than two .nix files");
  await appendFile(join(out, stale), "# hand edit\n");
  await rm(join(out, missing));
  // beta's files become orphans: generated before, no longer produced.
  await writeFile(join(dir, "homelab.config.yaml"), configSource(smallHomelab(["alpha"]), "yaml"));
  await writeFiles(out, { "foreign.txt": "not generated, never reported\n" });
  const before = await snapshot(out);

  const result = await nixgen(["check"], dir);
  expect(result.code).toBe(1);
  const listed = result.stdout.split("\n").filter((line) => /^(stale|missing|orphan) /.test(line));
  expect(listed).toContain(`missing generated/${missing}`);
  expect(listed.some((line) => line.startsWith("orphan  generated/machines/beta/"))).toBe(true);
  expect(listed).toContain("stale   generated/.nixgen-manifest.json");
  expect(result.stdout).not.toContain("foreign.txt");
  expect(await snapshot(out)).toEqual(before);
});

describe("temporary files of an interrupted run", () => {
  // Named as atomic-write.ts names them, by a pid no process has (above Linux's largest pid_max).
  const stray = ".nixgen-2147483646-0123456789ab.tmp";

  test("check reports them and exits 1, leaving them and a look-alike alone; gen --check the same", async () => {
    await writeFiles(out, { [stray]: "half a file", ".nixgen-1-zz.tmp": "not our name\n" });
    const before = await snapshot(out);

    const result = await nixgen(["check"], dir);
    expect(result.code).toBe(1);
    expect(withoutTiming(result.stdout).replace(/^generated: \d+ files/m, "generated: N files")).toMatchInlineSnapshot(`
      "stray   generated/.nixgen-2147483646-0123456789ab.tmp
        a temporary file of an interrupted run; \`nixgen gen\` removes it
      generated: N files: 1 stray temporary file in N ms"
    `);
    expect(result.stderr).toContain("✖ generated files are out of date");
    const viaGen = await nixgen(["gen", "--check"], dir);
    expect([viaGen.code, withoutTiming(viaGen.stdout), viaGen.stderr]).toEqual([1, withoutTiming(result.stdout), result.stderr]);
    expect(await snapshot(out)).toEqual(before);
  });

  test("gen removes them and says so; check passes after", async () => {
    await writeFiles(out, { [stray]: "half a file" });
    const result = await nixgen(["gen"], dir);
    expect(result.code).toBe(0);
    expect(withoutTiming(result.stdout)).toMatch(/^generated: \d+ files: 0 written, \d+ unchanged, 1 stray temporary file removed in N ms$/);
    expect([...(await snapshot(out)).keys()]).not.toContain(stray);
    expect((await nixgen(["check"], dir)).code).toBe(0);
  });
});
