// @homelab/nixgen: a homelab config → its generated files, and the output directory kept up to date.
// Evaluation through Nix is `@homelab/nixgen/eval` and importing existing Nix `@homelab/nixgen/import`:
// importing this entry loads neither execa nor ts-morph and prettier (a test holds it).

// Plan: validate a config and return every file it generates, without touching the disk.
export { plan, InvalidConfigError, type Plan, type PlanOptions } from "./plan.js";
export type { GeneratedFile, GeneratedKind } from "./emit/types.js";
export type { FileKind } from "./emit/output-layout.js";

// Generate: plan, check the user's files, then bring an output directory up to date (or say what would change).
export { generate, type GenerateOptions, type GenerateResult } from "./generate.js";
export type { FileChange, FileFate } from "./write/diff-tree.js";
export { ManifestError } from "./write/manifest.js";

// Config files: homelab.config.{ts,mts,js,json,yaml,yml} → the value `plan` and `generate` take.
export { loadConfig, ConfigLoadError } from "./config/load.js";

// Files the user provides: which the config needs, which are missing, starters for them (`nixgen scaffold`).
export { userFiles, type UserFile, type UserFileKind } from "./emit/user-files.js";
export { missingUserFiles, scaffoldUserFiles, type ScaffoldResult } from "./write/user-files-on-disk.js";

// Nix printing, from @homelab/nix, for scripts that depend on nixgen alone.
export { toNix, type ToNixOptions } from "@homelab/nix";
