// The command table: `eval` and `import` join as one entry each. Every command module is loaded at
// start-up to print the usage, so a heavy dependency (ts-morph, prettier) is imported inside `run`.
import type { Command } from "../command.js";
import { check } from "./check.js";
import { diffCommand } from "./diff.js";
import { evalCommand } from "./eval.js";
import { gen } from "./gen.js";
import { importCommand } from "./import.js";
import { scaffold } from "./scaffold.js";
import { schema } from "./schema.js";
import { validate } from "./validate.js";

export const commands: readonly Command[] = [gen, check, scaffold, validate, schema, evalCommand, importCommand, diffCommand];
