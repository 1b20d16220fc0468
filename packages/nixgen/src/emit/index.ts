// Every emitter, one per kind of output file, and the run's list of files they emit.
import { emitFlakeOutputs } from "./flake-outputs.js";
import { emitHosts } from "./hosts.js";
import { emitInventoryMd } from "./inventory-md.js";
import { emitLxcEnhancements } from "./lxc-enhancements.js";
import { emitMachineConfigs } from "./machine-config.js";
import { emitMigration } from "./migration.js";
import { emitProfileConfigs } from "./profile-config.js";
import { emitProxmoxLxc } from "./proxmox-lxc.js";
import { emitProxmoxStorage } from "./proxmox-storage.js";
import { emitReviewJson } from "./review-json.js";
import { emitSecretsNix } from "./secrets-nix.js";
import { emitServiceModules } from "./service-module.js";
import type { EmitContext, EmittedFile, Emitter, GeneratedFile } from "./types.js";

export const emitters: readonly Emitter[] = [
  emitServiceModules,
  emitMachineConfigs,
  emitSecretsNix,
  emitFlakeOutputs,
  emitProfileConfigs,
  emitLxcEnhancements,
  emitHosts,
  emitProxmoxLxc,
  emitProxmoxStorage,
  emitMigration,
  emitInventoryMd,
  emitReviewJson,
];

/**
 * Every file of a validated config, sorted by path and not yet rendered. Throws on a path that two
 * emitters produce: a bug, as each kind of file belongs to one emitter.
 */
export function emittedFiles(ctx: EmitContext): EmittedFile[] {
  const files = emitters.flatMap((emit) => [...emit(ctx)]);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (let i = 1; i < files.length; i++) {
    if (files[i]?.path === files[i - 1]?.path) throw new Error(`two emitters produced ${files[i]?.path}`);
  }
  return files;
}

/** Renders a file: what a run that keeps every file in memory (`plan`) holds. */
export function renderFile(file: EmittedFile): GeneratedFile {
  return { path: file.path, kind: file.kind, content: file.render() };
}
