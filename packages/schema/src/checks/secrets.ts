// agenix secrets (https://github.com/ryantm/agenix, its secrets.nix rules file): each secret is encrypted only to its recipients, so every
// machine that decrypts one must be among them through its host key, and a secret bound to a module
// option needs that option to take a secret file on a module the machine runs.
import { issue, type Issue } from "../issue.js";
import { isOptionGroup } from "../module.js";
import { enabledServices, findOption, optionEntries } from "../option-walk.js";
import { didYouMean } from "../suggest.js";
import type { Check } from "./check-helpers.js";
import { expandKeyNames } from "./keys.js";

export const checkMachineSecrets: Check = (config) =>
  Object.entries(config.machines).flatMap(([machineName, machine]) => {
    const uses = Object.entries(machine.secrets);
    if (uses.length === 0) return [];
    const found: Issue[] = [];
    const hostKey = config.keys.hosts[machineName];
    if (hostKey === undefined) {
      found.push(
        issue(
          "secret-host-key",
          ["machines", machineName, "secrets"],
          `machine ${machineName} decrypts secrets but has no host key: add keys.hosts.${machineName} so agenix can encrypt to it`,
        ),
      );
    }
    const running = new Set(enabledServices(machine).map(([name]) => name));
    for (const [name, use] of uses) {
      const at = ["machines", machineName, "secrets", name];
      const secret = config.secrets[name];
      if (secret === undefined) {
        found.push(
          issue(
            "unknown-secret",
            at,
            `secret "${name}" is not in secrets${didYouMean(name, Object.keys(config.secrets))}`,
          ),
        );
        continue;
      }
      if (hostKey !== undefined && !expandKeyNames(config.keys, secret.recipients).has(machineName)) {
        found.push(
          issue(
            "secret-recipient",
            ["secrets", name, "recipients"],
            `secret "${name}" is used by machine ${machineName} but not encrypted to its host key: add "${machineName}" to the recipients`,
          ),
        );
      }
      if (use !== true && use.option !== undefined) {
        const problem = optionProblem(config, running, use.option);
        if (problem !== undefined) found.push(issue("secret-option", [...at, "option"], problem));
      }
    }
    return found;
  });

export const checkRecipients: Check = (config) => {
  const { users, hosts, groups } = config.keys;
  const names = [...Object.keys(users), ...Object.keys(hosts), ...Object.keys(groups)];
  return Object.entries(config.secrets).flatMap(([name, secret]) =>
    secret.recipients.flatMap((recipient, i) =>
      names.includes(recipient)
        ? []
        : [
            issue(
              "unknown-recipient",
              ["secrets", name, "recipients", i],
              `recipient "${recipient}" is not in keys.users, keys.hosts or keys.groups${didYouMean(recipient, names)}`,
            ),
          ],
    ),
  );
};

export const checkUnusedSecrets: Check = (config) => {
  const used = new Set(Object.values(config.machines).flatMap((machine) => Object.keys(machine.secrets)));
  return Object.keys(config.secrets)
    .filter((name) => !used.has(name))
    .map((name) => issue("unused-secret", ["secrets", name], `secret "${name}" is decrypted on no machine`, "warning"));
};

/** Why `<module>.<option>` cannot receive a secret's path on this machine, if it cannot. */
function optionProblem(
  config: Parameters<Check>[0],
  running: ReadonlySet<string>,
  binding: string,
): string | undefined {
  const [moduleName = "", ...path] = binding.split(".");
  const module = config.modules[moduleName];
  if (module === undefined)
    return `module "${moduleName}" is not in modules${didYouMean(moduleName, Object.keys(config.modules))}`;
  if (!running.has(moduleName))
    return `module ${moduleName} is not enabled on this machine, so ${binding} is never read`;
  const option = findOption(module.options, path);
  if (option === undefined || isOptionGroup(option)) {
    const known = optionEntries(module.options).map((entry) => entry.path.join("."));
    return `module ${moduleName} has no option ${path.join(".")}${didYouMean(path.join("."), known)}`;
  }
  return option.secretFile === true
    ? undefined
    : `${binding} does not take a secret file (its declaration has no secretFile: true)`;
}
