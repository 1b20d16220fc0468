// What each entry of an evaluation batch evaluates to: nix/eval.nix has one function per kind.
import type { FileKind } from "../emit/output-layout.js";

/**
 * A file's function in nix/eval.nix (hosts.nix and secrets.nix are both plain `data`), `systems`
 * (the names and files of a flake's `nixosConfigurations`) or `system` (one of them as a whole).
 */
export type EvalKind = "profile" | "data" | "flake" | "machine" | "module" | "systems" | "system";

export const evalKindOf: Readonly<Record<FileKind, EvalKind>> = {
  hosts: "data",
  secrets: "data",
  profile: "profile",
  flake: "flake",
  machine: "machine",
  module: "module",
};

/** How reports and `.eval/` name the evaluation of one nixosConfiguration. */
export const systemPath = (name: string): string => `nixosConfigurations.${name}`;

export const isSystemPath = (path: string): boolean => path.startsWith("nixosConfigurations.") && !path.includes("/");
