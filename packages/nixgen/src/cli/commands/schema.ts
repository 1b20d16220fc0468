// `nixgen schema`: the JSON Schema of the config file, for editors (`# yaml-language-server: $schema=…`).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { homelabJsonSchema } from "@homelab/schema";
import { writeFileAtomic } from "../../write/atomic-write.js";
import { defineCommand } from "../command.js";

export const schema = defineCommand({
  name: "schema",
  summary: "Write the JSON Schema of the config (YAML and JSON configs use it for completion)",
  flags: {
    out: { type: "string", short: "o", value: "FILE", description: "Write it to FILE (default: standard output)" },
  },
  async run(flags, io) {
    const text = `${JSON.stringify(homelabJsonSchema(), null, 2)}\n`;
    if (flags.out === undefined) {
      io.out.write(text);
      return 0;
    }
    const file = resolve(io.cwd, flags.out);
    const unchanged = (await readFile(file, "utf8").catch(() => undefined)) === text;
    if (!unchanged) writeFileAtomic(file, text);
    io.out.write(`${flags.out}: ${unchanged ? "unchanged" : "written"}\n`);
    return 0;
  },
});
