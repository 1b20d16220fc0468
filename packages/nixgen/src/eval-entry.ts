// @homelab/nixgen/eval: generated Nix evaluated by Nix itself (`nix-instantiate`, run through execa),
// as `nixgen eval` and `gen --eval` do. A subpath of its own, so that `plan` and `generate` users
// never load a process runner.

// `nixgen eval` as one call: evaluate the output directories under a directory and compare what each
// file evaluates to with its `.eval/` snapshot (or rewrite the snapshots).
export { evalGenerated, NoOutputError, type EvalCheck, type EvalCheckOptions } from "./eval/eval-generated.js";

// Evaluation without snapshots: output directories on disk, or planned files before they are written.
export { evaluateRoots, type EvalRoot, type EvalOptions, type Evaluation, type FileFailure } from "./eval/evaluate-roots.js";
export { evaluatePlanned, type PlannedOutput } from "./eval/planned.js";

// Which nixpkgs lib evaluates: the shipped test double, or a real nixpkgs.
export { LibUnavailableError, type LibChoice, type LibSource } from "./nix-run/lib-source.js";
