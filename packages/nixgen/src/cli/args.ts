// argv → which command to run with which flags. `parseArgs` in strict mode refuses unknown flags and
// missing values; every refusal becomes a UsageError, which the entry point turns into exit code 2.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Command, Flags, FlagValues } from "./command.js";

export class UsageError extends Error {
  override readonly name = "UsageError";
  /** The command whose usage to print; undefined for the command list. */
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

export type Invocation =
  | { readonly kind: "help"; readonly command?: Command }
  | {
      readonly kind: "run";
      readonly command: Command;
      readonly flags: FlagValues<Flags>;
      readonly args: readonly string[];
    };

const helpFlag = { help: { type: "boolean", short: "h" } } as const;

export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): Invocation {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError("missing command");
  if (name === "--help" || name === "-h") return { kind: "help" };
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    throw new UsageError(name.startsWith("-") ? `expected a command before ${name}` : `unknown command "${name}"`);
  }
  const options: NonNullable<ParseArgsConfig["options"]> = { ...command.flags, ...helpFlag };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: command.args !== undefined });
  } catch (error) {
    throw new UsageError(firstSentence(error), command);
  }
  const { help, ...flags } = parsed.values;
  if (help === true) return { kind: "help", command };
  // parseArgs typed the values from `options`, which are exactly the command's flags.
  return { kind: "run", command, flags: flags as FlagValues<Flags>, args: parsed.positionals };
}

/** Node's messages go on with advice about `--`; the first sentence names the problem. */
function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\. (?=[A-Z])/)[0] ?? message;
}
