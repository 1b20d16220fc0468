// Which kind of Nix file a generated path holds, from where emitters put it. The kind decides what
// the file is evaluated to (nix/eval.nix has one function per kind). Emitters set it too, and the
// manifest records it (emit/types.ts).

import type { FileKind } from "../emit/types.js";

export type { FileKind };

/**
 * What one entry of a batch evaluates: a file of a kind, `systems` (the names and files of a flake's
 * `nixosConfigurations`) or `system` (one of them as a whole).
 */
export type EvalKind = FileKind | "systems" | "system";

/** How reports and `.eval/` name the evaluation of one nixosConfiguration. */
export const systemPath = (name: string): string => `nixosConfigurations.${name}`;

export const isSystemPath = (path: string): boolean => path.startsWith("nixosConfigurations.") && !path.includes("/");

/**
 * `profiles/X.nix` → profile; `hosts.nix`, `secrets/secrets.nix` → data; `flake-outputs.nix` → flake;
 * `machines/X/default.nix` → machine; any other `.nix` file is a NixOS module (`modules/services/*.nix`,
 * `profiles/proxmox-lxc/enhancements.nix`). Files that are not Nix have no kind.
 */
export function fileKind(path: string): FileKind | undefined {
  if (!path.endsWith(".nix")) return undefined;
  const segments = path.split("/");
  if (path === "flake-outputs.nix") return "flake";
  if (path === "hosts.nix" || path === "secrets/secrets.nix") return "data";
  if (segments.length === 2 && segments[0] === "profiles") return "profile";
  if (segments.length === 3 && segments[0] === "machines" && segments[2] === "default.nix") return "machine";
  return "module";
}
