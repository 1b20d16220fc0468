// `nixgen gen` end to end at each size, each run a fresh process: once into an empty directory (every
// file written) and once more over that output (nothing changes: the pre-commit and on-save case).
// Sizes take turns within each round, so a slow moment of the machine touches every size alike.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { summary } from "./stats.mjs";
import { timeNode } from "./time-process.mjs";
import { provideUserFiles } from "./user-files.mjs";

/** `{ [size]: { fresh: {wall, cpu, rss}, again: {wall} } }` as summaries, plus every run. */
export function benchGen({ root, cli, work, sizes, rounds, configOf, again = true }) {
  const runs = Object.fromEntries(sizes.map((n) => [n, { wall: [], cpu: [], rss: [], againWall: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const n of sizes) {
      const out = join(work, `out-${n}`);
      rmSync(out, { recursive: true, force: true });
      provideUserFiles(configOf(n), out);
      const args = ["gen", "--config", configOf(n), "--out", out];
      const fresh = timeNode(cli, args, { cwd: root });
      runs[n].wall.push(fresh.wallMs);
      runs[n].cpu.push(fresh.cpuMs);
      runs[n].rss.push(fresh.rssKb);
      if (again) runs[n].againWall.push(timeNode(cli, args, { cwd: root }).wallMs);
    }
  }
  return Object.fromEntries(
    sizes.map((n) => [
      n,
      {
        wallMs: summary(runs[n].wall),
        cpuMs: summary(runs[n].cpu),
        rssKb: summary(runs[n].rss),
        ...(again ? { upToDateWallMs: summary(runs[n].againWall) } : {}),
        runs: runs[n],
      },
    ]),
  );
}
