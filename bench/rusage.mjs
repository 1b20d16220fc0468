// Fallback when /usr/bin/time is missing: `node --import ./rusage.mjs …` with RUSAGE_OUT=<file> writes the
// process's own CPU time and peak RSS there as it exits (`user system maxrss` in s, s and KB, like time -f).
import { writeFileSync } from "node:fs";

const out = process.env["RUSAGE_OUT"];
process.on("exit", () => {
  const usage = process.resourceUsage();
  if (out !== undefined) writeFileSync(out, `${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6} ${usage.maxRSS}\n`);
});
