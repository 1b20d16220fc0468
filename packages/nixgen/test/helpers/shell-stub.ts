// Runs generated shell with its commands replaced by stubs that print their arguments, so a test can
// check exactly what a script would have passed to `pct`, `pvesh` or `rsync` without running them.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";

/**
 * Each stub logs `name <arg1> <arg2>` as one line (an argument holding a newline spans lines) to a file,
 * not stdout, so that a stub inside a pipe (`ssh … | docker load`) is logged too.
 */
export async function runStubbed(
  script: string,
  commands: readonly string[],
  args: readonly string[] = [],
  options: StubOptions = {},
): Promise<string> {
  const log = join(await mkdtemp(join(tmpdir(), "nixgen-stub-")), "calls");
  await writeFile(log, "");
  const failing = (options.failing ?? []).map((call) => `'${call}'`).join("|");
  const stubs = commands.map(
    (name) =>
      // One printf, so one write: both ends of a pipe log at once, and separate writes would interleave.
      `${name}() { local args; builtin printf -v args ' <%s>' "$@"; builtin printf '%s%s\\n' ${name} "$args" >>"$STUB_LOG";` +
      (failing === "" ? " }" : ` case "${name} $1" in ${failing}) return 1 ;; esac; }`),
  );
  await execa("bash", ["-c", `${stubs.join("\n")}\n${script}`, "script", ...args], { env: { STUB_LOG: log } });
  return readFile(log, "utf8");
}

export interface StubOptions {
  /** Calls, as `command subcommand` (`zfs list`), that log and then fail: a lookup that finds nothing. */
  readonly failing?: readonly string[];
}

/** What `runStubbed` prints for one call. */
export function stubCall(name: string, ...args: readonly (string | number)[]): string {
  return `${name}${args.map((arg) => ` <${arg}>`).join("")}\n`;
}

/** Resolves when `bash -n` accepts the script. */
export async function bashSyntax(script: string): Promise<void> {
  await execa("bash", ["-n"], { input: script });
}

/** The bodies of the ```bash fences of a Markdown document, in order. */
export function bashFences(markdown: string): string[] {
  return [...markdown.matchAll(/^(`{3,})bash\n([\s\S]*?)^\1$/gm)].map((match) => match[2] ?? "");
}
