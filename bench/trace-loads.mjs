// `node --import ./trace-loads.mjs …` with TRACE_LOADS=<file>: every module the process loads goes into
// the file, one URL a line. ES modules are caught by a resolve hook; CommonJS files that those modules
// require never reach the hook, so the require cache is added when the process exits.
import { appendFileSync, writeFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

const out = process.env["TRACE_LOADS"];
if (out === undefined) throw new Error("trace-loads.mjs needs TRACE_LOADS=<file>");
writeFileSync(out, "");
register(new URL("./load-hooks.mjs", import.meta.url), { data: { out } });

const require = createRequire(import.meta.url);
process.on("exit", () => {
  appendFileSync(out, Object.keys(require.cache).map((file) => `${pathToFileURL(file).href}\n`).join(""));
});
