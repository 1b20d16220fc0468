// Profiles of the settings-driven profile system (profiles/<Name>-config.nix with `systemSettings` and `userSettings`): every name resolves, `extends` chains
// end at a base, a machine's profile builds that machine, and the shallow `//` does not silently
// drop what the base listed.
import { issue, type Issue } from "../issue.js";
import { knownSystemSettings, knownUserSettings } from "../profile.js";
import {
  isMergeableList,
  listValues,
  resolveProfile,
  settingsSections,
  type SettingsSection,
} from "../profile-resolve.js";
import { closest, didYouMean } from "../suggest.js";
import { isWholeChain, settingSource, type Check } from "./check-helpers.js";

const knownKeys: Record<SettingsSection, readonly string[]> = {
  systemSettings: Object.keys(knownSystemSettings),
  userSettings: Object.keys(knownUserSettings),
};

/** How many dropped values a warning lists before it says "and N more". */
const shownDropped = 8;

export const checkMachineProfiles: Check = (config) =>
  Object.entries(config.machines).flatMap(([name, machine]): Issue[] => {
    if (machine.profile === undefined) return [];
    const at = ["machines", name, "profile"];
    if (config.profiles[machine.profile] === undefined) {
      return [
        issue(
          "unknown-profile",
          at,
          `profile "${machine.profile}" is not in profiles${didYouMean(machine.profile, Object.keys(config.profiles))}`,
        ),
      ];
    }
    if (!isWholeChain(config, machine.profile)) return [];
    const { chain, systemSettings } = resolveProfile(config.profiles, machine.profile);
    const settingsAt = ["profiles", machine.profile, "systemSettings"];
    const found: Issue[] = [];
    const hostname = systemSettings["hostname"];
    if (hostname === undefined) {
      found.push(
        issue(
          "profile-hostname",
          settingsAt,
          `profile ${machine.profile} sets no hostname; machine ${name} needs hostname "${machine.hostname}"`,
        ),
      );
    } else if (hostname !== machine.hostname) {
      const source = settingSource(config, chain, "systemSettings", "hostname");
      const inherited = source === machine.profile ? "" : ` (from ${source})`;
      found.push(
        issue(
          "profile-hostname",
          [...settingsAt, "hostname"],
          `profile ${machine.profile} has hostname ${JSON.stringify(hostname)}${inherited} but machine ${name} has hostname "${machine.hostname}"`,
        ),
      );
    }
    if (systemSettings["profile"] === undefined) {
      found.push(
        issue(
          "profile-system",
          settingsAt,
          `profile ${machine.profile} sets no systemSettings.profile (the profile system directory, e.g. "proxmox-lxc")`,
        ),
      );
    }
    return found;
  });

export const checkProfileExtends: Check = (config) =>
  Object.entries(config.profiles).flatMap(([name, profile]): Issue[] => {
    if (profile.extends === undefined) return [];
    const at = ["profiles", name, "extends"];
    if (config.profiles[profile.extends] === undefined) {
      return [
        issue(
          "unknown-base-profile",
          at,
          `profile "${profile.extends}" is not in profiles${didYouMean(profile.extends, Object.keys(config.profiles))}`,
        ),
      ];
    }
    const cycle = cycleFrom(config.profiles, name);
    // A cycle is reported once, at its first member in sort order.
    return cycle !== undefined && [...cycle].sort()[0] === name
      ? [issue("profile-cycle", at, `profiles extend each other in a cycle: ${[...cycle, name].join(" → ")}`)]
      : [];
  });

export const checkReplacedLists: Check = (config) =>
  Object.entries(config.profiles).flatMap(([name, profile]) => {
    if (profile.extends === undefined || !isWholeChain(config, name)) return [];
    const base = resolveProfile(config.profiles, profile.extends);
    return settingsSections.flatMap((section) =>
      Object.entries(profile[section]).flatMap(([key, value]): Issue[] => {
        if (!isMergeableList(section, key) || !Array.isArray(value)) return [];
        const kept = new Set(listValues(value as unknown[]).map((v) => JSON.stringify(v)));
        const before = base[section][key];
        const dropped = (Array.isArray(before) ? before : []).filter((v) => !kept.has(JSON.stringify(v)));
        if (dropped.length === 0) return [];
        const shown =
          dropped.slice(0, shownDropped).map(String).join(", ") +
          (dropped.length > shownDropped ? ` and ${dropped.length - shownDropped} more` : "");
        return [
          issue(
            "profile-list-replaced",
            ["profiles", name, section, key],
            `${section}.${key} replaces base.${section}.${key} and drops ${shown}; write { extend: [...] } to append or { replace: [...] } to mean it`,
            "warning",
          ),
        ];
      }),
    );
  });

export const checkSettingsKeys: Check = (config) => {
  // What is wrong with a key depends on the key alone, and profiles repeat theirs (a thousand profiles
  // that each set an unlisted `timezone`): each is looked up, and near names searched, once.
  const problems = { systemSettings: new Map<string, string | undefined>(), userSettings: new Map<string, string | undefined>() };
  return Object.entries(config.profiles).flatMap(([name, profile]) =>
    settingsSections.flatMap((section) =>
      Object.keys(profile[section]).flatMap((key): Issue[] => {
        const known = problems[section];
        if (!known.has(key)) known.set(key, settingsKeyProblem(section, key));
        const problem = known.get(key);
        return problem === undefined ? [] : [issue("unknown-setting", ["profiles", name, section, key], problem, "warning")];
      }),
    ),
  );
};

/** Why `key` is wrong in `section`, when it is known in the other section or close to a known key. */
function settingsKeyProblem(section: SettingsSection, key: string): string | undefined {
  if (knownKeys[section].includes(key)) return undefined;
  const other: SettingsSection = section === "systemSettings" ? "userSettings" : "systemSettings";
  if (knownKeys[other].includes(key)) return `unknown ${section} key "${key}": it is a ${other} key`;
  const near = closest(key, knownKeys[section]);
  return near === undefined ? undefined : `unknown ${section} key "${key}": did you mean "${near}"?`;
}

/** A comment for a key the profile does not set is never printed. */
export const checkProfileComments: Check = (config) =>
  Object.entries(config.profiles).flatMap(([name, profile]) =>
    settingsSections.flatMap((section) =>
      Object.keys(profile.comments?.[section] ?? {})
        .filter((key) => profile[section][key] === undefined)
        .map((key) =>
          issue(
            "profile-comment-key",
            ["profiles", name, "comments", section, key],
            `comment for ${section}.${key}, which this profile does not set${didYouMean(key, Object.keys(profile[section]))}`,
            "warning",
          ),
        ),
    ),
  );

/** The profiles from `start` back to it when its `extends` chain loops through it. */
function cycleFrom(profiles: Parameters<Check>[0]["profiles"], start: string): string[] | undefined {
  const chain: string[] = [];
  for (let current: string | undefined = start; current !== undefined; current = profiles[current]?.extends) {
    if (current === start && chain.length > 0) return chain;
    if (chain.includes(current)) return undefined;
    chain.push(current);
  }
  return undefined;
}
