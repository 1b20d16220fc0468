// The corpus of hostile configs (test/fixtures/bad/<rule>.yaml, one per rule): each is refused with
// exit 1 and a line naming the field (`# expect: → at <path>` in the file), `validate` and `gen` say
// the same, and `gen` leaves its output directory, a foreign file included, exactly as it was.
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { nixgen, snapshot, tempDir } from "./helpers/cli-run.js";

const corpus = fileURLToPath(new URL("./fixtures/bad/", import.meta.url));
const fixtures = (await readdir(corpus)).filter((file) => file.endsWith(".yaml")).sort();

/** The `✖ … → at …` lines of one run, without the file name and summary around them. */
const issueLines = (stderr: string) =>
  stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("✖") && line.includes(" → at "));

describe("the corpus of bad configs", () => {
  test("holds one file per rule", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  // Each case is two CLI processes; running cases side by side keeps the file quick.
  test.concurrent.for(fixtures)("%s: exit 1 with the field's path; validate and gen agree; nothing written", async (file, { expect }) => {
    const text = await readFile(join(corpus, file), "utf8");
    const expected = /^# expect: (→ at .+)$/m.exec(text)?.[1];
    expect(expected, `${file} has no "# expect: → at <path>" line`).toBeDefined();
    const dir = await tempDir();
    await copyFile(join(corpus, file), join(dir, "homelab.config.yaml"));
    await mkdir(join(dir, "out"));
    await writeFile(join(dir, "out", "notes.md"), "# mine, not nixgen's\n");
    const before = await snapshot(join(dir, "out"));

    const [validate, gen] = await Promise.all([
      nixgen(["validate", "--config", "homelab.config.yaml"], dir),
      nixgen(["gen", "--config", "homelab.config.yaml", "--out", "out"], dir),
    ]);

    expect(validate.code).toBe(1);
    expect(gen.code).toBe(1);
    expect(issueLines(validate.stderr).some((line) => line.endsWith(expected as string))).toBe(true);
    expect(issueLines(gen.stderr)).toEqual(issueLines(validate.stderr));
    expect(gen.stderr).not.toMatch(/Error:|    at /);
    expect(await snapshot(join(dir, "out"))).toEqual(before);
  });
});
