// What the files generated from the imported config evaluate to, read the same way as the imported
// files (nix/import-evaluate.nix), so that the two can be compared value for value.
import { join } from "node:path";
import type { GeneratedFile } from "../emit/types.js";
import { withTempTree } from "../nix-run/temp-tree.js";
import { evaluateFile } from "./evaluate-file.js";
import { packageTree } from "./load-files.js";
import type { NixData } from "./nix-data.js";
import { scanSource } from "./nix-scan.js";

/** The values of `wanted` (generated paths such as `hosts.nix`), evaluated beside all of `files`. */
export async function generatedValues(
  files: readonly GeneratedFile[],
  wanted: readonly string[],
): Promise<Map<string, NixData>> {
  return withTempTree("import", files, async (root) => {
    const values = new Map<string, NixData>();
    for (const path of wanted) {
      const file = files.find((candidate) => candidate.path === path);
      if (file === undefined) continue;
      const absolute = join(root, path);
      const packages = await packageTree(absolute, scanSource(file.content));
      // Generated files read each other (a profile its base); any other import stays a reference, as on import.
      const known = files.map((generated) => join(root, generated.path));
      values.set(path, (await evaluateFile({ file: absolute, display: `generated ${path}` }, { packages, known })).value);
    }
    return values;
  });
}
