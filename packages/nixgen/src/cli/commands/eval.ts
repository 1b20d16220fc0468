// `nixgen eval [DIR]`: Nix evaluates every generated file under DIR in one process; what each file
// evaluates to is compared with its `.eval/` snapshot (or, with --update, written there).
import { NoOutputError, evalGenerated } from "../../eval/eval-generated.js";
import { LibUnavailableError, libLabel, type LibChoice } from "../../nix-run/lib-source.js";
import { NixNotFoundError, NixTimeoutError } from "../../nix-run/nix-instantiate.js";
import { driftReport, failureReport } from "../../eval/eval-report.js";
import { snapshotDir } from "../../eval/snapshots.js";
import { isSystemPath } from "../../eval/kinds.js";
import { changeReport, errorLine, paint, summaryLine } from "../../run-report.js";
import { UsageError } from "../args.js";
import { defineCommand, type Flags, type Io } from "../command.js";
import { defaultOut } from "../targets.js";

export const libFlag = {
  lib: {
    type: "string",
    value: "LIB",
    description: "nixpkgs lib to evaluate with: double (shipped), real (NIXGEN_NIXPKGS or <nixpkgs>), auto (default)",
  },
} as const satisfies Flags;

const libChoices: readonly LibChoice[] = ["auto", "double", "real"];

export function libChoice(value: string | undefined): LibChoice {
  if (value === undefined) return "auto";
  if (!(libChoices as readonly string[]).includes(value)) throw new UsageError(`--lib must be one of ${libChoices.join(", ")}, got "${value}"`);
  return value as LibChoice;
}

/** Errors of the evaluation's surroundings (no Nix, no nixpkgs, nothing generated): one line, exit 1. */
export function evalEnvironmentError(io: Io, error: unknown): 1 {
  if (error instanceof LibUnavailableError || error instanceof NixNotFoundError || error instanceof NixTimeoutError || error instanceof NoOutputError) {
    io.err.write(errorLine(io.err, error.message));
    return 1;
  }
  throw error;
}

export const evalCommand = defineCommand({
  name: "eval",
  summary: "Evaluate every generated Nix file and nixosConfiguration with Nix and compare the result with its .eval/ snapshot",
  args: "[DIR]",
  flags: {
    update: { type: "boolean", description: "Write the .eval/ snapshots instead of comparing them" },
    ...libFlag,
  },
  details: [
    `DIR (default: ${defaultOut}) is an output directory or a directory of them (generated/<example>/).`,
    "Profiles, hosts.nix and secrets.nix evaluate to their JSON, flake outputs to the machines they",
    "register, service modules through lib.evalModules to their options and config, and each",
    "nixosConfigurations.<name> as a whole system (its modules and specialArgs together), with",
    "NixOS's checks: root file system, boot loader, the .age files of age.secrets. A missing import",
    "is an error. Without nixpkgs here, NixOS options are declared from the NixOS option list,",
    "and pkgs, modulesPath modules, agenix and disko are stand-ins, listed in each snapshot;",
    "NIXGEN_NIXPKGS=/path/to/nixpkgs (or <nixpkgs> on NIX_PATH) brings the real lib.",
  ].join("\n"),
  async run(flags, io, args) {
    if (args.length > 1) throw new UsageError(`expected at most one directory, got ${args.length}`);
    const lib = libChoice(flags.lib);
    const dir = args[0] ?? defaultOut;
    const started = performance.now();
    let result;
    try {
      result = await evalGenerated(dir, { cwd: io.cwd, lib, update: flags.update === true });
    } catch (error) {
      return evalEnvironmentError(io, error);
    }
    const mode = flags.update === true ? "write" : "check";
    for (const failure of result.failures) io.err.write(failureReport(io.err, failure));
    for (const [root, changes] of result.snapshots) {
      if (mode === "check") {
        io.out.write(changeReport(io.out, `${root}/${snapshotDir}`, changes, "check"));
        io.err.write(driftReport(io.err, root, changes));
      }
      io.out.write(`${paint(io.out, "bold", `${root}/${snapshotDir}:`)} ${summaryLine(changes, mode, performance.now() - started)}\n`);
    }
    const evaluated = [...result.values.values()].flatMap((values) => [...values.keys()]).concat(result.failures.map((f) => f.path));
    const systems = evaluated.filter(isSystemPath).length;
    const processes = `${result.processes} Nix ${result.processes === 1 ? "process" : "processes"}`;
    const what = `${evaluated.length - systems} Nix files and ${systems} nixosConfigurations`;
    io.out.write(`${what} evaluated with ${libLabel(result.lib)}: ${processes} in ${Math.round(performance.now() - started)} ms\n`);
    if (result.failures.length > 0) {
      io.err.write(errorLine(io.err, `${result.failures.length} of ${evaluated.length} failed to evaluate`));
    } else if (!result.ok) {
      io.err.write(errorLine(io.err, "generated files evaluate differently from their snapshots: run `nixgen eval --update` (in this repository: `pnpm gen`)"));
    }
    return result.ok ? 0 : 1;
  },
});
