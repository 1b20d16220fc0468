// `system.stateVersion` left out defaults to 24.11 without a word (the profile system falls back to
// "24.11" when `systemStateVersion` is not set): whatever release the machine was installed with, its state
// would be migrated as if it were 24.11.
import { issue } from "../issue.js";
import { isWholeChain, machineProfile, type Check } from "./check-helpers.js";

export const checkStateVersion: Check = (config) =>
  Object.entries(config.machines).flatMap(([name, machine]) => {
    if (machine.stateVersion !== undefined) return [];
    if (machine.profile !== undefined && !isWholeChain(config, machine.profile)) return [];
    if (machineProfile(config, machine)?.systemSettings["systemStateVersion"] !== undefined) return [];
    const where =
      machine.profile === undefined
        ? "stateVersion"
        : `stateVersion, or systemStateVersion in profile ${machine.profile}`;
    return [
      issue(
        "missing-state-version",
        ["machines", name, "stateVersion"],
        `no state version: it silently defaults to 24.11; set ${where} to the release the machine was installed with`,
        "warning",
      ),
    ];
  });
