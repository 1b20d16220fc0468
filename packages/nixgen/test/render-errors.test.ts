// A value the schema let through but no output format can hold is found only when its file renders,
// in the middle of a run: `plan` and `generate` report it as an issue at the config field that holds
// it, like any invalid config; any other error is a bug and comes out as it was thrown.
import { describe, expect, test, vi } from "vitest";
import type { EmitContext, EmittedFile } from "../src/emit/types.js";
import { generate, InvalidConfigError, plan } from "../src/index.js";
import { TextValueError } from "../src/text/escape.js";
import { snapshot, tempDir } from "./helpers/cli-run.js";
import { smallHomelab } from "./helpers/small-homelab.js";

const thrown = vi.hoisted(() => ({ error: new Error("unset") as Error }));

// One more file, after every real one, whose rendering throws `thrown.error`.
vi.mock("../src/emit/index.js", async (importOriginal) => {
  const emit = await importOriginal<typeof import("../src/emit/index.js")>();
  const failing: EmittedFile = { path: "zz-failing.md", kind: "markdown", render: () => { throw thrown.error; } };
  return { ...emit, emittedFiles: (ctx: EmitContext) => [...emit.emittedFiles(ctx), failing] };
});

const valueError = () => new TextValueError(`"alpha" cannot be written in this format`);
const atHostname = [expect.objectContaining({ code: "unrepresentable-value", path: ["machines", "alpha", "hostname"] })];

describe("a value error while rendering", () => {
  test("plan reports it at the config field it quotes", () => {
    thrown.error = valueError();
    expect(() => plan(smallHomelab())).toThrow(InvalidConfigError);
    try {
      plan(smallHomelab());
    } catch (error) {
      expect((error as InvalidConfigError).issues).toEqual(atHostname);
    }
  });

  test("generate rejects with it as an InvalidConfigError, in every mode", async () => {
    thrown.error = valueError();
    for (const mode of [{ check: true }, { dryRun: true }, {}]) {
      const out = await tempDir();
      const run = generate({ config: smallHomelab(), out, ...mode });
      await expect(run).rejects.toBeInstanceOf(InvalidConfigError);
      await expect(run).rejects.toMatchObject({ issues: atHostname });
      if (mode.check === true) expect((await snapshot(out)).size).toBe(0);
    }
  });

  test("generate reports it when beforeSync renders the files (gen --eval)", async () => {
    thrown.error = valueError();
    const run = generate({ config: smallHomelab(), out: await tempDir(), check: true, beforeSync: (planned) => void planned.files.map((file) => file.render()) });
    await expect(run).rejects.toMatchObject({ issues: atHostname });
  });

  test("any other error is rethrown as it is", async () => {
    const bug = new TypeError("x is undefined");
    thrown.error = bug;
    expect(() => plan(smallHomelab())).toThrow(bug);
    await expect(generate({ config: smallHomelab(), out: await tempDir(), check: true })).rejects.toBe(bug);
  });
});
