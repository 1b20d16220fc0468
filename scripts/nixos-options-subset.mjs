// Regenerates packages/nixgen/nix/nixos-options.tsv: the rows of the NixOS option list
// (test/fixtures/nixos-options.tsv.gz) that the generated examples set, which `nixgen eval`
// declares as stand-in options. Run it after an emitter starts setting a NixOS option the subset
// lacks (`nixgen eval` then says "The option `…' does not exist"):
//
//   pnpm build && node scripts/nixos-options-subset.mjs
//
// It evaluates every generated/<example>/ with the whole list declared (so an option that does not
// exist in NixOS fails here too) and keeps each row on the path of a value a machine or module sets.
// Options defined only under a false `mkIf` set no value, yet must be declared: it then evaluates
// with the subset and adds the rows below each option Nix reports missing, until none is.
// agenix's `age.*` are left out: nix/eval.nix stubs agenix with its own defaults.
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { evaluateRoots } from "../packages/nixgen/dist/eval/evaluate.js";
import { parseOptionRows } from "../packages/nixgen/dist/eval/option-rows.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const full = gunzipSync(await readFile(join(repo, "test/fixtures/nixos-options.tsv.gz"))).toString("utf8");
const rows = parseOptionRows(full);

const roots = [];
for (const name of (await readdir(join(repo, "generated"))).sort()) {
  const dir = join(repo, "generated", name);
  const manifest = await readFile(join(dir, ".nixgen-manifest.json"), "utf8").catch(() => undefined);
  if (manifest !== undefined) roots.push({ name: `generated/${name}`, dir, files: JSON.parse(manifest).files });
}
const evaluate = async (nixosOptions) => {
  const evaluation = await evaluateRoots(roots, { lib: "double", nixosOptions });
  const missing = [];
  for (const failure of evaluation.failures) {
    const option = /The option `([^']+)' does not exist/.exec(failure.message)?.[1];
    if (option !== undefined && nixosOptions !== full) missing.push(option);
    else fail(`${failure.root}/${failure.path}: ${failure.message}`);
  }
  return { evaluation, missing };
};
const fail = (message) => {
  console.error(`✖ ${message}`);
  process.exit(1);
};
const { evaluation } = await evaluate(full);

// A trie of option names; `<name>` and `*` match any attribute name and any list element.
const trie = { children: new Map() };
for (const [name, type] of rows) {
  let node = trie;
  for (const segment of name.split(".")) {
    if (!node.children.has(segment)) node.children.set(segment, { children: new Map() });
    node = node.children.get(segment);
  }
  node.row = `${name}\t${type}`;
}
const used = new Set();
const walk = (node, value) => {
  if (Array.isArray(value)) {
    const element = node.children.get("*");
    if (element !== undefined) for (const item of value) visit(element, item);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const next = node.children.get(key) ?? node.children.get("<name>");
      if (next !== undefined) visit(next, child);
    }
  }
};
const visit = (node, value) => {
  if (node.row !== undefined) used.add(node.row);
  walk(node, value);
};
for (const files of evaluation.values.values()) {
  for (const value of files.values()) if (value?.config !== undefined) walk(trie, value.config);
}
for (const row of used) if (row.startsWith("age.")) used.delete(row);

/** Rows at or below `option`, and the rows above it (the submodules it lives in). */
const rowsAt = (option) => {
  const wanted = option.split(".");
  return rows
    .filter(([name]) => {
      const segments = name.split(".");
      const common = Math.min(segments.length, wanted.length);
      return segments.slice(0, common).every((s, i) => s === wanted[i] || s === "<name>" || s === "*");
    })
    .map(([name, type]) => `${name}\t${type}`);
};
const subsetText = () => `${[...used].sort().join("\n")}\n`;
for (let round = 0; ; round += 1) {
  const { missing } = await evaluate(subsetText());
  if (missing.length === 0) break;
  if (round === 20) fail(`still missing after 20 rounds: ${missing.join(", ")}`);
  for (const option of missing) {
    const found = rowsAt(option);
    if (found.length === 0) fail(`${option} is not a NixOS option (not in test/fixtures/nixos-options.tsv.gz)`);
    for (const row of found) used.add(row);
  }
}

const header = [
  "# The NixOS options nixgen's generated examples set: the rows of test/fixtures/nixos-options.tsv.gz",
  "# on the path of a value they set. `nixgen eval` declares them as stand-ins. Regenerate with",
  "# `pnpm build && node scripts/nixos-options-subset.mjs`; do not edit.",
];
const target = join(repo, "packages/nixgen/nix/nixos-options.tsv");
await writeFile(target, `${header.join("\n")}\n${subsetText()}`);
console.log(`${target}: ${used.size} options`);
