// A profile (`<Name>-config.nix`) → `profiles.<Name>`. A profile that imports a base and overrides it
// with `base.<section> // { … }` becomes one that `extends` the base, holding only the keys it sets
// itself (told apart by evaluating it over an empty base: see nix/import-evaluate.nix). A list it
// computes from the base's (`base.systemSettings.allowedTCPPorts ++ [ … ]`) becomes `{ extend }`.
// Package functions come back as the package names they return for a stand-in `pkgs`.
import { isMergeableList, profile as profileSchema, settingsSections, type SettingsSection } from "@homelab/schema/internal";
import type { ProfileInput } from "@homelab/schema";
import type { FileValue } from "./evaluate-file.js";
import type { IssueLog } from "./issues.js";
import { asNixValue, isAttrs, NixFunction, NixPackage, sameData, type NixAttrs, type NixData } from "./nix-data.js";
import { pathKey, type SourceScan } from "./nix-scan.js";
import { inSourceOrder, inSourceOrderDeep } from "./source-order.js";

export interface ProfileSource {
  /** The file as the user named it. */
  readonly file: string;
  readonly name: string;
  readonly value: NixAttrs;
  readonly scan: SourceScan | undefined;
  /** The profile it extends and that profile's evaluated value. */
  readonly base?: { readonly name: string; readonly value: NixAttrs };
  /** Per section, the keys the file sets itself (from evaluating it over an empty base). */
  readonly own?: FileValue["own"];
}

const PACKAGE_KEYS = new Set(["systemPackages", "homePackages"]);

export function mapProfile(source: ProfileSource, log: IssueLog): ProfileInput | undefined {
  const { file, value } = source;
  // Top-level keys besides the settings (`useRustOverlay = false;`) pass through as they are.
  const extra: Record<string, unknown> = {};
  const others = Object.keys(value).filter((key) => !(settingsSections as readonly string[]).includes(key));
  for (const key of inSourceOrder(others, source.scan, [])) {
    const kept = asNixValue(value[key] as NixData);
    if (kept === undefined)
      log.add(file, "lost", [key], "not imported: a function other than a package list has no typed equivalent");
    else extra[key] = inSourceOrderDeep(kept, source.scan, [key]);
  }
  const comments: Record<SettingsSection, Record<string, string>> = { systemSettings: {}, userSettings: {} };
  const candidate: Record<string, unknown> = {
    ...(source.base === undefined ? {} : { extends: source.base.name }),
    ...descriptionOf(source.scan),
  };
  for (const section of settingsSections) {
    const settings = value[section];
    if (settings === undefined) continue;
    if (!isAttrs(settings)) {
      log.error(file, "invalid", [section], "must be an attribute set of settings");
      continue;
    }
    const baseSettings = source.base?.value[section];
    const own = ownKeys(log, source, section, settings, isAttrs(baseSettings) ? baseSettings : undefined);
    const mapped: Record<string, unknown> = {};
    for (const key of inSourceOrder([...own.keys()], source.scan, [section])) {
      const setting = settingValue(
        section,
        key,
        settings[key] as NixData,
        isAttrs(baseSettings) ? baseSettings[key] : undefined,
        own.get(key) === true,
        source,
        log,
      );
      if (setting === undefined) continue;
      mapped[key] = setting;
      const comment = source.scan?.comments.get(pathKey([section, key]));
      if (comment !== undefined) comments[section][key] = comment;
    }
    candidate[section] = mapped;
  }
  const commented = settingsSections.filter((section) => Object.keys(comments[section]).length > 0);
  if (commented.length > 0)
    candidate["comments"] = Object.fromEntries(commented.map((section) => [section, comments[section]]));
  if (Object.keys(extra).length > 0) candidate["extra"] = extra;
  const parsed = profileSchema.safeParse(candidate);
  if (parsed.success) return candidate as ProfileInput;
  for (const found of parsed.error.issues) {
    const path = found.path.slice(0, 2).map(String);
    log.error(
      file,
      "invalid",
      path,
      `${found.message}${shown(path.length === 2 ? (value[path[0] as string] as NixAttrs | undefined)?.[path[1] as string] : undefined)}`,
    );
  }
  return undefined;
}

