// Every emitter, one per kind of output file.
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
import type { Emitter } from "./types.js";

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
