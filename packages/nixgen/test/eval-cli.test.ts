// `nixgen eval` and `gen --eval` end to end through the built entry point, and how the lib is chosen.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { resolveLib } from "../src/nix-run/lib-source.js";
import { configSource, nixgen, snapshot, tempDir, withoutTiming, writeFiles } from "./helpers/cli-run.js";
import { smallHomelab } from "./helpers/small-homelab.js";

async function project(): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, { "homelab.config.json": configSource(smallHomelab(), "json") });
  return dir;
}

describe("gen --eval", () => {
  test("keeps a snapshot per Nix file in .eval/, which check --eval and nixgen eval then find current", async () => {
    const dir = await project();
    const first = await nixgen(["gen", "--eval", "--lib", "double"], dir);
    expect(first.code).toBe(0);
    expect(withoutTiming(first.stdout)).toMatch(/^generated\/\.eval: (\d+) files: \1 written, 0 unchanged in N ms$/m);
    const snapshots = await snapshot(join(dir, "generated/.eval"));
    expect([...snapshots.keys()]).toContain("nixosConfigurations.alpha.json");
    expect(JSON.parse(snapshots.get("hosts.nix.json")?.content ?? "{}")).toHaveProperty(["alpha", "hostname"], "alpha");

    expect((await nixgen(["check", "--eval", "--lib", "double"], dir)).code).toBe(0);
    const evaluated = await nixgen(["eval", "--lib", "double"], dir);
    expect(evaluated.code).toBe(0);
    expect(withoutTiming(evaluated.stdout)).toMatch(/^2 Nix files and 2 nixosConfigurations evaluated with lib double \(nix\/lib-double\.nix\): 2 Nix processes in N ms$/m);

    // Without --eval, gen and check leave .eval/ alone: it is not in the output's manifest.
    expect((await nixgen(["gen"], dir)).code).toBe(0);
    expect((await nixgen(["check"], dir)).code).toBe(0);
    expect(await snapshot(join(dir, "generated/.eval"))).toEqual(snapshots);
  });

  test("check --eval fails on an edited snapshot and nixgen eval --update puts it back", async () => {
    const dir = await project();
    expect((await nixgen(["gen", "--eval", "--lib", "double"], dir)).code).toBe(0);
    const file = join(dir, "generated/.eval/hosts.nix.json");
    const good = await readFile(file, "utf8");
    await writeFile(file, good.replace('"alpha"', '"gamma"'));
    const checked = await nixgen(["gen", "--check", "--eval", "--lib", "double"], dir);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain("✖ generated/hosts.nix: evaluates differently from its snapshot generated/.eval/hosts.nix.json");
    expect((await nixgen(["eval", "--update", "--lib", "double"], dir)).code).toBe(0);
    expect(await readFile(file, "utf8")).toBe(good);
  });
});

describe("nixgen eval", () => {
  test.each([
    [["eval", "--lib", "nope"], 2, '✖ --lib must be one of auto, double, real, got "nope"'],
    [["eval", "a", "b"], 2, "✖ expected at most one directory, got 2"],
    [["eval"], 1, "✖ generated: no generated output here (no .nixgen-manifest.json in it or its subdirectories)"],
  ] as const)("%j exits %i: %s", async (args, code, message) => {
    const dir = await tempDir();
    await mkdir(join(dir, "generated"));
    const result = await nixgen(args, dir);
    expect(result.code).toBe(code);
    expect(result.stderr.split("\n")[0]).toBe(message);
  });
});

describe("resolveLib", () => {
  test("takes the double unless a nixpkgs is named", async () => {
    expect(resolveLib("auto", {})).toEqual({ kind: "double" });
    expect(resolveLib("double", { NIXGEN_NIXPKGS: "/anywhere" })).toEqual({ kind: "double" });
    expect(() => resolveLib("real", {})).toThrow("--lib real: no nixpkgs found; set NIXGEN_NIXPKGS=/path/to/nixpkgs or put nixpkgs on NIX_PATH");
    expect(() => resolveLib("auto", { NIXGEN_NIXPKGS: "/nonexistent" })).toThrow("NIXGEN_NIXPKGS=/nonexistent: no lib/default.nix there");
  });

  test("finds nixpkgs through NIXGEN_NIXPKGS or NIX_PATH", async () => {
    const dir = await tempDir();
    await writeFiles(dir, { "nixpkgs/lib/default.nix": "{ }\n" });
    const nixpkgs = join(dir, "nixpkgs");
    expect(resolveLib("auto", { NIXGEN_NIXPKGS: nixpkgs })).toEqual({ kind: "real", nixpkgs });
    expect(resolveLib("auto", { NIX_PATH: `foo=/x:nixpkgs=${nixpkgs}` })).toEqual({ kind: "real", nixpkgs: "<nixpkgs>" });
    expect(resolveLib("real", { NIX_PATH: dir })).toEqual({ kind: "real", nixpkgs: "<nixpkgs>" });
    expect(resolveLib("auto", { NIX_PATH: "nixpkgs=/nonexistent" })).toEqual({ kind: "double" });
  });
});
