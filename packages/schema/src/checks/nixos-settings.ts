// Raw NixOS settings against the NixOS option table, before anything is written: machines' `nixos`
// (dotted option path → value), the machine fields the machine emitter writes to NixOS options, and
// service modules' `config`. An unknown option path (with a did-you-mean) and a value that does not
// fit the option's type are errors. Below an option that takes free-form settings (`settings`,
// `config` of a YAML/JSON/INI format), the sub-options the table lists are checked with their types.
// Nix expressions pass (only Nix can evaluate them), and so do the options the config's own modules
// declare. The table is read only when there is something to check.
import { isNixExpr, type ValuePath } from "@homelab/nix";
import type { HomelabConfig } from "../config.js";
import { issue, type Issue } from "../issue.js";
import { nixosOptionTree, type OptionNode } from "../nixos/option-table.js";
import { parseNixosType } from "../nixos/option-type.js";
import { nixosTypeMisfit } from "../nixos/type-check.js";
import { didYouMean } from "../suggest.js";
import { isAttrs, showValue } from "../value-fits-type.js";
import type { Check } from "./check-helpers.js";

/** One raw setting: the NixOS option path it sets, its value, and where the config holds it. */
interface Setting {
  readonly option: readonly string[];
  readonly value: unknown;
  readonly at: ValuePath;
}

export const checkNixosSettings: Check = (config) => {
  const own = ownOptions(config);
  const settings = rawSettings(config).filter((s) => s.value !== undefined && !own.some((prefix) => startsWith(s.option, prefix)));
  if (settings.length === 0) return [];
  const root = nixosOptionTree();
  return settings.flatMap((s) => settingIssues(root, s.option, s.value, [], s.at));
};

function rawSettings(config: HomelabConfig): Setting[] {
  const machines = Object.entries(config.machines).flatMap(([name, machine]): Setting[] => {
    const at = ["machines", name];
    // What emit/machine-config.ts writes from the machine's own fields: `hostname`, `timeZone` and
    // users' `description` have value formats as strict as their NixOS types (a test holds them
    // equal), so only the uid needs the table.
    const fields: Setting[] = Object.entries(machine.users).map(([user, spec]) => ({
      option: ["users", "users", user, "uid"],
      value: spec.uid,
      at: [...at, "users", user, "uid"],
    }));
    const nixos = Object.entries(machine.nixos).map(([path, value]) => ({ option: path.split("."), value, at: [...at, "nixos", path] }));
    return [...fields, ...nixos];
  });
  const modules = Object.entries(config.modules).flatMap(([name, module]) =>
    Object.entries(module.config).map(([path, value]) => ({ option: path.split("."), value, at: ["modules", name, "config", path] })),
  );
  return [...machines, ...modules];
}

/**
 * Paths the table cannot judge: the homelab options of the service modules and what they declare, and
 * `assertions`/`warnings` (nixos/modules/misc/assertions.nix), real but hidden from the manual.
 */
function ownOptions(config: HomelabConfig): string[][] {
  return [["homelab"], ["assertions"], ["warnings"], ...Object.values(config.modules).flatMap((module) => Object.keys(module.declares).map((path) => path.split(".")))];
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((segment, i) => path[i] === segment);
}

const wildcards = new Set(["<name>", "*"]);
const namedChildren = (node: OptionNode) => [...node.children.keys()].filter((key) => !wildcards.has(key));

/** `rest` is the option path still to walk from `node`, `done` the part already walked. */
function settingIssues(node: OptionNode, rest: readonly string[], value: unknown, done: readonly string[], at: ValuePath): Issue[] {
  // A loop, not a call per segment: the walk is the same for every machine that sets the option.
  let here = node;
  for (let i = 0; i < rest.length; i++) {
    const head = rest[i] as string;
    const child = here.children.get(head) ?? here.children.get("<name>");
    if (child === undefined) {
      const walked = [...done, ...rest.slice(0, i)];
      // Deeper than an option: the same as setting the option to an attribute set holding the value.
      if (here.option !== undefined) return valueIssues(here, nest(rest.slice(i), value), walked, at);
      return [unknownOption([...walked, head], namedChildren(here), at)];
    }
    here = child;
  }
  return valueIssues(here, value, done.length === 0 ? rest : [...done, ...rest], at);
}

