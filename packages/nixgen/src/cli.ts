#!/usr/bin/env node
// The `nixgen` executable: the one place that touches process streams and sets the exit code.
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

// exitCode rather than exit(): the process ends once stdout has drained, so piped output is never cut.
process.exitCode = await main(process.argv.slice(2), commands, {
  cwd: process.cwd(),
  out: stream(process.stdout),
  err: stream(process.stderr),
});
