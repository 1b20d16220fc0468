// Semantic checks across the whole config. Each check is a pure function from the parsed config to
// the issues it finds; the order here is the order issues are reported in.
import type { HomelabConfig } from "../config.js";
import type { Issue } from "../issue.js";
import type { Check } from "./check.js";
import { checkDiskSizes } from "./disk.js";
import { checkHostnameDns } from "./hostname.js";
import { checkHostnames, checkMacs, checkStaticIps, checkVmids } from "./identity.js";
import { checkAuthorizedKeys, checkGroupMembers, checkKeyNames } from "./keys.js";
import { checkLxcDocker, checkLxcFuse, checkLxcNfs, checkLxcQemuGuest } from "./lxc.js";
import { checkModuleRefs, checkOptionDefaults, checkServiceOverrides } from "./modules.js";
import { checkNodes } from "./nodes.js";
import { checkOpenTofuVms } from "./opentofu.js";
import { checkServicePorts } from "./ports.js";
import { checkPrivateKeys } from "./private-keys.js";
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

export type { Check } from "./check.js";

export const checks: readonly Check[] = [
  checkPrivateKeys,
  checkVmids,
  checkHostnames,
  checkHostnameDns,
  checkStaticIps,
  checkMacs,
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
  checkVirtiofsShares,
  checkUnusedMappings,
  checkOptionDefaults,
  checkModuleRefs,
  checkServiceOverrides,
  checkServicePorts,
  checkKeyNames,
  checkGroupMembers,
  checkAuthorizedKeys,
  checkRecipients,
  checkMachineSecrets,
  checkUnusedSecrets,
];

export function runChecks(config: HomelabConfig): Issue[] {
  return checks.flatMap((check) => check(config));
}
