// What a semantic check is, and the profile settings most of them read.
import type { HomelabConfig } from "../config.js";
import type { Issue } from "../issue.js";
import type { LxcMachine, Machine, VmMachine } from "../machine.js";
import { profileChain, resolveProfile, type ResolvedProfile } from "../profile-resolve.js";

/** A pure function from the parsed config to every issue of one rule (or a few close ones). */
export type Check = (config: HomelabConfig) => Issue[];

/**
 * The machine's profile with its `extends` chain applied; undefined without a profile, or when the
 * chain is broken (the profile checks report that, and the rest would only repeat it).
 */
export function machineProfile(config: HomelabConfig, machine: Machine): ResolvedProfile | undefined {
  return machine.profile === undefined || !isWholeChain(config, machine.profile)
    ? undefined
    : resolveProfile(config.profiles, machine.profile);
}

/** Whether the profile and every profile it extends exist, ending at one that extends nothing. */
export function isWholeChain(config: HomelabConfig, name: string): boolean {
  const last = profileChain(config.profiles, name).at(-1);
  return last !== undefined && config.profiles[last]?.extends === undefined;
}

/** The profile in a chain that sets a settings key last (the nearest to the machine's own profile). */
export function settingSource(
  config: HomelabConfig,
  chain: readonly string[],
  section: "systemSettings" | "userSettings",
  key: string,
): string | undefined {
  return chain.find((name) => config.profiles[name]?.[section][key] !== undefined);
}

export function lxcMachines(config: HomelabConfig): [name: string, machine: LxcMachine][] {
  return Object.entries(config.machines).flatMap(([name, machine]) =>
    machine.kind === "lxc" ? [[name, machine]] : [],
  );
}

export function vmMachines(config: HomelabConfig): [name: string, machine: VmMachine][] {
  return Object.entries(config.machines).flatMap(([name, machine]) => (machine.kind === "vm" ? [[name, machine]] : []));
}
