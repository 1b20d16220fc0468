// The files a generated homelab needs that nixgen does not write: the user owns them. Derived from the
// model in one place, so `gen` can name each missing one (with how to create it) and `nixgen scaffold`
// can write a starter for it. Pure: whether a file exists is decided by the caller.
import { posix } from "node:path";
import type { ValuePath } from "@homelab/nix";
import { resolveProfile, type HomelabConfig, type Machine } from "@homelab/schema";
import { diskoStarter, hardwareStarter, moduleStarter, profileSystemStarter } from "./user-file-starters.js";
import { rememberedPerName } from "./remembered.js";

export type UserFileKind = "hardware" | "disko" | "module" | "profile-system" | "age";

export interface UserFile {
  /** Relative to the output directory, `/`-separated (may leave it for an import such as ../../common.nix). */
  readonly path: string;
  readonly kind: UserFileKind;
  /** Where the config declares the need. */
  readonly at: ValuePath;
  readonly why: string;
  readonly howToCreate: string;
  /** A command run in a directory below the output directory (agenix must run next to secrets.nix). */
  readonly command?: { readonly cwd: string; readonly run: string };
  /** What `nixgen scaffold` writes; none for files it cannot write (encrypted secrets). */
  readonly starter?: string;
}

/** Every user file the config needs, in config order, each path once (the plan and the runbook both ask). */
export const userFiles: (config: HomelabConfig, source: string) => readonly UserFile[] = rememberedPerName(neededFiles);

function neededFiles(config: HomelabConfig, source: string): UserFile[] {
  const files = [
    ...Object.entries(config.machines).flatMap(([name, machine]) => machineFiles(name, machine, source)),
    ...profileSystemFiles(config, source),
    ...secretFiles(config),
  ];
  const seen = new Set<string>();
  return files.filter((file) => !seen.has(file.path) && seen.add(file.path));
}

function machineFiles(name: string, machine: Machine, source: string): UserFile[] {
  const at = (file: string) => posix.normalize(`machines/${name}/${file}`);
  const files: UserFile[] = [];
  if (machine.kind === "metal") {
    files.push({
      path: at(machine.hardware),
      kind: "hardware",
      at: ["machines", name, "hardware"],
      why: `the hardware configuration of ${name} (file systems, boot loader, kernel modules)`,
      howToCreate: `run nixos-generate-config --show-hardware-config on ${name} and keep its output there (nixgen scaffold writes a starter)`,
      starter: hardwareStarter(name, machine, source),
    });
  }
  if (machine.kind === "metal" && machine.disko !== undefined) {
    files.push({
      path: at(machine.disko),
      kind: "disko",
      at: ["machines", name, "disko"],
      why: `the disko layout of ${name}'s disks`,
      howToCreate: "write a disko layout, see https://github.com/nix-community/disko (nixgen scaffold writes a one-disk starter)",
      starter: diskoStarter(name, source),
    });
  }
  machine.imports.forEach((file, index) => {
    files.push({
      path: at(file),
      kind: "module",
      at: ["machines", name, "imports", index],
      why: `a NixOS module ${name} imports`,
      howToCreate: "write the module (nixgen scaffold writes an empty one)",
      starter: moduleStarter(name, source),
    });
  });
  return files;
}

/** The profile system's `configuration.nix` (profiles/<profile>/configuration.nix), one per system in use. */
function profileSystemFiles(config: HomelabConfig, source: string): UserFile[] {
  const bySystem = new Map<string, { machine: string; profiles: string[] }>();
  for (const [name, machine] of Object.entries(config.machines)) {
    if (machine.profile === undefined) continue;
    const system = resolveProfile(config.profiles, machine.profile).systemSettings["profile"];
    if (typeof system !== "string") continue;
    const entry = bySystem.get(system) ?? { machine: name, profiles: [] };
    if (!entry.profiles.includes(machine.profile)) entry.profiles.push(machine.profile);
    bySystem.set(system, entry);
  }
  return [...bySystem].map(([system, { machine, profiles }]) => ({
    path: `profiles/${system}/configuration.nix`,
    kind: "profile-system",
    at: ["machines", machine, "profile"],
    why: `the profile system ${system}: the NixOS module machines built from profile ${profiles.join(", ")} import`,
    howToCreate: "copy it from the profile system's repository (nixgen scaffold writes a starter that reads systemSettings and userSettings)",
    starter: profileSystemStarter(system, profiles.map((name) => resolveProfile(config.profiles, name)), source),
  }));
}

/** Every declared secret's encrypted file, next to the secrets.nix agenix reads its recipients from. */
function secretFiles(config: HomelabConfig): UserFile[] {
  return Object.entries(config.secrets).map(([name, secret]) => {
    const file = secret.file ?? `${name}.age`;
    return {
      path: `secrets/${file}`,
      kind: "age",
      at: ["secrets", name],
      why: `the encrypted secret ${name}`,
      howToCreate: "encrypt it to its recipients with agenix, from the directory of secrets.nix",
      command: { cwd: "secrets", run: `agenix -e ${file}` },
    };
  });
}

/** The shell line that creates an age file, from where `out` is: `cd generated/frame1/secrets && agenix -e x.age`. */
export function createCommand(out: string, file: UserFile): string | undefined {
  return file.command === undefined ? undefined : `cd ${posix.join(out, file.command.cwd)} && ${file.command.run}`;
}
