// `nixgen gen` end to end at each size, each run a fresh process: once into an empty directory (every
// file written) and once more over that output (nothing changes: the pre-commit and on-save case).
// Each `gen` run is paired with the I/O floor (io-floor.mjs) doing the same: writing the same files
// into an empty directory, then reading and comparing them; `gen / floor` is taken run by run.
// Sizes take turns within each round, so a slow moment of the machine touches every size alike.
// Every run writes into a directory of its own, and all are deleted only after the last run: deleting
// thousands of files queues file-system work (journal commits, and discards where the disk is mounted
// with them) that the next process would otherwise pay for. On a 2-core VM with ext4 mounted `discard`,
// creating 3,000 small files took 80 ms, and 140–340 ms right after deleting as many. For the same
// reason each timed run starts after `sync`: no run pays for the write-back of the one before it.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { packOutput } from "./io-floor.mjs";
import { pairedRatios, summary } from "./stats.mjs";
import { timeNode } from "./time-process.mjs";
import { provideUserFiles } from "./user-files.mjs";

const floorScript = new URL("./io-floor.mjs", import.meta.url).pathname;

/**
 * `{ [size]: { files, wallMs, cpuMs, rssKb, floorWallMs, vsFloor, upToDate…: the same for the second run } }`
 * as summaries, plus every run.
 */
export function benchGen({ root, cli, work, sizes, rounds, configOf, again = true }) {
  const runs = Object.fromEntries(
    sizes.map((n) => [n, { wall: [], cpu: [], rss: [], floorWall: [], againWall: [], againFloorWall: [] }]),
  );
  const files = {};
  const runsDir = join(work, "runs");
  const settle = () => execFileSync("sync");
  const clear = () => {
    rmSync(runsDir, { recursive: true, force: true });
    settle();
  };
  clear();
  for (let round = 0; round < rounds; round++) {
    for (const n of sizes) {
      const fresh = (dir) => new Set(provideUserFiles(configOf(n), dir));
      const out = join(runsDir, `out-${n}-${round}`);
      const floorOut = join(runsDir, `floor-${n}-${round}`);
      const pack = join(work, `floor-${n}.pack`);
      const userFiles = fresh(out);
      const args = ["gen", "--config", configOf(n), "--out", out];
      settle();
      const gen = timeNode(cli, args, { cwd: root });
      // Output is the same in every round: packing it once, before the floor's first clock, is enough.
      if (round === 0) files[n] = packOutput(out, pack, userFiles);
      fresh(floorOut);
      settle();
      const floor = timeNode(floorScript, ["write", configOf(n), pack, floorOut], { cwd: root });
      runs[n].wall.push(gen.wallMs);
      runs[n].cpu.push(gen.cpuMs);
      runs[n].rss.push(gen.rssKb);
      runs[n].floorWall.push(floor.wallMs);
      if (again) {
        settle();
        runs[n].againWall.push(timeNode(cli, args, { cwd: root }).wallMs);
        settle();
        runs[n].againFloorWall.push(timeNode(floorScript, ["compare", configOf(n), pack, floorOut], { cwd: root }).wallMs);
      }
    }
  }
  clear();
  return Object.fromEntries(
    sizes.map((n) => {
      const r = runs[n];
      return [
        n,
        {
          files: files[n],
          wallMs: summary(r.wall),
          cpuMs: summary(r.cpu),
          rssKb: summary(r.rss),
          floorWallMs: summary(r.floorWall),
          vsFloor: summary(pairedRatios(r.wall, r.floorWall)),
          ...(again
            ? {
                upToDateWallMs: summary(r.againWall),
                upToDateFloorWallMs: summary(r.againFloorWall),
                upToDateVsFloor: summary(pairedRatios(r.againWall, r.againFloorWall)),
              }
            : {}),
          runs: r,
        },
      ];
    }),
  );
}
