// profiles/<Name>-config.nix: one settings file per profile of the profile system. A base
// profile is a plain `{ systemSettings; userSettings; }`; a profile that extends another imports it and
// overrides with a shallow `//`, appending to the base's lists where the config says `{ extend }`.
import {
  attrs,
  bind,
  call,
  concat,
  data,
  id,
  item,
  lambda,
  letIn,
  path,
  printFile,
  select,
  update,
  type BindingNode,
  type ListItem,
  type NixExpr,
  type NixValue,
} from "@homelab/nix";
import { isCommentedGroup, isMergeableList, listMerge, settingsSections, type SettingsSection } from "@homelab/schema/internal";
import type { ListEntry, MergeableList, Profile } from "@homelab/schema";
import { packageRef, withPkgs } from "./package-ref.js";
import { headerLines } from "./header.js";
import { profileConfigFile, profileConfigPath } from "./output-layout.js";
import type { Emitter } from "./types.js";

export const emitProfileConfigs: Emitter = (ctx) =>
  Object.entries(ctx.config.profiles).map(([name, profile]) => ({
    path: profileConfigPath(name),
    kind: "profile" as const,
    render: () => printFile(profileConfigExpr(profile), { header: [...headerLines(ctx), ...descriptionLines(profile)] }),
  }));

/** The description reads as the file's own comment, below the generated header and a `#` spacer. */
function descriptionLines(profile: Profile): string[] {
  return profile.description === undefined ? [] : ["", ...profile.description.split("\n")];
}

/**
 * ```nix
 * let
 *   base = import ./LXC-base-config.nix;
 * in
 * {
 *   systemSettings = base.systemSettings // { hostname = "lxchome"; };
 *   userSettings = base.userSettings // { dockerEnable = true; };
 * }
 * ```
 * A profile without `extends` is just the attribute set, with the sections themselves.
 */
export function profileConfigExpr(profile: Profile): NixExpr {
  const extending = profile.extends !== undefined;
  const sections = settingsSections.map((section) => {
    const own = ownSettings(profile, section, extending);
    if (!extending) return bind(section, own ?? attrs([]));
    const inherited = baseSettings(section);
    return bind(section, own === undefined ? inherited : update(inherited, own));
  });
  // Keys the profile system reads beside the settings (`useRustOverlay = false;`), as they are.
  const extra = Object.entries(profile.extra ?? {}).map(([key, value]) => bind(key, value));
  const body = attrs([...sections, ...extra]);
  if (profile.extends === undefined) return body;
  return letIn([bind("base", call(id("import"), path(`./${profileConfigFile(profile.extends)}`)))], body);
}

function baseSettings(section: SettingsSection, key?: string): NixExpr {
  return select(id("base"), key === undefined ? [section] : [section, key]);
}

/**
 * The section's own settings as a set, or undefined when it has none. The settings go to the printer
 * as the data they are (no node per value), with the mergeable lists replaced by their expressions;
 * a section with comments on its settings is bindings, which carry them.
 */
function ownSettings(profile: Profile, section: SettingsSection, extending: boolean): NixExpr | undefined {
  const settings = profile[section] as Record<string, NixValue | undefined>;
  const comments = profile.comments?.[section];
  const bindings: BindingNode[] | undefined = comments === undefined ? undefined : [];
  // The profile's own record until a value differs; then a copy that keeps the order of the keys.
  let values = settings;
  let empty = true;
  for (const key of Object.keys(settings)) {
    const value = settings[key];
    if (value === undefined) continue;
    empty = false;
    const expr = isMergeableList(section, key) ? mergeableExpr(section, key, value, extending) : value;
    if (bindings !== undefined) {
      const comment = comments?.[key];
      bindings.push(bind(key, expr, comment === undefined ? undefined : { comment }));
    } else if (expr !== value) {
      if (values === settings) values = { ...settings };
      values[key] = expr;
    }
  }
  if (empty) return undefined;
  return bindings === undefined ? data(values) : attrs(bindings);
}

/** Package lists are functions in the profile system: it applies them to its two package sets. */
const PACKAGE_FUNCTIONS: ReadonlySet<string> = new Set(["systemPackages", "homePackages"]);

/** What a package function's body sees besides `pkgs`: its own arguments and the file's `let`. */
const PROFILE_SCOPE: ReadonlySet<string> = new Set(["pkgs", "pkgs-unstable", "base"]);

function mergeableExpr(section: SettingsSection, key: string, value: NixValue, extending: boolean): NixExpr {
  const { mode, entries } = listMerge(value as MergeableList<NixValue>);
  // With no base to append to, `{ extend }` is the list itself.
  const appends = mode === "extend" && extending;
  if (!PACKAGE_FUNCTIONS.has(key)) {
    const own = data(listItems(entries, (entry) => entry));
    return appends ? concat(baseSettings(section, key), own) : own;
  }
  // pkgs: pkgs-unstable: base.systemSettings.systemPackages pkgs pkgs-unstable ++ (with pkgs; [ … ])
  const own = withPkgs(listItems(entries as readonly ListEntry<string>[], (name) => packageRef(name, PROFILE_SCOPE)));
  const body = appends ? concat(call(baseSettings(section, key), id("pkgs"), id("pkgs-unstable")), own) : own;
  return lambda("pkgs", lambda("pkgs-unstable", body));
}

/** One comment on one value sits beside it (`8043 # nginx`); on a group, above its first value. */
function listItems<T, V extends NixValue>(entries: readonly ListEntry<T>[], toValue: (value: T) => V): (V | ListItem)[] {
  const items: (V | ListItem)[] = [];
  for (const entry of entries) {
    if (!isCommentedGroup(entry)) {
      items.push(toValue(entry));
      continue;
    }
    const [first, ...rest] = entry.items.map(toValue);
    if (first === undefined) continue;
    items.push(item(first, rest.length === 0 ? { trailingComment: entry.comment } : { comment: entry.comment }), ...rest);
  }
  return items;
}
