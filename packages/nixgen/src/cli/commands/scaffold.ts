// `nixgen scaffold`: a commented starter for every user file the config needs that the output
// directory lacks. A file that exists is never overwritten; `.age` secrets get their agenix command.
import { join, resolve } from "node:path";
import { createCommand } from "../../emit/user-files.js";
import { plan, type Plan } from "../../plan.js";
import { errorLine, paint } from "../../run-report.js";
import { scaffoldUserFiles, type ScaffoldResult } from "../../write/user-files-on-disk.js";
import { defineCommand, type Io } from "../command.js";
import { configFlags, outFlag, resolveTargets } from "../targets.js";
import { withConfig } from "../with-config.js";

export const scaffold = defineCommand({
  name: "scaffold",
  summary: "Write a commented starter for each file the config needs that you write (never overwrites)",
  flags: { ...configFlags, ...outFlag },
  details: [
    "User files are those the generated Nix imports or reads but nixgen does not generate: a bare-metal",
    "machine's hardware configuration (replace it with `nixos-generate-config --show-hardware-config`),",
    "its disko layout, modules in a machine's imports, the profile system's configuration.nix, and the",
    "encrypted .age file of every secret. Encrypted files cannot be written as starters: the command",
    "that creates each one (`agenix -e`, run next to secrets/secrets.nix) is printed instead, and the",
    "run exits 1 while one is missing.",
  ].join("\n"),
  async run(flags, io) {
    let failed = 0;
    let pending = 0;
    for (const target of await resolveTargets(flags, io.cwd)) {
      const planned: Plan | undefined = await withConfig(target, io, (input) => plan(input, { source: target.config }));
      if (planned === undefined) {
        failed += 1;
        continue;
      }
      const results = await scaffoldUserFiles(resolve(io.cwd, target.out), planned.userFiles);
      for (const result of results) io.out.write(resultLine(io, target.out, result));
      pending += results.filter((result) => result.kind === "command" || result.kind === "outside").length;
    }
    if (failed > 0) io.err.write(errorLine(io.err, `${failed} invalid ${failed === 1 ? "config" : "configs"}`));
    if (pending > 0) io.err.write(errorLine(io.err, `${pending} user ${pending === 1 ? "file is" : "files are"} still missing: create them as shown`));
    return failed > 0 || pending > 0 ? 1 : 0;
  },
});

function resultLine(io: Io, out: string, result: ScaffoldResult): string {
  const file = join(out, result.file.path);
  switch (result.kind) {
    case "written":
      return `${paint(io.out, "green", "written")} ${file} (starter: ${result.file.why})\n`;
    case "exists":
      return `${paint(io.out, "bold", "kept   ")} ${file}\n`;
    case "command":
      return `${paint(io.out, "yellow", "missing")} ${file}: ${result.file.howToCreate}:\n  ${createCommand(out, result.file) ?? ""}\n`;
    case "outside":
      return `${paint(io.out, "yellow", "missing")} ${file}: outside the output directory, not written; ${result.file.howToCreate}\n`;
  }
}
