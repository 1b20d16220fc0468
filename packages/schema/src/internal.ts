// @homelab/schema/internal: what @homelab/nixgen needs from the schema beyond the public API, listed
// here so that the cross-package surface stays small and deliberate. No compatibility promise: it
// changes with nixgen, in the same release.

// zod schemas of parts of a config, which `nixgen import` checks imported values against.
export { hostname, name, publicKey, system } from "./primitives.js";
export { machine, lxcMachine, vmMachine } from "./machine.js";
export { profile, knownSystemSettings, knownUserSettings } from "./profile.js";
export { secret } from "./secrets.js";

// Issues in the schema's shape, for nixgen's own findings (import, user files).
export { issue, type ImportCode } from "./issue.js";

// Profiles as the generated Nix merges them.
export { settingsSections, isMergeableList, listMerge, isCommentedGroup, type SettingsSection } from "./profile-resolve.js";

// Service modules, machines and storage as the emitters read them.
export { isOptionGroup } from "./module.js";
export { PASSTHROUGH } from "./disk-size.js";
export { defaultDiskInterface, rootDiskBus } from "./disk-interface.js";
export { managedMappings, openTofuTarget } from "./storage.js";
export { MAPPINGS_STEP } from "./formats/fields.js";
export { openTofuHost, openTofuNode } from "./opentofu.js";
export { keyKind, reachableKeyNames } from "./key-names.js";

// The NixOS option stand-ins of `nixgen eval`.
export { parseOptionRows, optionPathTree } from "./nixos/option-table.js";
export type { CheckName, RecursiveFormat } from "./nixos/option-type.js";
