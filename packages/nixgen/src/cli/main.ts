// Parse, dispatch, and turn what was thrown into an exit code. Returns the code; the entry point exits.
import { ConfigLoadError } from "../config/load.js";
import { errorLine } from "../run-report.js";
import { ManifestError } from "../write/manifest.js";
import { parseCommandLine, UsageError } from "./args.js";
import type { Command, ExitCode, Io } from "./command.js";
import { commandListUsage, commandUsage } from "./usage.js";

export async function main(argv: readonly string[], commands: readonly Command[], io: Io): Promise<ExitCode> {
  let running: Command | undefined;
  try {
    const invocation = parseCommandLine(argv, commands);
    if (invocation.kind === "help") {
      io.out.write(invocation.command === undefined ? commandListUsage(commands) : commandUsage(invocation.command));
      return 0;
    }
    running = invocation.command;
    return await invocation.command.run(invocation.flags, io, invocation.args);
  } catch (error) {
    if (error instanceof UsageError) {
      const command = error.command ?? running;
      io.err.write(errorLine(io.err, error.message));
      io.err.write(`\n${command === undefined ? commandListUsage(commands) : commandUsage(command)}`);
      return 2;
    }
    // Commands report bad configs themselves (see with-config.ts); these can come from anywhere.
    if (error instanceof ConfigLoadError || error instanceof ManifestError) {
      io.err.write(errorLine(io.err, error.message));
      return 1;
    }
    // A bug or an I/O failure: say so with the stack, still exit 1 rather than crash without a code.
    io.err.write(errorLine(io.err, `nixgen failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    return 1;
  }
}
