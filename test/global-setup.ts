// Build every package once before the tests: the CLI tests run the bundled CLI (the `bin`), the file
// users run. Type errors are reported but do not stop the run (`tsc -b` still emits, and
// `pnpm test` type-checks on its own); a missing entry point does.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  try {
    execFileSync(process.execPath, [tsc, "-b"], { cwd: root, stdio: "pipe" });
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    console.warn(`tsc -b reported errors; tests run against what it emitted:\n${output}`);
  }
  if (!existsSync(`${root}/packages/nixgen/dist/cli.js`)) throw new Error("tsc -b did not produce packages/nixgen/dist/cli.js");
  // The rest of `pnpm build`: the precompiled templates render.ts imports, and the bundled CLI (the `bin`).
  for (const script of ["scripts/precompile-templates.mjs", "scripts/bundle-cli.mjs"]) {
    execFileSync(process.execPath, [script], { cwd: root, stdio: "pipe" });
  }
}