/** `value` set at `node` (`done` is its path): an option's value, or attributes of a namespace. */
function valueIssues(node: OptionNode, value: unknown, done: readonly string[], at: ValuePath): Issue[] {
  if (isNixExpr(value)) return [];
  if (node.option === undefined) {
    if (!isAttrs(value)) {
      return [issue("nixos-option-type", at, `${done.join(".")} is a set of NixOS options, not an option: set one of ${namedChildren(node).slice(0, 5).join(", ")}`)];
    }
    return Object.entries(value).flatMap(([key, item]) => (item === undefined ? [] : settingIssues(node, [key], item, done, [...at, key])));
  }
  const type = node.option.type;
  // Sub-options the table lists: of the submodule itself (or a free-form one), of each attribute, of
  // each list item. Only a set or a list can reach them, so a plain value does not expand the node.
  if (isAttrs(value)) {
    const listed = namedChildren(node);
    if (listed.length > 0) {
      const free = Object.fromEntries(Object.entries(value).filter(([key]) => !listed.includes(key)));
      const typed = Object.entries(value).filter(([key]) => listed.includes(key));
      return [
        ...(Object.keys(free).length === 0 ? [] : misfitIssues(type, free, done, at)),
        ...typed.flatMap(([key, item]) => (item === undefined ? [] : valueIssues(node.children.get(key) as OptionNode, item, [...done, key], [...at, key]))),
      ];
    }
    const each = node.children.get("<name>");
    if (each !== undefined && !isFreeForm(type)) {
      return Object.entries(value).flatMap(([key, item]) => (item === undefined || isNixExpr(item) ? [] : submoduleIssues(each, item, [...done, key], [...at, key])));
    }
  } else if (Array.isArray(value)) {
    const items = node.children.get("*");
    if (items !== undefined) {
      return value.flatMap((item, i) => (isNixExpr(item) ? [] : submoduleIssues(items, item, [...done, String(i)], [...at, i])));
    }
  }
  return misfitIssues(type, value, done, at);
}

/** An element of an attribute set or list of submodules: only the listed sub-options exist. */
function submoduleIssues(node: OptionNode, value: unknown, done: readonly string[], at: ValuePath): Issue[] {
  if (node.option !== undefined) return valueIssues(node, value, done, at);
  if (!isAttrs(value)) return [issue("nixos-option-type", at, `${done.join(".")}: ${showValue(value)} does not fit type submodule (an attribute set)`)];
  return Object.entries(value).flatMap(([key, item]) => {
    if (item === undefined) return [];
    const child = node.children.get(key);
    return child === undefined ? [unknownOption([...done, key], namedChildren(node), [...at, key])] : valueIssues(child, item, [...done, key], [...at, key]);
  });
}

function misfitIssues(type: string, value: unknown, done: readonly string[], at: ValuePath): Issue[] {
  const misfit = nixosTypeMisfit(value, parseNixosType(type));
  if (misfit === undefined) return [];
  const found = misfit.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], value);
  return [issue("nixos-option-type", [...at, ...misfit], `${done.join(".")}: ${showValue(found)} does not fit type ${type}`)];
}

function unknownOption(path: readonly string[], siblings: readonly string[], at: ValuePath): Issue {
  const name = path.at(-1) ?? "";
  return issue("nixos-option-unknown", at, `${path.join(".")} is not a NixOS option${didYouMean(name, siblings)}`);
}

/** Whether the option takes arbitrary keys, so `<name>` entries below it are not a closed submodule. */
function isFreeForm(type: string): boolean {
  return !/^(null or \(?)?(attribute set|lazy attribute set) of \(?submodule/.test(type);
}

function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}
