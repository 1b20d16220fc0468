// One Nix expression that evaluates many generated files at once: each entry calls the function of
// nix/eval.nix for its kind. Built with @homelab/nix like every other piece of Nix nixgen writes.
//
// ```nix
// let
//   lib = import /…/nixgen/nix/lib-double.nix;
//   nixgen = import /…/nixgen/nix/eval.nix { inherit lib; packageNames = [ … ]; nixosOptions = { lib, standIn, formats }: { … }; };
// in
// {
//   "generated/frame1/hosts.nix" = nixgen.data { root = /…/generated/frame1; file = /…/generated/frame1/hosts.nix; };
// }
// ```
import { join } from "node:path";
import { attrs, bind, call, id, inherit, letIn, path, select, type NixExpr } from "@homelab/nix";
import { importLib, type LibSource } from "../nix-run/lib-source.js";
import { nixDir } from "../nix-run/nix-dir.js";
import type { EvalKind } from "./kinds.js";

export interface BatchEntry {
  /** The name the result comes back under. */
  readonly key: string;
  readonly kind: EvalKind;
  /** Absolute directory the example's paths are relative to. */
  readonly root: string;
  /** Path of the file inside `root`, or how a system is named (`nixosConfigurations.frame1`). */
  readonly path: string;
  /** Modules: every module of its directory, itself included (paths inside `root`). */
  readonly siblings?: readonly string[];
  /** Systems: the flake outputs that declare them (path inside `root`), and the system's name. */
  readonly flake?: string;
  readonly name?: string;
}

export interface BatchContext {
  readonly lib: LibSource;
  readonly packageNames: readonly string[];
  /** `{ lib, standIn, formats }: { … }` (see nixos-stand-ins.ts). */
  readonly nixosOptions: NixExpr;
}

export function batchExpression(entries: readonly BatchEntry[], context: BatchContext): NixExpr {
  return letIn(
    [
      bind("lib", importLib(context.lib)),
      bind(
        "nixgen",
        call(
          id("import"),
          path(join(nixDir, "eval.nix")),
          attrs([inherit(["lib"]), bind("packageNames", [...context.packageNames]), bind("nixosOptions", context.nixosOptions)]),
        ),
      ),
    ],
    attrs(entries.map((entry) => bind([entry.key], call(select(id("nixgen"), entry.kind), entryArgs(entry))))),
  );
}

function entryArgs(entry: BatchEntry): NixExpr {
  const inRoot = (p: string) => path(join(entry.root, p));
  const isFile = entry.kind !== "system" && entry.kind !== "systems";
  return attrs([
    bind("root", path(entry.root)),
    ...(isFile ? [bind("file", inRoot(entry.path))] : []),
    ...(entry.siblings === undefined ? [] : [bind("siblings", entry.siblings.map(inRoot))]),
    ...(entry.flake === undefined ? [] : [bind("flake", inRoot(entry.flake))]),
    ...(entry.name === undefined ? [] : [bind("name", entry.name)]),
  ]);
}

/**
 * Every identifier-like word of the files: the names `pkgs` must answer to. Too many is harmless, as
 * `with pkgs;` never shadows a binding and nothing lists `pkgs` itself.
 */
export function packageNamesOf(sources: Iterable<string>): string[] {
  const names = new Set<string>();
  for (const source of sources) {
    for (const word of source.match(/[A-Za-z_][A-Za-z0-9_'-]*/g) ?? []) {
      // `__functor` and friends would change what the set is.
      if (!word.startsWith("__")) names.add(word);
    }
  }
  return [...names].sort();
}
