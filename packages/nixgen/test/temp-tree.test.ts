// The one temporary-tree writer (gen --eval's planned files, import's regenerated files): the files
// are there while `use` runs, and the directory is gone after it returns, throws, or the process is
// interrupted.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { withTempTree } from "../src/nix-run/temp-tree.js";

const files = [
  { path: "hosts.nix", content: "{ }\n" },
  { path: "machines/frame1/default.nix", content: "{ ... }: { }\n" },
];

describe("withTempTree", () => {
  test("writes every file, nested directories included, and removes the tree after use", async () => {
    let seen = "";
    const read = await withTempTree("test", files, async (dir) => {
      seen = dir;
      return Promise.all(files.map((file) => readFile(join(dir, file.path), "utf8")));
    });
    expect(read).toEqual(files.map((file) => file.content));
    expect(seen).not.toBe("");
    expect(existsSync(seen)).toBe(false);
  });

  test("removes the tree when use throws, and passes the error on", async () => {
    let seen = "";
    const failing = withTempTree("test", files, async (dir) => {
      seen = dir;
      throw new Error("boom");
    });
    await expect(failing).rejects.toThrow("boom");
    expect(existsSync(seen)).toBe(false);
  });

  test.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)("removes the tree when %s interrupts the process, which then ends by that signal", async (signal) => {
    const jiti = pathToFileURL(createRequire(import.meta.url).resolve("jiti")).href;
    const child = execa(process.execPath, [
      fileURLToPath(new URL("fixtures/temp-tree/hold-tree.mjs", import.meta.url)),
      jiti,
      fileURLToPath(new URL("../src/nix-run/temp-tree.ts", import.meta.url)),
    ], { reject: false });
    const dir = await new Promise<string>((resolve) => child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())));
    expect(existsSync(join(dir, "machines/a/default.nix"))).toBe(true);
    child.kill(signal);
    const result = await child;
    expect(result.signal).toBe(signal);
    expect(existsSync(dir)).toBe(false);
  });
});
