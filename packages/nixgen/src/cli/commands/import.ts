// `nixgen import FILE.nix…`: an existing hosts.nix, profiles and secrets.nix → one typed config
// (homelab.config.ts); `nixgen import --proxmox DIR`: the same from a copy of /etc/pve.
// The import pipeline (Nix, ts-morph, prettier) is loaded inside `run` only.
import { resolve } from "node:path";
import type { FileIssues } from "../../import/issues.js";
import { errorLine, issueReport } from "../../run-report.js";
import { writeFileAtomic } from "../../write/atomic-write.js";
import { UsageError } from "../args.js";
import { defineCommand, type ExitCode, type Io } from "../command.js";

const kinds = ["hosts", "profile", "secrets", "auto"] as const;

export const importCommand = defineCommand({
  name: "import",
  summary:
    "Turn an existing hosts.nix, profiles and secrets.nix, or a copy of /etc/pve, into a typed config (TypeScript)",
  args: "FILE.nix…",
  flags: {
    proxmox: {
      type: "string",
      value: "DIR",
      description: "Import a copy of /etc/pve instead (guests, storage.cfg, mapping/directory.cfg); no FILE.nix then",
    },
    as: {
      type: "string",
      value: "KIND",
      description: "What the files are: hosts, profile, secrets, or auto (default: told by each file's shape)",
    },
    out: {
      type: "string",
      short: "o",
      value: "FILE",
      description: "Write the config to FILE (default: standard output)",
    },
    mapping: {
      type: "string",
      value: "ID=NODE:PATH,…",
      description: "Host path of a virtiofs directory mapping that hosts.nix does not give, per node",
    },
  },
  details: [
    "Each file is evaluated with Nix (nix-instantiate) and mapped onto the model: hosts.nix into",
    "machines and keys, a <Name>-config.nix into a profile (with the base it imports), secrets.nix",
    "into secrets. What the model has no field for is kept in `inventory` pass-through fields and",
    "listed as a warning. The config is checked by generating the files again: each evaluates to",
    "what was imported, or a warning says where it does not. Paths stay as they were written,",
    "relative to the imported file: generate into the directory the files came from.",
    "",
    "With --proxmox DIR, DIR is a copy of /etc/pve (see the README: one `ssh … tar` command makes it;",
    "nixgen never connects anywhere). Each nodes/<node>/lxc and nodes/<node>/qemu-server config becomes",
    "a machine on that node; snapshots, pending changes and anything that looks like a password or",
    "token are not imported, and each is named in a warning. What the model needs but Proxmox does not",
    "keep (a container's template) is listed at the end: set it before `nixgen gen`.",
  ].join("\n"),
  async run(flags, io, args) {
    if (flags.proxmox !== undefined) {
      if (args.length > 0) throw new UsageError("--proxmox imports a directory: name no .nix files with it");
      return importFromProxmox(flags.proxmox, flags.out, io);
    }
    if (args.length === 0) throw new UsageError("name at least one .nix file to import");
    const as = flags.as ?? "auto";
    if (!(kinds as readonly string[]).includes(as))
      throw new UsageError(`--as must be one of ${kinds.join(", ")}, got "${as}"`);
    const mappings = parseMappings(flags.mapping);
    const { importNix } = await import("../../import/import-nix.js");
    const result = await reported(io, () => importNix(args, { as: as as (typeof kinds)[number], cwd: io.cwd, mappings }));
    if (result === undefined) return 1;
    if (flags.out === undefined) {
      io.out.write(result.text);
      return 0;
    }
    writeFileAtomic(resolve(io.cwd, flags.out), result.text);
    const machines = Object.keys(result.config.machines ?? {}).length;
    const profiles = Object.keys(result.config.profiles ?? {}).length;
    const secrets = Object.keys(result.config.secrets ?? {}).length;
    io.out.write(`${flags.out}: written (${machines} machines, ${profiles} profiles, ${secrets} secrets)\n`);
    return 0;
  },
});

async function importFromProxmox(dir: string, out: string | undefined, io: Io): Promise<ExitCode> {
  const { importProxmox } = await import("../../import-proxmox/import-proxmox.js");
  const result = await reported(io, () => importProxmox(dir, resolve(io.cwd, dir)));
  if (result === undefined) return 1;
  if (out === undefined) io.out.write(result.text);
  else writeFileAtomic(resolve(io.cwd, out), result.text);
  const machines = Object.keys(result.config.machines ?? {}).length;
  const todo =
    result.missing.length === 0
      ? "it validates"
      : `${result.missing.length} ${result.missing.length === 1 ? "field" : "fields"} to set before \`nixgen gen\`, listed above`;
  (out === undefined ? io.err : io.out).write(`${out ?? "the config"}: written (${machines} machines; ${todo})\n`);
  return 0;
}

/**
 * Runs an import and prints its warnings; when it refuses (`ImportError`), prints what it found
 * and returns undefined, as when ts-morph or prettier is not installed.
 */
async function reported<Result extends { readonly warnings: readonly FileIssues[] }>(
  io: Io,
  run: () => Promise<Result>,
): Promise<Result | undefined> {
  const { ImportError } = await import("../../import/issues.js");
  const { MissingDependencyError, loadTypeScriptTools } = await import("../../import/typescript-tools.js");
  let result;
  try {
    await loadTypeScriptTools(); // before Nix runs, so that a missing one is said at once
    result = await run();
  } catch (error) {
    if (error instanceof MissingDependencyError) {
      io.err.write(errorLine(io.err, error.message));
      return undefined;
    }
    if (!(error instanceof ImportError)) throw error;
    for (const { file, issues } of error.found) io.err.write(issueReport(io.err, file, issues));
    io.err.write(errorLine(io.err, "nothing was imported"));
    return undefined;
  }
  for (const { file, issues } of result.warnings) io.err.write(issueReport(io.err, file, issues));
  return result;
}

/** `containers=prom:/nvmeprom/containers,media=prom:/tank/media` → { containers: { prom: "/nvmeprom/containers" }, … }. */
function parseMappings(value: string | undefined): Record<string, Record<string, string>> {
  const mappings: Record<string, Record<string, string>> = {};
  for (const entry of (value ?? "").split(",").filter((part) => part !== "")) {
    const match = /^([A-Za-z_][A-Za-z0-9_-]*)=([A-Za-z_][A-Za-z0-9_-]*):(\/.*)$/.exec(entry);
    if (match === null) throw new UsageError(`--mapping: expected ID=NODE:/absolute/path, got "${entry}"`);
    const [, id, node, path] = match as unknown as [string, string, string, string];
    mappings[id] = { ...mappings[id], [node]: path };
  }
  return mappings;
}
