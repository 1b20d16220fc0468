// Which configs a run reads and where each one's files go: one `--config` (or the one found in the
// current directory), or every `<examples>/<name>/homelab.config.*` into `<out>/<name>/`.
import { readdir } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { configFileNames, findConfigFiles } from "../config/find.js";
import { UsageError } from "./args.js";
import type { Flags } from "./command.js";

export const configFlags = {
  config: {
    type: "string",
    short: "c",
    value: "FILE",
    description: "Config file (.ts .mts .js .json .yaml .yml); default: homelab.config.* in the current directory",
  },
  examples: {
    type: "string",
    value: "DIR",
    description: "Every DIR/<name>/homelab.config.* instead (gen and check: each into <out>/<name>/)",
  },
} as const satisfies Flags;

export const outFlag = {
  out: { type: "string", short: "o", value: "DIR", description: "Output directory (default: generated)" },
} as const satisfies Flags;

export const defaultOut = "generated";

export interface Target {
  /** The config file relative to the current directory, `/`-separated: printed in headers and messages. */
  readonly config: string;
  /** The output directory as the user wrote it (joined with the example name in examples mode). */
  readonly out: string;
}

export interface TargetFlags {
  readonly config?: string | undefined;
  readonly examples?: string | undefined;
  readonly out?: string | undefined;
}

export async function resolveTargets(flags: TargetFlags, cwd: string): Promise<Target[]> {
  const out = flags.out ?? defaultOut;
  if (flags.config !== undefined && flags.examples !== undefined) {
    throw new UsageError("--config and --examples exclude each other");
  }
  if (flags.examples !== undefined) return exampleTargets(flags.examples, out, cwd);
  if (flags.config !== undefined) return [{ config: displayPath(cwd, flags.config), out }];
  const found = await findConfigFiles(cwd);
  if (found.length > 1) throw new UsageError(`found ${found.join(" and ")}; choose one with --config`);
  if (found[0] === undefined) {
    throw new UsageError(`no config here (looked for ${configFileNames.join(", ")}); pass --config FILE`);
  }
  return [{ config: found[0], out }];
}

async function exampleTargets(examples: string, out: string, cwd: string): Promise<Target[]> {
  const root = resolve(cwd, examples);
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    throw new UsageError(`--examples ${examples}: not a directory`);
  }
  const targets: Target[] = [];
  for (const name of entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const found = await findConfigFiles(join(root, name));
    if (found.length > 1) throw new UsageError(`${examples}/${name} has ${found.join(" and ")}; keep one`);
    if (found[0] !== undefined) {
      targets.push({ config: displayPath(cwd, join(root, name, found[0])), out: `${out.replace(/\/+$/, "")}/${name}` });
    }
  }
  if (targets.length === 0) throw new UsageError(`--examples ${examples}: no <name>/homelab.config.* inside`);
  return targets;
}

/** Relative to the current directory with `/`: headers must not depend on where the repository lives. */
function displayPath(cwd: string, file: string): string {
  return relative(cwd, resolve(cwd, file)).split(sep).join("/");
}
