// The CLI's `gen` as one call, for scripts, tests and the CLI itself: config value → files on disk (or
// what would change), one file rendered, compared and written at a time.
import { resolve } from "node:path";
import type { Issue } from "@homelab/schema";
import { reviewJsonPath } from "./emit/review-json.js";
import { asConfigError, emitPlan, InvalidConfigError, type EmittedPlan } from "./plan.js";
import type { ReviewModel } from "./review/model.js";
import { rekeyList, type Rekey } from "./review/rekey.js";
import type { FileChange, FileFate } from "./write/diff-tree.js";
import { syncFiles } from "./write/sync.js";
import { missingUserFileIssues, missingUserFiles } from "./write/user-files-on-disk.js";

export interface GenerateOptions {
  /** The config: what `loadConfig` returns, or an object written in code. */
  readonly config: unknown;
  /** Output directory, as messages name it. */
  readonly out: string;
  /** Directory a relative `out` is in (default: the process's current directory). */
  readonly cwd?: string;
  /** Config name printed in headers (default `homelab.config.ts`). */
  readonly source?: string;
  /** Write nothing; `upToDate` says whether the directory is current. */
  readonly check?: boolean;
  /** Write nothing; `changes` says what a real run would do. */
  readonly dryRun?: boolean;
  /**
   * Called with each file's change as it is decided, in path order, with the contents before and after
   * (for a diff): the result keeps only each file's fate, as the run forgets a file once it is written.
   */
  readonly onChange?: (change: FileChange) => void;
  /**
   * Awaited once the whole-config checks have passed (valid config, every user file present), before
   * anything in `out` is read or written: a caller generating several directories waits here until all
   * have passed, or evaluates the files first. An error it throws stops the run with nothing written.
   */
  readonly beforeSync?: (plan: EmittedPlan) => Promise<void> | void;
}

export interface GenerateResult {
  /** Every file's fate, sorted by path (the manifest included). */
  readonly changes: readonly FileFate[];
  readonly warnings: readonly Issue[];
  /** Nothing was (or, in check and dry-run mode, would be) written or removed. */
  readonly upToDate: boolean;
  /**
   * Encrypted files whose readers this run changes (the `.review.json` on disk against the new one):
   * each must be re-encrypted with agenix, which nixgen cannot do.
   */
  readonly rekeys: readonly Rekey[];
}

/**
 * Validates, plans and syncs `out`. Throws `InvalidConfigError` (with every issue, a missing user file
 * being one) before touching `out`.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { config, ...sync } = options;
  // Returned, not awaited: this frame ends here, so the raw config (as big again as the validated one)
  // is garbage while the files are written, unless the caller still holds it.
  return syncPlan(emitPlan(config, options.source === undefined ? {} : { source: options.source }), sync);
}

/** The rest of `generate`, once the config is validated: checks the user files and syncs `out`. */
async function syncPlan(planned: EmittedPlan, options: Omit<GenerateOptions, "config">): Promise<GenerateResult> {
  try {
    return await syncRendering(planned, options);
  } catch (error) {
    // A file renders as it is written (or as `beforeSync` evaluates it).
    throw asConfigError(error, planned.config);
  }
}

async function syncRendering(planned: EmittedPlan, options: Omit<GenerateOptions, "config">): Promise<GenerateResult> {
  const dir = resolve(options.cwd ?? ".", options.out);
  const missing = await missingUserFiles(dir, planned.userFiles);
  if (missing.length > 0) throw new InvalidConfigError(missingUserFileIssues(options.out, missing));
  await options.beforeSync?.(planned);
  let rekeys: Rekey[] = [];
  const changes = await syncFiles(dir, planned.files, {
    write: options.check !== true && options.dryRun !== true,
    onChange: (change) => {
      if (change.path === reviewJsonPath && change.kind === "update") {
        rekeys = rekeyList(JSON.parse(change.before) as ReviewModel, JSON.parse(change.after) as ReviewModel);
      }
      options.onChange?.(change);
    },
  });
  return { changes, warnings: planned.warnings, upToDate: changes.every((change) => change.kind === "unchanged"), rekeys };
}
