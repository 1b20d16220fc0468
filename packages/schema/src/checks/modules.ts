// Service modules and the machines that enable them: every enabled module exists, every override
// names a declared option and fits its type, and every default fits the type it is declared with.
import { isNixExpr, type ValuePath } from "@homelab/nix";
import { issue, type Issue } from "../issue.js";
import { isOptionGroup, type OptionSpec, type OptionTree } from "../module.js";
import { findOption, optionEntries } from "../option-walk.js";
import { didYouMean } from "../suggest.js";
import { describeType, isAttrs, showValue, typeMismatch } from "../value-fits-type.js";
import type { Check } from "./check-helpers.js";

export const checkOptionDefaults: Check = (config) =>
  Object.entries(config.modules).flatMap(([name, module]) => [
    ...optionEntries(module.options).flatMap(({ path, spec }) =>
      defaultIssues(spec, `${name}.${path.join(".")}`, [
        "modules",
        name,
        "options",
        ...path.flatMap((key, i) => (i === 0 ? [key] : ["options", key])),
      ]),
    ),
    ...Object.entries(module.declares).flatMap(([option, spec]) =>
      defaultIssues(spec, option, ["modules", name, "declares", option]),
    ),
  ]);

export const checkServiceOverrides: Check = (config) =>
  Object.entries(config.machines).flatMap(([machineName, machine]) =>
    Object.entries(machine.services).flatMap(([name, use]) => {
      const at = ["machines", machineName, "services", name];
      const module = config.modules[name];
      if (module === undefined) {
        return [
          issue(
            "unknown-module",
            at,
            `module "${name}" is not in modules${didYouMean(name, Object.keys(config.modules))}`,
          ),
        ];
      }
      if (use === true) return [];
      const enable = use["enable"] === undefined ? undefined : typeMismatch(use["enable"], "bool");
      const enableIssues =
        enable === undefined ? [] : [issue("option-type", [...at, "enable"], `${name}.enable: ${enable.reason}`)];
      return [...enableIssues, ...overrideIssues(name, module.options, use, at, [], true)];
    }),
  );

/** Option names a module's firewall ports and route refer to: they must be its own options of the right type. */
export const checkModuleRefs: Check = (config) =>
  Object.entries(config.modules).flatMap(([name, module]) => {
    const refs: [option: string, path: ValuePath, type: "port" | "str", use: string][] = [
      ...(["tcp", "udp"] as const).flatMap((protocol) =>
        (module.firewall?.[protocol] ?? []).flatMap((entry, i): [string, ValuePath, "port", string][] =>
          typeof entry === "string"
            ? [[entry, ["modules", name, "firewall", protocol, i], "port", "a firewall port"]]
            : [],
        ),
      ),
      ...(module.route === undefined
        ? []
        : ([
            [module.route.domain, ["modules", name, "route", "domain"], "str", "the route's domain"],
            [module.route.port, ["modules", name, "route", "port"], "port", "the route's port"],
          ] as [string, ValuePath, "port" | "str", string][])),
    ];
    const known = optionEntries(module.options).map((entry) => entry.path.join("."));
    return refs.flatMap(([option, path, type, use]): Issue[] => {
      const found = findOption(module.options, option.split("."));
      if (found === undefined) {
        return [
          issue(
            "module-option-ref",
            path,
            `"${option}" is not an option of module ${name}${didYouMean(option, known)}`,
          ),
        ];
      }
      if (isOptionGroup(found))
        return [issue("module-option-ref", path, `"${option}" is a group of options of module ${name}, not an option`)];
      const declared = typeof found.type === "object" && "nullOr" in found.type ? found.type.nullOr : found.type;
      return declared === type || (type === "str" && declared === "lines")
        ? []
        : [
            issue(
              "module-option-ref",
              path,
              `${name}.${option} is of type ${describeType(found.type)}, but ${use} needs a ${type} option`,
            ),
          ];
    });
  });

function defaultIssues(spec: OptionSpec, option: string, at: ValuePath): Issue[] {
  if (spec.default === undefined) return [];
  const mismatch = typeMismatch(spec.default, spec.type);
  return mismatch === undefined
    ? []
    : [issue("option-type", [...at, "default", ...mismatch.path], `default of ${option}: ${mismatch.reason}`)];
}

function overrideIssues(
  module: string,
  tree: OptionTree,
  values: Readonly<Record<string, unknown>>,
  at: ValuePath,
  prefix: readonly string[],
  top: boolean,
): Issue[] {
  return Object.entries(values).flatMap(([key, value]): Issue[] => {
    if (value === undefined || (top && key === "enable")) return [];
    const option = tree[key];
    const path = [...at, key];
    const dotted = [...prefix, key].join(".");
    if (option === undefined) {
      const names = [...Object.keys(tree), ...(top ? ["enable"] : [])];
      return [issue("unknown-option", path, `module ${module} has no option ${dotted}${didYouMean(key, names)}`)];
    }
    if (isOptionGroup(option)) {
      if (isNixExpr(value)) return [];
      return isAttrs(value)
        ? overrideIssues(module, option.options, value, path, [...prefix, key], false)
        : [
            issue(
              "option-type",
              path,
              `${module}.${dotted}: ${showValue(value)} is not an attribute set, and ${key} is a group of options`,
            ),
          ];
    }
    const mismatch = typeMismatch(value, option.type);
    return mismatch === undefined
      ? []
      : [issue("option-type", [...path, ...mismatch.path], `${module}.${dotted}: ${mismatch.reason}`)];
  });
}
