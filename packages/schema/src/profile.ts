// Profiles of a settings-driven profile system (profiles/<Name>-config.nix with `systemSettings` and `userSettings`): a base profile and profiles that extend it
// with a shallow `//`. Known keys are typed; any other key passes through as a Nix value.
import { z } from "zod";
import { commented, hostname, name, nixValue, port, stateVersion } from "./primitives.js";

/** A package attribute under `pkgs` (`nfs-utils`, `python3Packages.requests`). */
export const packageName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_'-]*(\.[A-Za-z_][A-Za-z0-9_'-]*)*$/, "must be a package attribute name such as nfs-utils");

/**
 * A list setting of an extending profile. A plain list replaces the base's list (the shallow `//`);
 * `{ extend }` appends to it, `{ replace }` replaces it on purpose and silences the warning.
 */
function mergeableList<T extends z.ZodType>(item: T) {
  const entries = z.array(commented(item));
  return z.union([
    entries,
    z.strictObject({ extend: entries.describe("Appended to the base profile's list") }),
    z.strictObject({ replace: entries.describe("Replaces the base profile's list on purpose") }),
  ]);
}

export const portList = mergeableList(port);
export const stringList = mergeableList(z.string());
export const packageList = mergeableList(packageName);

export const knownSystemSettings = {
  hostname: hostname.describe("Host name of the machine this profile builds"),
  profile: name.describe("Profile system directory, e.g. proxmox-lxc (profiles/<profile>/)"),
  envProfile: name.describe("Flake attribute name this profile is registered as; deploy scripts refuse a mismatch"),
  installCommand: z.string().describe("Command that installs this profile"),
  serverEnv: z.enum(["DEV", "TEST", "PROD"]).describe("Environment tag"),
  systemStateVersion: stateVersion,
  resolvedEnable: z.boolean().describe("Enable systemd-resolved"),
  allowedTCPPorts: portList.describe("Firewall TCP ports"),
  allowedUDPPorts: portList.describe("Firewall UDP ports"),
  nameServers: stringList.describe("DNS servers"),
  mount2ndDrives: z.boolean().describe("Mount local drives through fstab (off in LXC: bind mounts instead)"),
  nfsClientEnable: z.boolean().describe("Mount NFS shares inside the machine"),
  nfsServerEnable: z.boolean().describe("Export NFS shares (needs a privileged container in LXC)"),
  nfsMounts: z.array(nixValue).describe("NFS client mounts"),
  nfsAutoMounts: z.array(nixValue).describe("NFS automounts"),
  havegedEnable: z.boolean().describe("Enable haveged"),
  fail2banEnable: z.boolean().describe("Enable fail2ban"),
  systemPackages: packageList.describe("System packages, printed as `pkgs: pkgs-unstable: with pkgs; [ … ]`"),
  swapFileEnable: z.boolean().describe("Create a swap file (off in LXC: the host manages swap)"),
  swapFileSyzeGB: z.number().int().positive().describe("Swap file size in GB (the key's spelling is the real one)"),
  systemStable: z.boolean().describe("Use the stable nixpkgs and home-manager branch"),
  homelabDockerEnable: z.boolean().describe("Enable the homelab Docker stack"),
  autoSystemUpdateEnable: z.boolean().describe("Enable scheduled system updates"),
  autoSystemUpdateOnCalendar: z.string().describe("systemd calendar of the update, e.g. \"Sat *-*-* 07:00:00\""),
  authorizedKeys: stringList.describe("SSH public keys allowed to log in"),
  wheelNeedsPassword: z.boolean().describe("sudo asks wheel users for a password"),
  journaldMaxUse: z.string().describe("journald SystemMaxUse, e.g. 500M"),
  journaldMaxRetentionSec: z.string().describe("journald MaxRetentionSec, e.g. 1month"),
  journaldCompress: z.boolean().describe("journald Compress"),
  nfsExports: z.string().describe("NFS exports in exports(5) format, served when nfsServerEnable is set"),
  nixAutoOptimiseStore: z.boolean().describe("nix.settings.auto-optimise-store in LXC profiles (default true)"),
} as const;

export const knownUserSettings = {
  username: z.string().min(1).describe("Login name"),
  name: z.string().describe("Full name"),
  dotfilesDir: z.string().describe("Where the dotfiles checkout lives"),
  homeStateVersion: stateVersion.describe("home-manager state version"),
  extraGroups: stringList.describe("Extra groups of the user"),
  dockerEnable: z.boolean().describe("Enable Docker for the user (LXC needs features nesting and keyctl)"),
  virtualizationEnable: z.boolean().describe("Enable libvirt/virtualisation tools"),
  qemuGuestAddition: z.boolean().describe("Install the QEMU guest agent (VMs only)"),
  homePackages: packageList.describe("home-manager packages"),
  zshinitContent: z.string().describe("Extra zsh init (multi-line)"),
  sshExtraConfig: z.string().describe("Extra ssh client config (multi-line)"),
  gitUser: z.string().describe("git user.name"),
  gitEmail: z.string().describe("git user.email"),
  starshipHostStyle: z.string().describe("starship host style"),
} as const;

function settings(known: Record<string, z.ZodType>, what: string) {
  const shape = Object.fromEntries(Object.entries(known).map(([key, schema]) => [key, schema.optional()]));
  return z
    .object(shape)
    .catchall(nixValue)
    .describe(`${what}: typed known keys; any other key passes through as a Nix value`);
}

export const systemSettings = settings(knownSystemSettings, "systemSettings");
export const userSettings = settings(knownUserSettings, "userSettings");

export const profile = z
  .strictObject({
    extends: name.optional().describe("Base profile this one extends with `base.<settings> // { … }`"),
    description: z.string().optional().describe("Printed as the file's leading comment"),
    systemSettings: systemSettings.default({}),
    userSettings: userSettings.default({}),
    comments: z
      .strictObject({
        systemSettings: z.record(z.string(), z.string()).default({}).describe("Comment above a systemSettings key, by key"),
        userSettings: z.record(z.string(), z.string()).default({}).describe("Comment above a userSettings key, by key"),
      })
      .optional()
      .describe("Comments printed above settings keys, by key"),
    extra: z
      .record(
        z.string().refine((key) => key !== "systemSettings" && key !== "userSettings", "is a settings section, not an extra key"),
        nixValue,
      )
      .optional()
      .describe("Top-level keys of the profile file besides its settings (useRustOverlay = false;), printed after them as they are; not inherited by profiles that extend it"),
  })
  .describe("A profile: profiles/<name>-config.nix");

export type ProfileInput = z.input<typeof profile>;
export type Profile = z.output<typeof profile>;
