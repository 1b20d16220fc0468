// Help text, generated from the command table so it cannot drift from the flags parseArgs accepts.
import type { Command, FlagSpec } from "./command.js";

const program = "nixgen";

export function commandListUsage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${program} <command> [flags]`,
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    `Run \`${program} <command> --help\` for the flags of a command.`,
    "",
  ].join("\n");
}

export function commandUsage(command: Command): string {
  const rows: [string, string][] = [
    ...Object.entries(command.flags).map(([name, spec]): [string, string] => [flagLabel(name, spec), spec.description]),
    ["-h, --help", "Show this help"],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const args = command.args === undefined ? "" : ` ${command.args}`;
  return [
    `Usage: ${program} ${command.name} [flags]${args}`,
    "",
    command.summary,
    "",
    "Flags:",
    ...rows.map(([label, description]) => `  ${label.padEnd(width)}  ${description}`),
    ...(command.details === undefined ? [] : ["", command.details]),
    "",
  ].join("\n");
}

function flagLabel(name: string, spec: FlagSpec): string {
  const short = spec.short === undefined ? "    " : `-${spec.short}, `;
  return `${short}--${name}${spec.type === "string" ? ` ${spec.value}` : ""}`;
}
