export { toNix, type ToNixOptions } from "@homelab/nix";
export { plan, planValid, InvalidConfigError, type Plan, type PlanOptions } from "./plan.js";
export type { GeneratedFile, EmitContext, Emitter } from "./emit/types.js";
export { generate, type GenerateOptions, type GenerateResult } from "./generate.js";
export { loadConfig, ConfigLoadError, configExtensions } from "./config/load.js";
export { findConfigFiles, configFileNames } from "./config/find.js";
export { syncOutput, type SyncOptions } from "./write/sync.js";
export { diffTree, type FileChange } from "./write/diff-tree.js";
export { manifestPath, ManifestError } from "./write/manifest.js";
