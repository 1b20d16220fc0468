// config → files: validate, run every emitter, and return one sorted list. Pure: no I/O here.
import { formatIssues, validateConfig, type HomelabConfig, type Issue } from "@homelab/schema";
import { issue } from "@homelab/schema/internal";
import { emittedFiles, renderFile } from "./emit/index.js";
import type { EmittedFile, GeneratedFile } from "./emit/types.js";
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

/**
 * A plan whose files are not rendered yet: what `generate` streams, one file at a time. A file's
 * `render` may throw a value error: `asConfigError` turns it into the issue at the config's field.
 */
export interface EmittedPlan extends Omit<Plan, "files"> {
  readonly files: readonly EmittedFile[];
  /** The validated config the files render. */
  readonly config: HomelabConfig;
}

export class InvalidConfigError extends Error {
  override readonly name = "InvalidConfigError";
  constructor(readonly issues: readonly Issue[]) {
    super(formatIssues(issues));
  }
}

/** Validates `input` and returns every file it generates, sorted by path. */
export function plan(input: unknown, options: PlanOptions = {}): Plan {
  const { files, config, ...rest } = emitPlan(input, options);
  try {
    return { files: files.map(renderFile), ...rest };
  } catch (error) {
    throw asConfigError(error, config);
  }
}

/**
 * Validates `input` and lists every file it generates, sorted by path, each rendered only when asked:
 * everything that can refuse the config as a whole (validation, a user file clashing with a generated
 * one, two emitters claiming one path) has run when this returns.
 */
export function emitPlan(input: unknown, options: PlanOptions = {}): EmittedPlan {
  const validation = validateConfig(input);
  if (!validation.ok) throw new InvalidConfigError(validation.issues);
  const source = options.source ?? "homelab.config.ts";
  const files = emittedFiles({ config: validation.config, source });
  const needed = userFiles(validation.config, source);
  const generated = new Set(files.map((file) => file.path));
  const clash = needed.find((file) => generated.has(file.path));
  if (clash !== undefined) {
    throw new InvalidConfigError([issue("user-file-generated", clash.at, `${clash.path} is a file nixgen generates: name your file differently`)]);
  }
  return { files, userFiles: needed, warnings: validation.issues, config: validation.config };
}

/**
 * `error`, thrown while `config`'s files rendered, as a run reports it: a value no output format can
 * hold becomes an `InvalidConfigError` at its config field; anything else is a bug, rethrown as it is.
 * Caught once around a run rather than per file: a wrapper per file was ~3 MB held at 10,000 machines.
 */
export function asConfigError(error: unknown, config: HomelabConfig): unknown {
  const found = unrepresentableIssue(error, config);
  return found === undefined ? error : new InvalidConfigError([found]);
}

/** The files of an already validated config. */
export function planValid(config: HomelabConfig, options: PlanOptions = {}): GeneratedFile[] {
  return emittedFiles({ config, source: options.source ?? "homelab.config.ts" }).map(renderFile);
}
