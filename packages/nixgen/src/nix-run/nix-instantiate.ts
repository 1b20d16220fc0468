// Runs one `nix-instantiate --eval --strict --json` on an expression read from stdin, and turns a
// failure into Nix's own first error line and the position it names.
import { print, type NixExpr } from "@homelab/nix";

export type NixResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: NixError };

export interface NixError {
  /** Nix's message: its `error:` line and the lines that continue it, as Nix printed them. */
  readonly message: string;
  /** Every `file:line:column` Nix names, innermost first (more of them with `--show-trace`). */
  readonly positions: readonly string[];
}

export class NixNotFoundError extends Error {
  override readonly name = "NixNotFoundError";
}

export async function nixEvalJson(expr: NixExpr, options: { readonly showTrace?: boolean } = {}): Promise<NixResult> {
  const args = ["--eval", "--strict", "--json", ...(options.showTrace === true ? ["--show-trace"] : []), "-"];
  // Loaded here, not at the top: execa is ~140 modules that every command but `eval` would load for nothing.
  const { execa } = await import("execa");
  let result;
  try {
    result = await execa("nix-instantiate", args, { input: print(expr), reject: false });
  } catch (error) {
    throw new NixNotFoundError(`cannot run nix-instantiate: ${error instanceof Error ? error.message : String(error)}`);
  }
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
