// The CLI's `gen` as one call, for scripts and tests: config value → files on disk (or what would change).
import type { Issue } from "@homelab/schema";
import { InvalidConfigError, plan } from "./plan.js";
import type { FileChange } from "./write/diff-tree.js";
import { syncOutput } from "./write/sync.js";
import { missingUserFileIssues, missingUserFiles } from "./write/user-files-on-disk.js";

export interface GenerateOptions {
  /** The config: what `loadConfig` returns, or an object written in code. */
  readonly config: unknown;
  /** Output directory. */
  readonly out: string;
  /** Config name printed in headers (default `homelab.config.ts`). */
  readonly source?: string;
  /** Write nothing; `upToDate` says whether the directory is current. */
  readonly check?: boolean;
  /** Write nothing; `changes` says what a real run would do. */
  readonly dryRun?: boolean;
}

export interface GenerateResult {
  /** Every file's fate, sorted by path (the manifest included). */
  readonly changes: readonly FileChange[];
  readonly warnings: readonly Issue[];
  /** Nothing was (or, in check and dry-run mode, would be) written or removed. */
  readonly upToDate: boolean;
}

/**
 * Validates, plans and syncs `out`. Throws `InvalidConfigError` (with every issue, a missing user file
 * being one) before touching `out`.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { files, userFiles, warnings } = plan(options.config, options.source === undefined ? {} : { source: options.source });
  const missing = await missingUserFiles(options.out, userFiles);
  if (missing.length > 0) throw new InvalidConfigError(missingUserFileIssues(options.out, missing));
  const write = options.check !== true && options.dryRun !== true;
  const changes = await syncOutput(options.out, files, { write });
  return { changes, warnings, upToDate: changes.every((change) => change.kind === "unchanged") };
}
