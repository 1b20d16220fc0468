// A command is data: its flags, its help text and a function that runs it and returns the exit code.
// `defineCommand` is an identity function that exists for its types (as in citty).
import type { Stream } from "../stream.js";

/** 0 success; 1 invalid config, stale output or failed evaluation; 2 usage error. */
export type ExitCode = 0 | 1 | 2;

export type FlagSpec =
  | { readonly type: "boolean"; readonly short?: string; readonly description: string }
  | {
      readonly type: "string";
      readonly short?: string;
      readonly description: string;
      /** Placeholder shown in the usage, e.g. `FILE`. */
      readonly value: string;
    };

export type Flags = Readonly<Record<string, FlagSpec>>;

export type FlagValues<F extends Flags> = {
  readonly [K in keyof F]?: F[K]["type"] extends "string" ? string : boolean;
};

export interface Io {
  /** Directory that relative paths and config discovery start from. */
  readonly cwd: string;
  readonly out: Stream;
  readonly err: Stream;
}

export interface Command<F extends Flags = Flags> {
  readonly name: string;
  /** One line, shown in the command list. */
  readonly summary: string;
  readonly flags: F;
  /** Positional arguments, e.g. `FILE`; commands without it refuse positionals. */
  readonly args?: string;
  /** Paragraphs printed after the flags in `--help`. */
  readonly details?: string;
  // Method syntax on purpose: parameters stay bivariant, so commands with their own flags fit one table.
  run(flags: FlagValues<F>, io: Io, args: readonly string[]): Promise<ExitCode>;
}

export function defineCommand<F extends Flags>(command: Command<F>): Command<F> {
  return command;
}
