// zod returns an object's declared keys in schema order, then the others: a profile's settings would
// come out with every known key hoisted above the pass-through ones. Profiles are printed in the
// order their author wrote, so that comments keep the neighbours they were written next to.
import type { HomelabConfig } from "./config.js";
import { settingsSections } from "./profile-resolve.js";

/** `config` with each profile's settings keys in the order they appear in `input`. */
export function withAuthoredSettingsOrder(config: HomelabConfig, input: unknown): HomelabConfig {
  const inputProfiles = field(input, "profiles");
  const profiles = Object.fromEntries(
    Object.entries(config.profiles).map(([name, profile]) => {
      const written = field(inputProfiles, name);
      const reordered = Object.fromEntries(
        settingsSections.map((section) => [section, reorder(profile[section], Object.keys(field(written, section) ?? {}))]),
      );
      return [name, { ...profile, ...reordered }];
    }),
  );
  return { ...config, profiles };
}

function reorder<T extends object>(parsed: T, order: readonly string[]): T {
  // The keys in the order written, then any the input lacks (none today) in schema order: what a
  // stable sort by position in the input gives, in two passes instead of a sort and a position map.
  const from = parsed as Record<string, unknown>;
  const reordered: Record<string, unknown> = {};
  for (const key of order) if (Object.hasOwn(from, key)) reordered[key] = from[key];
  for (const key of Object.keys(from)) if (!Object.hasOwn(reordered, key)) reordered[key] = from[key];
  return reordered as T;
}

function field(value: unknown, key: string): object | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === "object" && found !== null ? found : undefined;
}
