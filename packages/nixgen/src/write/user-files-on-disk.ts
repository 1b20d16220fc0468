// The user files of an output directory on disk: which are missing (gen refuses to write without
// them), and writing starters for them (`nixgen scaffold`), never over a file that exists.
import { access, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { issue } from "@homelab/schema/internal";
import type { Issue } from "@homelab/schema";
import { createCommand, type UserFile } from "../emit/user-files.js";

export async function missingUserFiles(out: string, files: readonly UserFile[]): Promise<UserFile[]> {
  const present = await Promise.all(files.map((file) => exists(join(out, file.path))));
  return files.filter((_, index) => !present[index]);
}

/** `✖ generated/frame1/machines/frame1/hardware.nix is missing: … → at machines.frame1.hardware` */
export function missingUserFileIssues(out: string, missing: readonly UserFile[]): Issue[] {
  return missing.map((file) => {
    const command = createCommand(out, file);
    const how = command === undefined ? file.howToCreate : `${file.howToCreate}: \`${command}\``;
    return issue("missing-user-file", file.at, `${join(out, file.path)} is missing: ${file.why}; ${how}`);
  });
}

export type ScaffoldResult =
  | { readonly kind: "written"; readonly file: UserFile }
  | { readonly kind: "exists"; readonly file: UserFile }
  | { readonly kind: "command"; readonly file: UserFile }
  | { readonly kind: "outside"; readonly file: UserFile };

/**
 * Writes the starter of every missing user file. A file that exists is left as it is; an `.age` file
 * has no starter (it is ciphertext), so its agenix command is returned; a path outside `out` is not written.
 */
export async function scaffoldUserFiles(out: string, files: readonly UserFile[]): Promise<ScaffoldResult[]> {
  const missing = new Set(await missingUserFiles(out, files));
  const results: ScaffoldResult[] = [];
  for (const file of files) {
    if (!missing.has(file)) {
      results.push({ kind: "exists", file });
    } else if (file.starter === undefined) {
      results.push({ kind: "command", file });
    } else if (file.path.startsWith("../")) {
      results.push({ kind: "outside", file });
    } else {
      await mkdir(dirname(join(out, file.path)), { recursive: true });
      // `wx`: fail rather than replace a file that appeared since the check.
      await writeFile(join(out, file.path), file.starter, { flag: "wx" });
      results.push({ kind: "written", file });
    }
  }
  return results;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
