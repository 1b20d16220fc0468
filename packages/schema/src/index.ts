// @homelab/schema: the typed model of a homelab, its validation, and what editors need to complete a
// config. What @homelab/nixgen alone needs (zod building blocks, helpers of the emitters) is the
// `@homelab/schema/internal` entry, not this one.

// Writing a config in TypeScript: identity functions that exist for their types (completion, errors).
export { defineConfig, defineMachine, defineModule, defineProfile, defineSecret } from "./define.js";

// The model: what a config holds (`…Input`) and what validation returns (defaults applied).
export type { HomelabConfig, HomelabConfigInput } from "./config.js";
export type { Machine, MachineInput, LxcMachine, VmMachine, MetalMachine } from "./machine.js";
export type { Profile, ProfileInput } from "./profile.js";
export type { ServiceModule, ServiceModuleInput, OptionSpec, OptionGroup, OptionTree, OptionType } from "./module.js";
export type { Secret, SecretInput, Keys, KeysInput } from "./secrets.js";
export type { Storage, StorageInput, DirectoryMapping, ManagedMapping } from "./storage.js";
export type { MergeableList, ListEntry } from "./profile-resolve.js";
export type { DiskBus } from "./disk-interface.js";

// Validation: every finding at once, as data, and the one way to print it.
export { validateConfig, type Validation } from "./validate.js";
export { formatIssue, formatIssues, hasErrors, type Issue, type IssueCode, type Severity } from "./issue.js";

// JSON Schema of the config file (the input side), for YAML and JSON editors.
export { homelabJsonSchema, homelabSchemaId } from "./json-schema.js";

// Reading a validated config the way the generated Nix does.
export { resolveProfile, type ResolvedProfile } from "./profile-resolve.js";
export { enabledServices, effectiveValue, findOption } from "./option-walk.js";
export { wholeGiB } from "./disk-size.js";

// Value formats: where a string ends up and the rule that follows from it (issue code `format-<name>`).
export * as formats from "./formats/index.js";

// NixOS options: the option list, and the `lib.types` a setting must fit.
export { nixosOptionRows, nixosOptionTree, type OptionNode, type OptionRow } from "./nixos/option-table.js";
export { parseNixosType, type NixosType } from "./nixos/option-type.js";
export { fitsNixosType, nixosTypeMisfit } from "./nixos/type-check.js";
