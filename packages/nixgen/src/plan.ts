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

/** A plan whose files are not rendered yet: what `generate` streams, one file at a time. */
export interface EmittedPlan extends Omit<Plan, "files"> {
  readonly files: readonly EmittedFile[];
}

export class InvalidConfigError extends Error {
  override readonly name = "InvalidConfigError";
  constructor(readonly issues: readonly Issue[]) {
    super(formatIssues(issues));
  }
}

/** Validates `input` and returns every file it generates, sorted by path. */
export function plan(input: unknown, options: PlanOptions = {}): Plan {
  const { files, ...rest } = emitPlan(input, options);
  return { files: files.map(renderFile), ...rest };
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
  const files = emittedFiles({ config: validation.config, source }).map((file) => reportingValueErrors(file, validation.config));
  const needed = userFiles(validation.config, source);
  const generated = new Set(files.map((file) => file.path));
  const clash = needed.find((file) => generated.has(file.path));
  if (clash !== undefined) {
    throw new InvalidConfigError([issue("user-file-generated", clash.at, `${clash.path} is a file nixgen generates: name your file differently`)]);
  }
  return { files, userFiles: needed, warnings: validation.issues };
}

/** `file`, rendering with a value no output format can hold reported as an issue at its config field. */
function reportingValueErrors(file: EmittedFile, config: HomelabConfig): EmittedFile {
  return {
    ...file,
    render: () => {
      try {
        return file.render();
      } catch (error) {
        const found = unrepresentableIssue(error, config);
        if (found === undefined) throw error;
        throw new InvalidConfigError([found]);
      }
    },
  };
}

/** The files of an already validated config. */
export function planValid(config: HomelabConfig, options: PlanOptions = {}): GeneratedFile[] {
  return emittedFiles({ config, source: options.source ?? "homelab.config.ts" }).map(renderFile);
}
