// Validating generated output with Nix: `nixgen eval`'s batched evaluation against one
// `nix-instantiate` per entry, on the whole output of a synthetic homelab. `evaluateRoots` (what
// `nixgen eval` runs) takes two processes when the output has a flake: one lists its
// nixosConfigurations, one evaluates every file and every system. The per-entry side evaluates the
// same entries (the listing one included) with the same context, each in its own process; its
// expressions are built before its clock starts, so it is timed on Nix processes alone. Each
// per-entry result must equal the batched one, and rounds alternate the two sides.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { pathToFileURL } from "node:url";
import { print } from "@homelab/nix";
import { nixosOptionRows } from "@homelab/schema";
import { pairedRatios, summary } from "./stats.mjs";
import { timeNode } from "./time-process.mjs";
import { provideUserFiles } from "./user-files.mjs";

export async function benchValidation({ root, cli, work, config, rounds }) {
  const dist = (file) => import(pathToFileURL(join(root, "packages/nixgen/dist", file)).href);
  const evalDist = (file) => dist(`eval/${file}`);
  const { evaluateRoots } = await evalDist("evaluate-roots.js");
  const { findOutputDirs } = await evalDist("snapshots.js");
  const { batchExpression, packageNamesOf } = await evalDist("batch.js");
  const { evalKindOf, isSystemPath } = await evalDist("kinds.js");
  const { nixDir } = await dist("nix-run/nix-dir.js");
  const { resolveLib } = await dist("nix-run/lib-source.js");
  const { nixosStandIns } = await evalDist("nixos-stand-ins.js");
  const { declaredRows } = await evalDist("option-pruning.js");

  const dir = join(work, "out-validation");
  rmSync(dir, { recursive: true, force: true });
  provideUserFiles(config, dir);
  timeNode(cli, ["gen", "--config", config, "--out", dir], { cwd: root });
  // The output directory as `nixgen eval DIR` finds it: the files its manifest lists.
  const roots = await findOutputDirs(dir, work);
  if (roots.length !== 1) throw new Error(`${dir}: expected one output directory, found ${roots.length}`);
  const options = { lib: "double" };
  const evaluate = async () => {
    const evaluation = await evaluateRoots(roots, options);
    if (evaluation.failures.length > 0) throw new Error(`batched evaluation failed: ${JSON.stringify(evaluation.failures[0])}`);
    return evaluation;
  };

  // The context evaluateRoots builds (eval/evaluate-roots.ts): package names from every Nix file of the
  // output and of nixgen's nix/, and the NixOS options those words can reach.
  const sources = [...nixFilesIn(dir), ...nixFilesIn(nixDir)].map((file) => readFileSync(file, "utf8"));
  const words = packageNamesOf(sources);
  const rows = nixosOptionRows().filter(([name]) => !name.startsWith("age.") && !name.startsWith("proxmoxLXC."));
  const context = { lib: resolveLib(options.lib), packageNames: words, nixosOptions: nixosStandIns(declaredRows(rows, new Set(words))) };

  // Its entries, read back from what it evaluated (the first batched round, timed): the listing of
  // the flake's systems, each system as a whole, and every file no system takes in (a module with
  // the modules beside it).
  const batched = [];
  const timeBatched = async () => {
    const started = performance.now();
    const evaluation = await evaluate();
    batched.push(performance.now() - started);
    return evaluation;
  };
  const first = await timeBatched();
  const values = first.values.get(roots[0].name);
  const files = roots[0].files;
  const kindOf = new Map(files.map((file) => [file.path, file.kind]));
  const base = { root: dir };
  const flake = "flake-outputs.nix";
  const entries = [
    ...(kindOf.has(flake) ? [{ ...base, key: "systems", kind: "systems", path: flake, flake }] : []),
    ...[...values.keys()].sort().map((path) => {
      if (isSystemPath(path)) return { ...base, key: path, kind: "system", path, flake, name: path.slice("nixosConfigurations.".length) };
      const kind = kindOf.get(path);
      const siblings = kind === "module" ? files.filter((other) => other.kind === "module" && dirname(other.path) === dirname(path)).map((other) => other.path) : undefined;
      return { ...base, key: path, kind: evalKindOf[kind], path, ...(siblings === undefined ? {} : { siblings }) };
    }),
  ];
  const perEntryExpressions = entries.map((entry) => print(batchExpression([entry], context)));
  const evaluateOne = (expression) => {
    const child = spawnSync("nix-instantiate", ["--eval", "--strict", "--json", "-"], { input: expression, encoding: "utf8", maxBuffer: 1 << 28 });
    if (child.status !== 0) throw new Error(`nix-instantiate failed:\n${child.stderr}`);
    return child.stdout;
  };

  const perEntry = [];
  let processes = first.processes;
  let outputs = [];
  for (let round = 0; round < rounds; round++) {
    if (round > 0) processes = (await timeBatched()).processes;
    const started = performance.now();
    outputs = perEntryExpressions.map(evaluateOne);
    perEntry.push(performance.now() - started);
  }
  // The per-entry side evaluated what the batch did: same keys, same values.
  entries.forEach((entry, i) => {
    const value = JSON.parse(outputs[i])[entry.key];
    if (entry.kind !== "systems" && !isDeepStrictEqual(value, values.get(entry.path))) {
      throw new Error(`${entry.path}: one process per entry evaluates it differently from the batch`);
    }
  });
  const systems = entries.filter((entry) => entry.kind === "system").length;
  return {
    files: files.length,
    systems,
    entries: entries.length,
    method:
      `the ${files.length} Nix files and ${systems} nixosConfigurations of a synthetic homelab's output, evaluated by nixgen's eval.nix (lib double and NixOS stand-ins):` +
      " data to JSON, modules through `lib.evalModules`, each nixosConfiguration as a whole system",
    batchedLabel:
      `\`evaluateRoots\` (what \`nixgen eval\` runs): all ${entries.length} entries${systems > 0 ? " (one process lists the systems, one evaluates the rest)" : ""}`,
    perEntryLabel: `one \`nix-instantiate\` per entry (${entries.length}${systems > 0 ? ", the listing of the systems included" : ""})`,
    processes: { batched: processes, perEntry: entries.length },
    batchedMs: summary(batched),
    perEntryMs: summary(perEntry),
    speedup: summary(pairedRatios(perEntry, batched)),
    runs: { batched, perEntry },
  };
}

function nixFilesIn(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".nix"))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}
