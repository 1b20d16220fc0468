// flake-outputs.nix: a function of the flake's inputs returning its outputs, so the root flake.nix
// stays `outputs = inputs: import ./generated/<name>/flake-outputs.nix inputs;` and never changes.
import { attrs, bind, call, data, fn, inherit, path, printFile, ref, type NixExpr, type NixValue } from "@homelab/nix";
import type { HomelabConfig, Machine } from "@homelab/schema";
import { headerLines } from "./header.js";
import { flakeOutputsPath, machineConfigPath, profileConfigPath } from "./output-layout.js";
import type { Emitter } from "./types.js";

export const emitFlakeOutputs: Emitter = (ctx) =>
  Object.keys(ctx.config.machines).length === 0
    ? []
    : [{ path: flakeOutputsPath, kind: "flake", render: () => printFile(flakeOutputsExpr(ctx.config), { header: headerLines(ctx) }) }];

/**
 * ```nix
 * { nixpkgs, ... }@inputs:
 * {
 *   nixosConfigurations = {
 *     frame1 = nixpkgs.lib.nixosSystem {
 *       system = "x86_64-linux";
 *       specialArgs = { inherit inputs; };
 *       modules = [ inputs.agenix.nixosModules.default ./machines/frame1/default.nix ];
 *     };
 *   };
 * }
 * ```
 */
export function flakeOutputsExpr(config: HomelabConfig): NixExpr {
  const machines = Object.entries(config.machines);
  const systems = attrs(machines.map(([name, machine]) => bind(name, nixosSystem(name, machine))));
  // The profile registration of the profile system's flake: one line per profile a machine is built from.
  const profiles = [...new Set(machines.flatMap(([, machine]) => (machine.profile === undefined ? [] : [machine.profile])))];
  return fn(
    ["nixpkgs"],
    attrs([
      bind("nixosConfigurations", systems),
      ...(profiles.length === 0
        ? []
        : [bind("profiles", attrs(profiles.map((name) => bind(name, path(`./${profileConfigPath(name)}`)))))]),
    ]),
    { ellipsis: true, at: "inputs" },
  );
}

// The parts every machine's entry has in common, built once and shared: nodes are never changed, and
// the printer measures a shared node once per file.
const NIXOS_SYSTEM = ref("nixpkgs.lib.nixosSystem");
const IMPORT = ref("import");
const INHERIT_INPUTS = inherit(["inputs"]);
const INPUTS_ONLY = attrs([INHERIT_INPUTS]);
const DISKO_MODULE = ref("inputs.disko.nixosModules.disko");
const AGENIX_MODULE = ref("inputs.agenix.nixosModules.default");

function nixosSystem(name: string, machine: Machine): NixExpr {
  // Profile-based machines read their settings as module arguments, as the profile system's modules expect.
  const specialArgs =
    machine.profile === undefined
      ? INPUTS_ONLY
      : attrs([INHERIT_INPUTS, inherit(["systemSettings", "userSettings"], call(IMPORT, path(`./${profileConfigPath(machine.profile)}`)))]);
  // The argument is plain data, which the printer writes without a node per value.
  return call(
    NIXOS_SYSTEM,
    data({ system: machine.system, specialArgs, modules: [...inputModules(machine), path(`./${machineConfigPath(name)}`)] }),
  );
}

/** Modules that come from flake inputs: disko for machines with a disko layout, agenix for secrets. */
function inputModules(machine: Machine): NixValue[] {
  const disko = machine.kind === "metal" && machine.disko !== undefined;
  const agenix = Object.keys(machine.secrets).length > 0 || machine.identityPaths !== undefined;
  return [
    ...(disko ? [DISKO_MODULE] : []),
    ...(agenix ? [AGENIX_MODULE] : []),
  ];
}
