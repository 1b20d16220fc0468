// `pnpm bench [--quick | --smoke] [--profile] [--work DIR]`: every figure of the performance section, as a Markdown
// table on stdout and as bench/results.json (`--smoke`: .work/results.json, as its figures mean nothing). Run after `tsc -b` (the root script does it): the bench drives the
// built CLI and packages, each measurement in fresh processes, so Node start-up is always counted.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { benchCheck, traceGenLoads } from "./check.mjs";
import { benchGen } from "./gen.mjs";
import { benchPrinter } from "./printer-runs.mjs";
import { profileGen } from "./profile.mjs";
import { pairedRatios, summary } from "./stats.mjs";
import { synthHomelab } from "./synth.mjs";
import { report } from "./table.mjs";
import { usageSource } from "./time-process.mjs";
import { benchValidation } from "./validation.mjs";

const quick = process.argv.includes("--quick");
const smoke = process.argv.includes("--smoke");
const profile = process.argv.includes("--profile");
const bench = dirname(fileURLToPath(import.meta.url));
const root = dirname(bench);
// `--work DIR`: where the configs and every output go (default bench/.work). On a machine whose disk is
// throttled or shared, a tmpfs such as /dev/shm keeps the disk's moods out of the figures.
const workAt = process.argv.indexOf("--work");
const workArg = workAt === -1 ? ".work" : process.argv[workAt + 1];
if (workArg === undefined || workArg.startsWith("--")) throw new Error("bench: --work needs a directory");
const work = resolve(workAt === -1 ? bench : process.cwd(), workArg);
// The `bin` of @homelab/nixgen (the bundled CLI), what users run.
const cli = join(root, "packages/nixgen", JSON.parse(readFileSync(join(root, "packages/nixgen/package.json"), "utf8")).bin.nixgen);

// The quick run skips the second `gen` over unchanged output and the 10,000-machine homelab. The smoke
// run (a test runs it) produces every figure once at the smallest sizes: it proves the bench still
// works, and its numbers prove nothing.
const plan = smoke
  ? { sizes: [10, 100], genRounds: 1, again: true, printerMachines: 10, printerRounds: 1, validationMachines: 10, validationRounds: 1, checkRounds: 1 }
  : quick
    ? { sizes: [10, 100, 1000], genRounds: 3, again: false, printerMachines: 1000, printerRounds: 7, validationMachines: 100, validationRounds: 1, checkRounds: 3 }
    : { sizes: [10, 100, 1000, 10000], genRounds: 3, again: true, printerMachines: 10000, printerRounds: 11, validationMachines: 100, validationRounds: 3, checkRounds: 7 };

mkdirSync(work, { recursive: true });
const configOf = (n) => join(work, `homelab-${n}.json`);
for (const n of new Set([...plan.sizes, plan.validationMachines, ...(profile ? [1000] : [])])) writeFileSync(configOf(n), `${JSON.stringify(synthHomelab(n), null, 2)}\n`);

const step = (what) => process.stderr.write(`bench: ${what}\n`);
step(`nixgen gen at ${plan.sizes.join(", ")} machines, ${plan.genRounds} rounds`);
const gen = benchGen({ root, cli, work, sizes: plan.sizes, rounds: plan.genRounds, again: plan.again, configOf });
// Ten times the machines: paired runs of the same round, so a slow moment counts on both sides.
const scaling = plan.sizes.slice(1).map((n, i) => {
  const smaller = plan.sizes[i];
  return { from: smaller, to: n, ratio: summary(pairedRatios(gen[n].runs.wall, gen[smaller].runs.wall)) };
});
// Peak RSS at ten times the machines, run by run: flat memory keeps this far below 10×.
const memory = plan.sizes.slice(1).map((n, i) => {
  const smaller = plan.sizes[i];
  return { from: smaller, to: n, ratio: summary(pairedRatios(gen[n].runs.rss, gen[smaller].runs.rss)) };
});
step(`printer against JSON.stringify and nijs (${plan.printerMachines} machines, ${plan.printerRounds} rounds)`);
const printer = benchPrinter({ bench, machines: plan.printerMachines, rounds: plan.printerRounds });
step(`validation of a ${plan.validationMachines}-machine homelab's output, ${plan.validationRounds} rounds`);
const validation = await benchValidation({ root, cli, work, config: configOf(plan.validationMachines), rounds: plan.validationRounds });
step(`gen --check on the examples, ${plan.checkRounds} rounds`);
const check = benchCheck({ root, cli, rounds: plan.checkRounds });
const loads = traceGenLoads({ root, cli, work, config: configOf(10) });
const profiles = profile ? profileGen({ root, cli, work, config: configOf(1000) }) : undefined;

const results = {
  date: new Date().toISOString(),
  quick,
  smoke,
  machine: {
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model ?? "unknown",
    node: process.version,
    cpuAndRss: usageSource,
    work: work.startsWith(`${root}/`) ? relative(root, work) : work,
  },
  gen,
  scaling,
  memory,
  printer,
  validation,
  check,
  loads,
  ...(profiles === undefined ? {} : { profiles }),
};
writeFileSync(join(smoke ? work : bench, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(report(results));
