// Evaluates a profile file to JSON. Its package lists are functions, which JSON cannot hold, so they
// are applied to a stand-in package set whose attributes are their own names (`pkgs.vim = "vim"`).
import { attrs, bind, call, id, lambda, letIn, path, ref, update, type NixExpr } from "@homelab/nix";
import { isMergeableList, listMerge } from "@homelab/schema/internal";
import { listValues } from "../../../schema/src/profile-resolve.js";
import type { HomelabConfig, MergeableList } from "@homelab/schema";
import { nixEval } from "./nix-cli.js";

const PACKAGE_KEYS = ["systemPackages", "homePackages"];

/** Every package name any profile of `config` lists, as the stand-in set needs them. */
export function packageNames(config: HomelabConfig): string[] {
  const names = Object.values(config.profiles).flatMap((profile) =>
    (["systemSettings", "userSettings"] as const).flatMap((section) =>
      Object.entries(profile[section]).flatMap(([key, value]) =>
        PACKAGE_KEYS.includes(key) && isMergeableList(section, key)
          ? listValues(listMerge(value as MergeableList<string>).entries)
          : [],
      ),
    ),
  );
  return [...new Set(names)].sort();
}

/**
 * ```nix
 * let
 *   stub = { vim = "vim"; … };
 *   apply = settings: settings // builtins.mapAttrs (name: f: f stub stub) (builtins.intersectAttrs { systemPackages = null; homePackages = null; } settings);
 *   profile = import /tmp/…/LXCHOME-config.nix;
 * in { systemSettings = apply profile.systemSettings; userSettings = apply profile.userSettings; }
 * ```
 */
export function evalProfile(file: string, packages: readonly string[]): Promise<unknown> {
  const stub = attrs(packages.map((name) => bind(name.split("."), name)));
  const functions = attrs(PACKAGE_KEYS.map((key) => bind(key, null)));
  const applyEach = lambda("name", lambda("f", call(id("f"), id("stub"), id("stub"))));
  const applied = call(ref("builtins.mapAttrs"), applyEach, call(ref("builtins.intersectAttrs"), functions, id("settings")));
  const expr: NixExpr = letIn(
    [
      bind("stub", stub),
      bind("apply", lambda("settings", update(id("settings"), applied))),
      bind("profile", call(id("import"), path(file))),
    ],
    attrs([
      bind("systemSettings", call(id("apply"), ref("profile.systemSettings"))),
      bind("userSettings", call(id("apply"), ref("profile.userSettings"))),
    ]),
  );
  return nixEval(expr);
}
