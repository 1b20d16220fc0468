// Semantic checks across the whole config. Each check is a pure function from the parsed config to
// the issues it finds; the order here is the order issues are reported in.
import type { HomelabConfig } from "../config.js";
import type { Issue } from "../issue.js";
import type { Check } from "./check-helpers.js";
import { checkBindMountPaths, checkDatasets } from "./clashes.js";
import { checkDiskSizes } from "./disk.js";
import { checkEveryValue } from "./every-value.js";
import { checkHostnameDns } from "./hostname.js";
import { checkHostnames, checkMacs, checkStaticIps, checkVmids } from "./identity.js";
import { checkAuthorizedKeys, checkGroupMembers, checkKeyNames, checkProfileKeys, checkRegistryKeys } from "./keys.js";
import { checkLxcDocker, checkLxcFuse, checkLxcNfs, checkLxcQemuGuest } from "./lxc.js";
import { checkModuleRefs, checkOptionDefaults, checkServiceOverrides } from "./modules.js";
import { checkCores, checkGuestNetwork } from "./network.js";
import { checkNixosSettings } from "./nixos-settings.js";
import { checkNodes } from "./nodes.js";
import { checkOpenTofuVms } from "./opentofu.js";
import { checkVmPlatformSettings } from "./platform.js";
import { checkFirewallPorts, checkServicePorts } from "./ports.js";
import {
  checkMachineProfiles,
  checkProfileComments,
  checkProfileExtends,
  checkReplacedLists,
  checkSettingsKeys,
} from "./profiles.js";
import { checkMachineSecrets, checkRecipients, checkUnusedSecrets } from "./secrets.js";
import { checkStateVersion } from "./state-version.js";
import { checkUnusedMappings, checkVirtiofsShares } from "./virtiofs.js";

export type { Check } from "./check-helpers.js";

export const checks: readonly Check[] = [
  checkEveryValue,
  checkVmids,
  checkHostnames,
  checkHostnameDns,
  checkStaticIps,
  checkMacs,
  checkGuestNetwork,
  checkCores,
  checkBindMountPaths,
  checkDatasets,
  checkNodes,
  checkDiskSizes,
  checkOpenTofuVms,
  checkProfileExtends,
  checkMachineProfiles,
  checkSettingsKeys,
  checkReplacedLists,
  checkProfileComments,
  checkStateVersion,
  checkLxcDocker,
  checkLxcFuse,
  checkLxcNfs,
  checkLxcQemuGuest,
  checkVmPlatformSettings,
  checkVirtiofsShares,
  checkUnusedMappings,
  checkOptionDefaults,
  checkModuleRefs,
  checkServiceOverrides,
  checkServicePorts,
  checkNixosSettings,
  checkFirewallPorts,
  checkKeyNames,
  checkRegistryKeys,
  checkGroupMembers,
  checkAuthorizedKeys,
  checkProfileKeys,
  checkRecipients,
  checkMachineSecrets,
  checkUnusedSecrets,
];

export function runChecks(config: HomelabConfig): Issue[] {
  return checks.flatMap((check) => check(config));
}
