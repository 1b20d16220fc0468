// results.json → the Markdown the README's performance section shows: the targets first, then each
// measurement with its median and (min–max).
import { formatMb, formatMs, formatRatio } from "./stats.mjs";

export function report(results) {
  const { machine, gen, scaling, memory, printer, validation, check, loads, profiles } = results;
  const sizes = Object.keys(gen).map(Number);
  const lines = [
    `Measured on ${machine.cpus} × ${machine.cpu}, Node ${machine.node}, ${results.smoke ? "smoke run (proves the bench runs, not how fast)" : results.quick ? "quick run" : "full run"};` +
      ` every figure is the median of its runs (min–max); CPU time and peak RSS from ${machine.cpuAndRss}; outputs written under ${machine.work}.`,
    "",
    "| target | measured | met |",
    "| --- | --- | --- |",
    ...targets(results).map(([what, measured, met]) => `| ${what} | ${measured} | ${met ? "yes" : "**no**"} |`),
    "",
    "| machines | files | `gen`, empty output: wall | I/O floor | gen / floor | CPU | peak RSS | `gen` again, nothing changed: wall | I/O floor | gen / floor |",
    "| ---: | ---: | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...sizes.map((n) => {
      const g = gen[n];
      const again = g.upToDateWallMs === undefined ? "– | – | –" : `${formatMs(g.upToDateWallMs)} | ${formatMs(g.upToDateFloorWallMs)} | ${formatRatio(g.upToDateVsFloor)}`;
      return `| ${n.toLocaleString("en")} | ${g.files.toLocaleString("en")} | ${formatMs(g.wallMs)} | ${formatMs(g.floorWallMs)} | ${formatRatio(g.vsFloor)} | ${formatMs(g.cpuMs)} | ${formatMb(g.rssKb)} | ${again} |`;
    }),
    "",
    ...scaling.map((s) => `Ten times the machines (${s.from} → ${s.to}): ${formatRatio(s.ratio)} the wall time.`),
    ...memory.map((s) => `Ten times the machines (${s.from} → ${s.to}): ${formatRatio(s.ratio)} the peak RSS.`),
    "",
    `| printing a ${printer.machines.toLocaleString("en")}-machine homelab config (plain data) | time | output |`,
    "| --- | --- | --- |",
    ...[
      ["`JSON.stringify(data)`", "json"],
      ["`JSON.stringify(data, null, 2)`", "jsonIndented"],
      ["`toNix(data)` (data → AST → Nix)", "toNix"],
      ["`print(ast)` (AST built beforehand)", "print"],
      ["nijs `jsToNix(data, true)`", "nijs"],
    ].map(([label, key]) => `| ${label} | ${formatMs(printer.ms[key])} | ${(printer.bytes[key] / 1e6).toFixed(2)} MB |`),
    "",
    `Validation: ${validation.method}.`,
    "",
    "| validation | Nix processes | wall |",
    "| --- | ---: | --- |",
    `| batched: ${validation.batchedLabel} | ${validation.processes.batched} | ${formatMs(validation.batchedMs)} |`,
    `| ${validation.perEntryLabel} | ${validation.processes.perEntry} | ${formatMs(validation.perEntryMs)} |`,
    "",
    `\`gen\` loads ${loads.modules} modules, ${loads.packages.length === 0 ? "the workspace's own only (the CLI bundle)" : `from the packages ${loads.packages.join(", ")} and the workspace's own`};` +
      ` ts-morph or prettier loaded: ${loads.heavyLoaded.length === 0 ? "no" : `**yes** (${loads.heavyLoaded.join(", ")})`}` +
      ` (the same trace on a process that imports them sees ${loads.controlSees.join(" and ") || "neither"}).`,
    ...(profiles === undefined
      ? []
      : ["", `Self time in \`gen\` at 1,000 machines (${profiles.file}):`, "", "| ms | function |", "| ---: | --- |",
          ...profiles.top.map(({ fn, ms }) => `| ${ms} | \`${fn}\` |`)]),
    "",
  ];
  return lines.join("\n");
}

/** `[what, measured, met]` for each target. */
function targets({ gen, scaling, memory, printer, validation, check, loads }) {
  const rows = [];
  if (gen[1000] !== undefined) {
    rows.push(["`gen`, 1,000 machines, empty output ≤ 1.5× the I/O floor", formatRatio(gen[1000].vsFloor), gen[1000].vsFloor.median <= 1.5]);
  }
  for (const s of scaling.filter((s) => s.from >= 100)) {
    rows.push([`${s.from} → ${s.to} machines ≤ 11× the time`, formatRatio(s.ratio), s.ratio.median <= 11]);
  }
  rows.push([
    "printer ≤ 3× `JSON.stringify` (indented, same data)",
    formatRatio(printer.ratios.toNixVsJsonIndented),
    printer.ratios.toNixVsJsonIndented.median <= 3,
  ]);
  rows.push(["printer ≤ 0.5× nijs (twice as fast)", formatRatio(printer.ratios.toNixVsNijs), printer.ratios.toNixVsNijs.median <= 0.5]);
  rows.push(["batched validation ≥ 10× faster than one process per entry", formatRatio(validation.speedup), validation.speedup.median >= 10]);
  if (gen[10000] !== undefined) {
    rows.push(["peak RSS at 10,000 machines ≤ 250 MB", formatMb(gen[10000].rssKb), gen[10000].rssKb.median <= 250 * 1024]);
  }
  for (const s of memory.filter((s) => s.from >= 1000)) {
    rows.push([`peak RSS flat: ${s.from} → ${s.to} machines well under 10× (≤ 2.5×)`, formatRatio(s.ratio), s.ratio.median <= 2.5]);
  }
  rows.push([
    "`gen --check` on the examples ≤ 4× a bare `node -e 0` (paired)",
    `${formatRatio(check.vsNode)}: ${formatMs(check.wallMs)} against ${formatMs(check.nodeWallMs)}`,
    check.vsNode.median <= 4,
  ]);
  rows.push(["`gen` loads neither ts-morph nor prettier", loads.heavyLoaded.length === 0 ? "neither" : loads.heavyLoaded.join(", "), loads.heavyLoaded.length === 0]);
  return rows;
}
