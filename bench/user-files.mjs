// The files a synthetic homelab's output needs that the user would write (bare metal's hardware.nix,
// the .age secrets): put in place before a timed `gen`, which refuses to write while one is missing.
// Starters where nixgen has one; an age header stands in for ciphertext nothing here decrypts.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { plan } from "../packages/nixgen/dist/plan.js";

/** Writes them into `out`; returns their paths (relative to `out`). */
export function provideUserFiles(config, out) {
  const { userFiles } = plan(JSON.parse(readFileSync(config, "utf8")), { source: "homelab.json" });
  for (const file of userFiles) {
    mkdirSync(dirname(join(out, file.path)), { recursive: true });
    writeFileSync(join(out, file.path), file.starter ?? "age-encryption.org/v1\n");
  }
  return userFiles.map((file) => file.path);
}
