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
  const position = new Map(order.map((key, i) => [key, i]));
  const rank = (key: string) => position.get(key) ?? order.length;
  // The sort is stable: keys missing from the input (none today) keep schema order at the end.
  return Object.fromEntries(Object.entries(parsed).sort(([a], [b]) => rank(a) - rank(b))) as T;
}

function field(value: unknown, key: string): object | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === "object" && found !== null ? found : undefined;
}
