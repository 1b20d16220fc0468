// `generate()` as the README's "Programmatic use" shows it: a loaded config, one call per mode.
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import { generate, InvalidConfigError, loadConfig, type FileChange } from "../src/index.js";
import { configSource, snapshot, tempDir, writeFiles } from "./helpers/cli-run.js";
import { smallHomelab } from "./helpers/small-homelab.js";

describe("generate", () => {
  test("check, dry run and write, as the README shows them", async () => {
    const dir = await tempDir();
    await writeFiles(dir, { "homelab.config.yaml": configSource(smallHomelab(), "yaml") });
    const config = await loadConfig(join(dir, "homelab.config.yaml"));
    const out = join(dir, "generated");

    const seen: FileChange[] = [];
    const { changes, warnings, upToDate } = await generate({ config, out, source: "homelab.config.yaml", check: true, onChange: (c) => seen.push(c) });
    expect(upToDate).toBe(false);
    expect(warnings).toEqual([]);
    expect(changes.every((change) => change.kind === "create")).toBe(true);
    expect(changes.map((change) => change.path)).toEqual([...changes.map((change) => change.path)].sort());
    // The callback saw the same changes, in the same order, with the contents a diff needs.
    expect(seen.map(({ kind, path }) => ({ kind, path }))).toEqual(changes);
    expect(seen.every((change) => change.kind === "create" && change.after.length > 0)).toBe(true);
    expect((await snapshot(dir)).size).toBe(1);

    expect((await generate({ config, out, source: "homelab.config.yaml", dryRun: true })).changes).toEqual(changes);
    expect((await snapshot(dir)).size).toBe(1);

    const written = await generate({ config, out, source: "homelab.config.yaml" });
    expect(written.changes).toEqual(changes);
    expect([...(await snapshot(out)).keys()].sort()).toEqual(changes.map((change) => change.path));
    const again = await generate({ config, out, source: "homelab.config.yaml", check: true });
    expect(again.upToDate).toBe(true);
    expect(again.rekeys).toEqual([]);
  });

  test("an invalid config throws InvalidConfigError before beforeSync is called or anything is written", async () => {
    const out = await tempDir();
    let called = false;
    const broken = { ...smallHomelab(), machines: { x: { kind: "boat" } } };
    await expect(generate({ config: broken, out, beforeSync: () => void (called = true) })).rejects.toBeInstanceOf(InvalidConfigError);
    expect(called).toBe(false);
    expect((await snapshot(out)).size).toBe(0);
  });

  test("an error thrown by beforeSync stops the run with nothing written", async () => {
    const out = await tempDir();
    const stop = new Error("not now");
    await expect(generate({ config: smallHomelab(), out, beforeSync: () => Promise.reject(stop) })).rejects.toBe(stop);
    expect((await snapshot(out)).size).toBe(0);
  });

  test("lets the raw config go once it is validated: it is not held while the files are written", async () => {
    const out = await tempDir();
    let raw: WeakRef<object> | undefined;
    let held: boolean | undefined;
    // A function, so that no frame of this test holds the config while `generate` runs.
    const start = () => {
      const config = smallHomelab();
      raw = new WeakRef(config);
      return generate({
        config,
        out,
        beforeSync: async () => {
          // A WeakRef's target lives to the end of the task that made it: collect in a later one.
          await new Promise((resolve) => setTimeout(resolve, 0));
          collectGarbage();
          held = raw?.deref() !== undefined;
        },
      });
    };
    await start();
    expect(held).toBe(false);
  });
});

/** A full collection, without running the tests under --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
