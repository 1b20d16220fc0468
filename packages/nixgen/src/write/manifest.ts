// `.nixgen-manifest.json` in the output directory: the sorted paths nixgen generated there. Only files
// listed in it are ever removed, so a file someone else put in the directory is never touched.
import { isSafeRelativePath } from "./safe-path.js";

export const manifestPath = ".nixgen-manifest.json";

/** Manifest text for `paths` (sorted here, so equal sets give byte-identical files). */
export function manifestText(paths: readonly string[]): string {
  const files = [...new Set(paths)].sort();
  return `${JSON.stringify({ generator: "nixgen", files }, null, 2)}\n`;
}

export class ManifestError extends Error {
  override readonly name = "ManifestError";
}

/** The paths a previous run generated; an absent manifest means none. */
export function parseManifest(text: string | undefined, where: string): string[] {
  if (text === undefined) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ManifestError(`${where} is not valid JSON; delete it and run again (files it listed will be kept)`);
  }
  const files = typeof data === "object" && data !== null && "files" in data ? data.files : undefined;
  if (!Array.isArray(files) || !files.every((f): f is string => typeof f === "string" && isSafeRelativePath(f))) {
    throw new ManifestError(`${where} must hold { "files": [relative paths inside the directory] }`);
  }
  return files;
}
