// Validating generated files with Nix: `nixgen eval`'s batched evaluation (one `nix-instantiate` for
// all the files) against one `nix-instantiate` per file, on 100 files of a synthetic homelab. Both
// evaluate the same entries of nixgen's eval.nix; the per-file expressions are built before the clock
// starts, so the per-file side is timed on Nix processes alone, and rounds alternate the two.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { print } from "@homelab/nix";
import { pairedRatios, summary } from "./stats.mjs";
import { timeNode } from "./time-process.mjs";
import { provideUserFiles } from "./user-files.mjs";

/** `count` Nix files spread evenly over the sorted list, so every kind of file is among them. */
function pickNixFiles(dir, count) {
  const all = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".nix"))
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
  if (all.length < count) throw new Error(`${dir} holds ${all.length} Nix files, fewer than ${count}`);
  return Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)]);
}

export async function benchValidation({ root, cli, work, config, files, rounds }) {
  const evalDist = (file) => import(pathToFileURL(join(root, "packages/nixgen/dist/eval", file)).href);
  const { evaluateRoots } = await evalDist("evaluate.js");
  const { batchExpression, nixDir, packageNamesOf } = await evalDist("batch.js");
  const { fileKind } = await evalDist("kinds.js");
  const { nixosStandIns, parseOptionRows } = await evalDist("nixos-stand-ins.js");

  const dir = join(work, "out-validation");
  rmSync(dir, { recursive: true, force: true });
  provideUserFiles(config, dir);
  timeNode(cli, ["gen", "--config", config, "--out", dir], { cwd: root });
  const picked = pickNixFiles(dir, files);

  // The entries and context evaluateRoots builds (eval/evaluate.ts), one expression per file.
  const sources = picked.map((path) => readFileSync(join(dir, path), "utf8"));
  const rows = parseOptionRows(readFileSync(join(nixDir, "nixos-options.tsv"), "utf8")).filter(([name]) => !name.startsWith("age."));
  const context = { lib: { kind: "double" }, packageNames: packageNamesOf(sources), nixosOptions: nixosStandIns(rows) };
  const flake = picked.includes("flake-outputs.nix") ? "flake-outputs.nix" : undefined;
  const entries = picked.map((path) => {
    const kind = fileKind(path);
    const entry = { key: path, kind, root: dir, path };
    if (kind === "module") {
      return { ...entry, siblings: picked.filter((p) => fileKind(p) === "module" && dirname(p) === dirname(path)) };
    }
    return kind === "machine" && flake !== undefined ? { ...entry, flake } : entry;
  });
  const perFileExpressions = entries.map((entry) => print(batchExpression([entry], context)));

  const batched = [];
  const perFile = [];
  for (let round = 0; round < rounds; round++) {
    let started = performance.now();
    const evaluation = await evaluateRoots([{ name: "bench", dir, files: picked }], { lib: "double" });
    batched.push(performance.now() - started);
    if (evaluation.processes !== 1 || evaluation.failures.length > 0) {
      throw new Error(`batched evaluation took ${evaluation.processes} processes: ${JSON.stringify(evaluation.failures[0])}`);
    }
    started = performance.now();
    for (const expression of perFileExpressions) {
      const child = spawnSync("nix-instantiate", ["--eval", "--strict", "--json", "-"], { input: expression, encoding: "utf8" });
      if (child.status !== 0) throw new Error(`nix-instantiate failed:\n${child.stderr}`);
    }
    perFile.push(performance.now() - started);
  }
  return {
    files: picked.length,
    method: "each file evaluated by nixgen's eval.nix (lib double and NixOS stand-ins): data to JSON, modules and machines through `lib.evalModules`",
    batchedLabel: `\`evaluateRoots\` (what \`nixgen eval\` runs): one \`nix-instantiate\` for all ${picked.length}`,
    batchedMs: summary(batched),
    perFileMs: summary(perFile),
    speedup: summary(pairedRatios(perFile, batched)),
    runs: { batched, perFile },
  };
}
