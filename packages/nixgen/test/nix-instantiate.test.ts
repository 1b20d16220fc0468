// The one Nix runner, as eval and import call it: an expression on stdin, a file with arguments,
// Nix's error as message and positions, and a run that takes too long killed with a typed error.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { attrs, bind, call, id, list, select } from "@homelab/nix";
import { describe, expect, test } from "vitest";
import { NixTimeoutError, nixEvalJson, parseNixError } from "../src/nix-run/nix-instantiate.js";

describe("nixEvalJson", () => {
  test("evaluates an expression piped to Nix", async () => {
    const result = await nixEvalJson({ expr: attrs([bind("a", list([1, "x"])), bind("b", call(select(id("builtins"), "add"), 1, 2))]) });
    expect(result).toEqual({ ok: true, value: { a: [1, "x"], b: 3 } });
  });

  test("calls a file with --arg/--argstr, relative paths of an argument resolved in cwd", async () => {
    const dir = await mkdtemp(join(tmpdir(), "nixgen-runner-"));
    await writeFile(join(dir, "f.nix"), "{ name, value }: { inherit name value; }\n");
    await writeFile(join(dir, "value.nix"), "42\n");
    const result = await nixEvalJson({ expr: { file: join(dir, "f.nix") }, args: ["--argstr", "name", "n", "--arg", "value", "import ./value.nix"], cwd: dir });
    expect(result).toEqual({ ok: true, value: { name: "n", value: 42 } });
  });

  test("a file that does not parse: Nix's message and the position in it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "nixgen-runner-"));
    await writeFile(join(dir, "bad.nix"), "{\n  a = 1\n}\n");
    const result = await nixEvalJson({ expr: { file: join(dir, "bad.nix") } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/^syntax error, unexpected '}'/);
    expect(result.error.positions).toEqual([`${join(dir, "bad.nix")}:3:1`]);
  });

  test("a run past its timeout is killed and throws NixTimeoutError", async () => {
    // Nix 2.8 has no sleep: a recursion deep enough to outlast 200 ms on any machine.
    const dir = await mkdtemp(join(tmpdir(), "nixgen-runner-"));
    await writeFile(join(dir, "slow.nix"), "let f = n: if n == 0 then 0 else 1 + f (n - 1) + f (n - 1); in f 40\n");
    await expect(nixEvalJson({ expr: { file: join(dir, "slow.nix") }, timeout: 200 })).rejects.toThrow(NixTimeoutError);
  });
});

describe("parseNixError", () => {
  test.each([
    [
      "a message continued over lines, then its positions (innermost first)",
      "\u001b[31;1merror:\u001b[0m value is a string\n       while a set was expected\n\n       at /tmp/a.nix:2:3:\n\n       at /tmp/b.nix:7:1:\n",
      { message: "value is a string\nwhile a set was expected", positions: ["/tmp/a.nix:2:3", "/tmp/b.nix:7:1"] },
    ],
    ["warnings before the error are skipped", "warning: x\nerror: boom\n(use '--show-trace' to show detailed location information)\n", { message: "boom", positions: [] }],
    ["no error line at all: the whole text", "  killed  \n", { message: "killed", positions: [] }],
    ["nothing on stderr", "", { message: "nix-instantiate failed without a message", positions: [] }],
  ])("%s", (_, stderr, want) => {
    expect(parseNixError(stderr)).toEqual(want);
  });
});
