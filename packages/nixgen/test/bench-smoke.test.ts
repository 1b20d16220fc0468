// `pnpm bench --smoke` still produces every figure of the performance section: a refactor that
// breaks the bench (a moved export, a renamed file, a synthetic config the checks now refuse) fails
// here instead of on the next full run. It asserts that each figure is there and a finite number,
// never what the number is: the smoke run's sizes are too small for its timings to mean anything.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `[where, value]` of every leaf of the results, so a NaN (written as null) or a missing run shows by name. */
function leaves(value: Json, where: string): [string, Json][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, `${where}[${i}]`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => leaves(item, `${where}.${key}`));
  return [[where, value]];
}

test("pnpm bench --smoke produces every figure, each a finite number", { timeout: 180_000 }, () => {
  const stdout = execFileSync(process.execPath, ["bench/run.mjs", "--smoke"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const results = JSON.parse(readFileSync(`${root}/bench/.work/results.json`, "utf8")) as Record<string, Json>;
  const figure = (path: string): Json => path.split(".").reduce<Json>((value, key) => (value as Record<string, Json>)[key] ?? null, results);

  const summaries = [
    ...[10, 100].flatMap((n) =>
      ["wallMs", "cpuMs", "rssKb", "floorWallMs", "vsFloor", "upToDateWallMs", "upToDateFloorWallMs", "upToDateVsFloor"].map((what) => `gen.${n}.${what}`),
    ),
    "scaling.0.ratio",
    "memory.0.ratio",
    ...["json", "jsonIndented", "toNix", "print", "nijs"].map((name) => `printer.ms.${name}`),
    ...["toNixVsJson", "toNixVsJsonIndented", "printVsJsonIndented", "toNixVsNijs", "printVsNijs"].map((name) => `printer.ratios.${name}`),
    "validation.batchedMs",
    "validation.perEntryMs",
    "validation.speedup",
    "check.wallMs",
    "check.nodeWallMs",
    "check.vsNode",
  ];
  for (const path of summaries) {
    for (const key of ["median", "min", "max"]) expect(Number.isFinite(figure(`${path}.${key}`)), `${path}.${key}`).toBe(true);
  }
  const counts = [
    "gen.10.files",
    "gen.100.files",
    ...["json", "jsonIndented", "toNix", "print", "nijs"].map((name) => `printer.bytes.${name}`),
    "validation.files",
    "validation.systems",
    "validation.processes.batched",
    "validation.processes.perEntry",
    "loads.modules",
  ];
  for (const path of counts) expect(figure(path), path).toBeGreaterThan(0);
  // The load trace sees heavy packages where they are loaded, so its "neither" for `gen` means something.
  expect(figure("loads.controlSees")).toEqual(["ts-morph", "prettier"]);
  // No figure anywhere came out as NaN, Infinity or undefined (JSON writes the first two as null).
  expect(leaves(results as Json, "results").filter(([, value]) => value === null)).toEqual([]);

  // And the report shows each of them.
  expect(stdout).not.toMatch(/NaN|undefined|Infinity/);
  for (const row of ["| 10 |", "| 100 |", "the peak RSS", "gen / floor", "Ten times the machines (10 → 100)", "`toNix(data)`", "nijs `jsToNix", "| batched: `evaluateRoots`", "| one `nix-instantiate` per entry", "`gen --check` on the examples", "`gen` loads"]) {
    expect(stdout).toContain(row);
  }
});
