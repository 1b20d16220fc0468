#!/usr/bin/env node
// The `nixgen` executable: the one place that touches process streams and sets the exit code.
import { setFlagsFromString } from "node:v8";
import { commands } from "./cli/commands/index.js";
import type { Stream } from "./stream.js";
import { main } from "./cli/main.js";

function stream(target: NodeJS.WriteStream): Stream {
  // `nixgen schema | head`: the reader left, so there is no one to print to; end quietly.
  target.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit();
  });
  // https://no-color.org: colour off when NO_COLOR is set and not empty.
  const color = target.isTTY === true && (process.env["NO_COLOR"] ?? "") === "";
  return { color, write: (text) => void target.write(text) };
}

// A run's live data is small next to what it allocates and drops (a 10,000-machine `gen`: ~100 MB live),
// and V8 lets the old generation grow to up to 4 times the live size before it collects it again. Grow
// it by a fifth instead: with the raw config dropped once validated (generate.ts), peak RSS of that
// `gen` went from ~550 to ~370 MB, its CPU time unchanged (bench/, runs paired with and without). Only
// when V8 collects changes, not how much the heap may hold (Node's default limit, or the user's
// --max-old-space-size), so a homelab that fits in memory without this still fits. A value the user set (NODE_OPTIONS, node's own flags) wins.
const heapGrowth = "--heap-growing-percent";
if (![...process.execArgv, process.env["NODE_OPTIONS"] ?? ""].some((flag) => flag.includes(heapGrowth))) {
  setFlagsFromString(`${heapGrowth}=20`);
}

// exitCode rather than exit(): the process ends once stdout has drained, so piped output is never cut.
process.exitCode = await main(process.argv.slice(2), commands, {
  cwd: process.cwd(),
  out: stream(process.stdout),
  err: stream(process.stderr),
});
