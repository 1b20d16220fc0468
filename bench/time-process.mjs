// Runs a Node script in a fresh process and measures it end to end: wall time from spawn to exit (Node
// start-up included), CPU time (user + system) and peak RSS. GNU time reports the last two when it is
// installed (Debian package `time`); otherwise the child reports its own through rusage.mjs.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const gnuTime = "/usr/bin/time";
const hasGnuTime = existsSync(gnuTime);
const usageFile = join(tmpdir(), `homelab-bench-rusage-${process.pid}.txt`);
const rusageHook = new URL("./rusage.mjs", import.meta.url).pathname;

/** How CPU time and RSS are measured, for the report. */
export const usageSource = hasGnuTime ? "GNU time" : "process.resourceUsage()";

/**
 * `node [nodeArgs] script [args]`; returns `{ wallMs, cpuMs, rssKb, status, stdout, stderr }`.
 * A non-zero exit throws unless `allowFailure`.
 */
export function timeNode(script, args, { cwd, env = process.env, nodeArgs = [], allowFailure = false } = {}) {
  rmSync(usageFile, { force: true });
  const node = [...nodeArgs, script, ...args];
  const [command, argv, childEnv] = hasGnuTime
    ? [gnuTime, ["-f", "%U %S %M", "-o", usageFile, process.execPath, ...node], env]
    : [process.execPath, ["--import", rusageHook, ...node], { ...env, RUSAGE_OUT: usageFile }];
  const started = performance.now();
  const child = spawnSync(command, argv, { cwd, env: childEnv, encoding: "utf8", maxBuffer: 1 << 28 });
  const wallMs = performance.now() - started;
  if (child.error !== undefined) throw child.error;
  if (child.status !== 0 && !allowFailure) {
    throw new Error(`${[script, ...args].join(" ")} exited with ${child.status}:\n${child.stderr}`);
  }
  // GNU time prefixes "Command exited with non-zero status N" on failure: the figures are the last line.
  const lastLine = readFileSync(usageFile, "utf8").trim().split("\n").pop() ?? "";
  const [user, system, rss] = lastLine.split(" ").map(Number);
  return {
    wallMs,
    cpuMs: (user + system) * 1000,
    rssKb: rss,
    status: child.status,
    stdout: child.stdout,
    stderr: child.stderr,
  };
}
