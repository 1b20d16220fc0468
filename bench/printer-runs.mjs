// Runs printer.mjs in a fresh process and turns its timings into medians and paired ratios.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pairedRatios, summary } from "./stats.mjs";

export function benchPrinter({ bench, machines, rounds }) {
  const child = spawnSync(process.execPath, ["--expose-gc", join(bench, "printer.mjs"), String(machines), String(rounds)], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (child.status !== 0) throw new Error(`printer.mjs failed:\n${child.stderr}`);
  const { bytes, runs } = JSON.parse(child.stdout);
  const ms = Object.fromEntries(Object.entries(runs).map(([name, values]) => [name, summary(values)]));
  const ratio = (a, b) => summary(pairedRatios(runs[a], runs[b]));
  return {
    machines,
    bytes,
    ms,
    ratios: {
      toNixVsJson: ratio("toNix", "json"),
      toNixVsJsonIndented: ratio("toNix", "jsonIndented"),
      printVsJsonIndented: ratio("print", "jsonIndented"),
      toNixVsNijs: ratio("toNix", "nijs"),
      printVsNijs: ratio("print", "nijs"),
    },
    runs,
  };
}
