// Build step after `tsc -b`: checks and compiles packages/nixgen/templates/ into the ES module
// packages/nixgen/dist/text/templates.precompiled.js that dist/text/render.js imports, so a run reads
// no template file and loads no template engine.
import { writeFileSync } from "node:fs";
import { precompileTemplates } from "../packages/nixgen/dist/text/compile-templates.js";

writeFileSync(new URL("../packages/nixgen/dist/text/templates.precompiled.js", import.meta.url), precompileTemplates());
