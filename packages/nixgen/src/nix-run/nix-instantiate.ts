// The one place nixgen runs Nix: `nix-instantiate --eval --strict --json`, on an expression piped to
// stdin (eval's batches) or on a file called with arguments (import's wrapper). A failure comes back
// as Nix's own message and the `file:line:column` positions it names; Nix that cannot be started or
// does not finish in time throws.
import { print, type NixExpr } from "@homelab/nix";

/** What one run of Nix gave: the value its JSON output decodes to, or Nix's error. */
export type NixResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: NixError };

export interface NixError {
  /** Nix's message: its `error:` line and the lines that continue it, as Nix printed them. */
  readonly message: string;
  /** Every `file:line:column` Nix names, innermost first (more of them with `--show-trace`). */
  readonly positions: readonly string[];
}

export interface NixCall {
  /** An expression (printed and piped to Nix), or the absolute path of a file Nix reads. */
  readonly expr: NixExpr | { readonly file: string };
  /** `--arg name expr` and `--argstr name value` pairs, passed to the function the file or expression is. */
  readonly args?: readonly string[];
  /** Where relative paths of an expression on stdin point. */
  readonly cwd?: string;
  readonly showTrace?: boolean;
  /** Milliseconds before the process is killed and `NixTimeoutError` thrown (default: 10 minutes). */
  readonly timeout?: number;
}

/** Nix could not be started (not installed, not on PATH). */
export class NixNotFoundError extends Error {
  override readonly name = "NixNotFoundError";
}

/** Nix ran longer than the call allowed: an evaluation that loops, or a machine far too slow. */
export class NixTimeoutError extends Error {
  override readonly name = "NixTimeoutError";
}

// Whole systems against a real nixpkgs take tens of seconds; ten minutes is a loop, not a slow file.
const defaultTimeout = 10 * 60 * 1000;

export async function nixEvalJson(call: NixCall): Promise<NixResult> {
  const args = [
    "--eval",
    "--strict",
    "--json",
    ...(call.showTrace === true ? ["--show-trace"] : []),
    "file" in call.expr ? call.expr.file : "-",
    ...(call.args ?? []),
  ];
  // Loaded here, not at the top: execa is ~140 modules that every command but `eval` and `import` would load for nothing.
  const { execa } = await import("execa");
  const input = "file" in call.expr ? undefined : print(call.expr);
  let result;
  try {
    result = await execa("nix-instantiate", args, {
      ...(input === undefined ? { stdin: "ignore" as const } : { input }),
      ...(call.cwd === undefined ? {} : { cwd: call.cwd }),
      timeout: call.timeout ?? defaultTimeout,
      // Nix 2.8 does not stop evaluating on SIGTERM; an evaluation holds nothing worth a clean exit.
      killSignal: "SIGKILL",
      // A large hosts.nix or a whole system's option snapshot is megabytes of JSON.
      maxBuffer: 256 * 1024 * 1024,
      reject: false,
    });
  } catch (error) {
    throw new NixNotFoundError(`cannot run nix-instantiate: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (result.timedOut) throw new NixTimeoutError(`nix-instantiate did not finish within ${Math.round((call.timeout ?? defaultTimeout) / 1000)} s`);
  if (result.failed && result.exitCode === undefined) {
    throw new NixNotFoundError(`cannot run nix-instantiate: ${result.shortMessage}`);
  }
  if (result.exitCode === 0) return { ok: true, value: JSON.parse(result.stdout) as unknown };
  return { ok: false, error: parseNixError(result.stderr) };
}

/**
 * ```text
 * error: syntax error, unexpected '}', expecting ';'
 *
 *        at /tmp/bad.nix:2:8:
 * ```
 * → `{ message: "syntax error, unexpected '}', expecting ';'", positions: ["/tmp/bad.nix:2:8"] }`
 */
export function parseNixError(stderr: string): NixError {
  // Nix colours its messages even into a pipe.
  const lines = stderr.replace(/\u001b\[[0-9;]*m/g, "").split("\n");
  const start = lines.findIndex((line) => line.startsWith("error:"));
  if (start === -1) return { message: stderr.trim() || "nix-instantiate failed without a message", positions: [] };
  const message: string[] = [(lines[start] as string).slice("error:".length).trim()];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "" || /^\s+at .+:\d+:\d+:$/.test(line) || line.startsWith("(use '--show-trace'")) break;
    message.push(line.trim());
  }
  const positions = lines.slice(start).flatMap((line) => /^\s+at (.+:\d+:\d+):$/.exec(line)?.[1] ?? []);
  return { message: message.join("\n"), positions };
}
