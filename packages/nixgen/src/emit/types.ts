// The contract every emitter follows: a pure function from the validated config to the files it owns.
import type { HomelabConfig } from "@homelab/schema";

/** One output file; `path` is relative to the output directory, with `/` separators. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

export interface EmitContext {
  readonly config: HomelabConfig;
  /** The config file the output comes from, as printed in headers: relative to where nixgen ran, never absolute. */
  readonly source: string;
}

export type Emitter = (ctx: EmitContext) => GeneratedFile[];
