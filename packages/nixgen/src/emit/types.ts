// The contract every emitter follows: a pure function from the validated config to the files it owns.
import type { HomelabConfig } from "@homelab/schema";
import { fileKinds } from "./output-layout.js";

/** What any generated file is: a Nix kind (output-layout.ts), or the format of a file that is not Nix. */
export type GeneratedKind = (typeof generatedKinds)[number];

export const generatedKinds = [...fileKinds, "markdown", "json", "shell", "proxmox-conf"] as const;

/** One output file; `path` is relative to the output directory, with `/` separators. */
export interface GeneratedFile {
  readonly path: string;
  /** Set by the emitter that made it, and recorded in the output directory's manifest. */
  readonly kind: GeneratedKind;
  readonly content: string;
}

/**
 * A file as an emitter returns it: path and kind at once, content only when `render` is called. A run
 * knows every path (to sort them, find clashes and write the manifest) before it renders the first file,
 * then renders, writes and forgets one file at a time, so it never holds them all.
 */
export interface EmittedFile {
  readonly path: string;
  readonly kind: GeneratedKind;
  readonly render: () => string;
}

export interface EmitContext {
  readonly config: HomelabConfig;
  /** The config file the output comes from, as printed in headers: relative to where nixgen ran, never absolute. */
  readonly source: string;
}

export type Emitter = (ctx: EmitContext) => Iterable<EmittedFile>;