/** The keys the file sets itself, each with whether its value reads the base's. */
function ownKeys(
  log: IssueLog,
  source: ProfileSource,
  section: SettingsSection,
  settings: NixAttrs,
  base: NixAttrs | undefined,
): Map<string, boolean> {
  const own = source.own?.[section];
  if (own !== undefined) return new Map(own.map(({ key, usesBase }) => [key, usesBase]));
  if (source.base !== undefined) {
    log.add(
      source.file,
      "base-keys",
      [section],
      `could not evaluate this file over an empty ${source.base.name}; settings equal to the base's are left to the base`,
    );
  }
  // Without that evaluation (no base, or a file it did not work on): what differs from the base.
  const keys = Object.keys(settings).filter(
    (key) => base === undefined || !Object.hasOwn(base, key) || !sameData(settings[key], base[key]),
  );
  return new Map(keys.map((key) => [key, false]));
}

function settingValue(
  section: SettingsSection,
  key: string,
  value: NixData,
  base: NixData | undefined,
  usesBase: boolean,
  source: ProfileSource,
  log: IssueLog,
): unknown {
  const at = [section, key];
  const list = isMergeableList(section, key) ? listItems(key, value, at, source, log) : undefined;
  if (list === undefined) {
    if (PACKAGE_KEYS.has(key)) return undefined;
    const kept = asNixValue(value);
    if (kept === undefined)
      log.add(source.file, "lost", at, "not imported: a function other than a package list has no typed equivalent");
    return kept === undefined ? undefined : inSourceOrderDeep(kept, source.scan, at);
  }
  // `base.<section>.<key> ++ [ … ]` (or the package function calling the base's): append to the base.
  const before = base === undefined ? undefined : listItems(key, base, at, source, undefined);
  const appends =
    usesBase && before !== undefined && before.length > 0 && before.every((item, i) => sameData(item, list[i]));
  return appends ? { extend: list.slice(before.length) } : list;
}

/** A list setting's items: package names for package functions; undefined for a value that is no list. */
function listItems(
  key: string,
  value: NixData,
  at: readonly string[],
  source: ProfileSource,
  log: IssueLog | undefined,
): NixData[] | undefined {
  if (!PACKAGE_KEYS.has(key)) return Array.isArray(value) ? [...value] : undefined;
  const returned = value instanceof NixFunction ? value.applied : undefined;
  if (!Array.isArray(returned)) {
    log?.add(
      source.file,
      "lost",
      at,
      "not imported: not a package function `pkgs: pkgs-unstable: [ … ]` that returns a list of packages",
    );
    return undefined;
  }
  const kept = returned.filter((item): item is NixPackage => item instanceof NixPackage);
  if (kept.length < returned.length) {
    log?.add(source.file, "lost", at, "not imported: a value in the package list that is no package; add it back by hand");
  }
  // The emitters write `pkgs-unstable.<name>` from pkgs-unstable as it stands.
  return kept.map((item) => (item.unstable ? `pkgs-unstable.${item.name}` : item.name));
}

/** The file's leading comment, without a header nixgen wrote itself. */
function descriptionOf(scan: SourceScan | undefined): { description?: string } {
  const lines = (scan?.header ?? []).filter((line) => !line.startsWith("Generated by nixgen"));
  while (lines[0] === "") lines.shift();
  while (lines.at(-1) === "") lines.pop();
  return lines.length === 0 ? {} : { description: lines.join("\n") };
}

/** ` (found ["22"])` for a short plain value, so the message shows what the file holds. */
function shown(value: NixData | undefined): string {
  const plain = value === undefined ? undefined : asNixValue(value);
  const text =
    plain === undefined
      ? undefined
      : JSON.stringify(plain, (_, item: unknown) => (typeof item === "bigint" ? String(item) : item));
  return text === undefined || text.length > 60 ? "" : ` (found ${text})`;
}
