// Where each kind of Nix file goes in an output directory: the one definition the emitters write to,
// `import` compares against and `eval` reads back. Paths are `/`-separated and relative to the
// output directory.

/** The kinds of homelab Nix files nixgen writes; `import` reads back hosts, secrets and profiles. */
export type FileKind = (typeof fileKinds)[number];

export const fileKinds = ["hosts", "secrets", "profile", "flake", "machine", "module"] as const;

/** Whether a generated file's kind (emit/types.ts `GeneratedKind`) is one of the Nix kinds. */
export const isFileKind = (kind: string | undefined): kind is FileKind => (fileKinds as readonly (string | undefined)[]).includes(kind);

/** The machine inventory (emit/hosts.ts). */
export const hostsPath = "hosts.nix";

/** The agenix rules file (emit/secrets-nix.ts). */
export const secretsPath = "secrets/secrets.nix";

/** The flake's outputs as a function of its inputs (emit/flake-outputs.ts). */
export const flakeOutputsPath = "flake-outputs.nix";

/** `profiles/LXCHOME-config.nix`: one settings file per profile, named as the profile system names them. */
export const profileConfigPath = (name: string): string => `profiles/${profileConfigFile(name)}`;

/** `LXCHOME-config.nix`: how a profile imports the one it extends (they sit in one directory). */
export const profileConfigFile = (name: string): string => `${name}${profileConfigSuffix}`;

/** `LXCHOME-config.nix` (or a path ending in it) → `LXCHOME`; any other file → its stem. */
export function profileNameOf(file: string): string {
  const name = file.slice(file.lastIndexOf("/") + 1);
  return name.endsWith(profileConfigSuffix) ? name.slice(0, -profileConfigSuffix.length) : name.replace(/\.nix$/, "");
}

/** Whether a file is named as the profile system names profile settings files. */
export const isProfileConfigFile = (file: string): boolean => file.endsWith(profileConfigSuffix);

const profileConfigSuffix = "-config.nix";

/** `machines/frame1/default.nix`: one NixOS module per machine. */
export const machineConfigPath = (name: string): string => `machines/${name}/default.nix`;

/** `modules/services/grafana.nix`: one NixOS module per service module. */
export const serviceModulePath = (name: string): string => `modules/services/${name}.nix`;

/**
 * The kind of a generated file, guessed from where the emitters put it: `hosts.nix` → hosts,
 * `secrets/secrets.nix` → secrets, `flake-outputs.nix` → flake, `profiles/X.nix` → profile,
 * `machines/X/default.nix` → machine; any other `.nix` file is a NixOS module
 * (`modules/services/*.nix`, `profiles/proxmox-lxc/enhancements.nix`). Files that are not Nix have no kind.
 *
 * Emitters set each file's kind and the manifest records it; this guess serves only manifests written
 * before kinds were recorded.
 */
export function kindFromPath(path: string): FileKind | undefined {
  if (!path.endsWith(".nix")) return undefined;
  const segments = path.split("/");
  if (path === flakeOutputsPath) return "flake";
  if (path === hostsPath) return "hosts";
  if (path === secretsPath) return "secrets";
  if (segments.length === 2 && segments[0] === "profiles") return "profile";
  if (segments.length === 3 && segments[0] === "machines" && segments[2] === "default.nix") return "machine";
  return "module";
}
