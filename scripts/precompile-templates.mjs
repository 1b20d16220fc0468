// Build step after `tsc -b`: checks and precompiles packages/nixgen/templates/ into
// packages/nixgen/dist/text/templates.precompiled.cjs, so `nixgen` runs load only the Handlebars runtime.
import { writeFileSync } from "node:fs";
import { precompiledFile, precompileTemplates } from "../packages/nixgen/dist/text/render.js";

writeFileSync(precompiledFile, precompileTemplates());
