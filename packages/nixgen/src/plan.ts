// config → files: validate, run every emitter, and return one sorted list. Pure: no I/O here.
import { formatIssues, validateConfig, type HomelabConfig, type Issue } from "@homelab/schema";
import { issue } from "@homelab/schema/internal";
import { emitters } from "./emit/index.js";
import type { GeneratedFile } from "./emit/types.js";
import { userFiles, type UserFile } from "./emit/user-files.js";
import { unrepresentableIssue } from "./unrepresentable.js";

export interface PlanOptions {
  /** Config file name printed in every header. */
  readonly source?: string;
}

export interface Plan {
  readonly files: readonly GeneratedFile[];
  /** Files the output needs that the user writes (hardware configurations, `.age` secrets, …). */
  readonly userFiles: readonly UserFile[];
  /** Warnings from the semantic checks (errors throw `InvalidConfigError`). */
  readonly warnings: readonly Issue[];
}

export class InvalidConfigError extends Error {
  override readonly name = "InvalidConfigError";
  constructor(readonly issues: readonly Issue[]) {
    super(formatIssues(issues));
  }
}

/** Validates `input` and returns every file it generates, sorted by path. */
export function plan(input: unknown, options: PlanOptions = {}): Plan {
  const validation = validateConfig(input);
  if (!validation.ok) throw new InvalidConfigError(validation.issues);
  const source = options.source ?? "homelab.config.ts";
  const files = planOrIssues(validation.config, options);
  const needed = userFiles(validation.config, source);
  const generated = new Set(files.map((file) => file.path));
  const clash = needed.find((file) => generated.has(file.path));
  if (clash !== undefined) {
    throw new InvalidConfigError([issue("user-file-generated", clash.at, `${clash.path} is a file nixgen generates: name your file differently`)]);
  }
  return { files, userFiles: needed, warnings: validation.issues };
}

/** planValid, with a value no output format can hold reported as an issue at its config field. */
function planOrIssues(config: HomelabConfig, options: PlanOptions): GeneratedFile[] {
  try {
    return planValid(config, options);
  } catch (error) {
    const found = unrepresentableIssue(error, config);
    if (found === undefined) throw error;
    throw new InvalidConfigError([found]);
  }
}

/** The files of an already validated config. */
export function planValid(config: HomelabConfig, options: PlanOptions = {}): GeneratedFile[] {
  const ctx = { config, source: options.source ?? "homelab.config.ts" };
  const files = emitters.flatMap((emit) => emit(ctx));
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`two emitters produced ${file.path}`);
    seen.add(file.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
