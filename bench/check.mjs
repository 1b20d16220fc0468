// `nixgen gen --check` over the examples (what CI and a pre-commit hook run) against a bare `node -e 0`,
// the part of it no code of ours can cut, and which modules a `gen` process loads: ts-morph and prettier
// belong to `nixgen import` only.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pairedRatios, summary } from "./stats.mjs";
import { timeNode } from "./time-process.mjs";
import { provideUserFiles } from "./user-files.mjs";

/** Each round runs `gen --check`, then `node -e 0`: the ratio is taken round by round, so machine noise cancels. */
export function benchCheck({ root, cli, rounds }) {
  const wall = [];
  const nodeWall = [];
  for (let round = 0; round < rounds; round++) {
    wall.push(timeNode(cli, ["gen", "--check", "--examples", "examples", "--out", "generated"], { cwd: root }).wallMs);
    nodeWall.push(timeNode("-e", ["0"], { cwd: root }).wallMs);
  }
  return { wallMs: summary(wall), nodeWallMs: summary(nodeWall), vsNode: summary(pairedRatios(wall, nodeWall)), runs: wall, nodeRuns: nodeWall };
}

const heavy = ["ts-morph", "prettier"];

/**
 * Runs `gen` on a config under trace-loads.mjs: which heavy packages it loaded, and how many modules.
 * A control run that imports both proves the trace would see them.
 */
export function traceGenLoads({ root, cli, work, config }) {
  provideUserFiles(config, join(work, "out-trace"));
  const gen = traceLoads(work, cli, ["gen", "--config", config, "--out", join(work, "out-trace")], root);
  const control = traceLoads(work, "--input-type=module", ["-e", 'await import("prettier"); await import("ts-morph");'], join(root, "packages/nixgen"));
  return { ...gen, controlSees: heavy.filter((name) => control.packages.includes(name)) };
}

function traceLoads(work, script, args, cwd) {
  const file = join(work, "loads.txt");
  timeNode(script, args, {
    cwd,
    env: { ...process.env, TRACE_LOADS: file },
    nodeArgs: ["--import", new URL("./trace-loads.mjs", import.meta.url).pathname],
  });
  const urls = [...new Set(readFileSync(file, "utf8").split("\n").filter((line) => line.startsWith("file:")))];
  const packageOf = (url) => /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  const packages = [...new Set(urls.map(packageOf).filter((name) => name !== undefined))].sort();
  return { modules: urls.length, packages, heavyLoaded: heavy.filter((name) => packages.includes(name)) };
}
