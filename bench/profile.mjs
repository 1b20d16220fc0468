// `--profile`: one `gen` at 1,000 machines under `node --cpu-prof`; the .cpuprofile stays in .work/
// (open it in Chrome DevTools) and the functions with the most self time go into the report.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { timeNode } from "./time-process.mjs";
import { provideUserFiles } from "./user-files.mjs";

export function profileGen({ root, cli, work, config }) {
  const dir = join(work, "profile");
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(work, "out-profile"), { recursive: true, force: true });
  provideUserFiles(config, join(work, "out-profile"));
  timeNode(cli, ["gen", "--config", config, "--out", join(work, "out-profile")], {
    cwd: root,
    nodeArgs: ["--cpu-prof", "--cpu-prof-dir", dir],
  });
  const file = join(dir, readdirSync(dir).find((name) => name.endsWith(".cpuprofile")));
  return { file: relative(root, file), top: selfTimes(JSON.parse(readFileSync(file, "utf8")), root).slice(0, 15) };
}

/** Self time per function (ms), most first. */
export function selfTimes({ nodes, samples, timeDeltas }, root) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const totals = new Map();
  samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url.replace(`file://${root}/`, "").replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "");
    const key = url === "" ? `(${functionName || "program"})` : `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]).map(([fn, ms]) => ({ fn, ms: Math.round(ms) }));
}
