// `.nixgen-manifest.json` in the output directory: the paths nixgen generated there, each with its
// kind. Only files listed in it are ever removed, so a file someone else put in the directory is never
// touched; the kinds tell a later reader (`nixgen eval`) what each file is without guessing from its path.
import { generatedKinds, type GeneratedKind } from "../emit/types.js";
import { isSafeRelativePath } from "./safe-path.js";

export const manifestPath = ".nixgen-manifest.json";

export interface ManifestEntry {
  readonly path: string;
  /** undefined for a file listed by an older nixgen, whose manifest held paths only. */
  readonly kind: GeneratedKind | undefined;
}

/**
 * Manifest text for `entries`, sorted by path here so that equal sets give byte-identical files: one
 * `"path": "kind"` line per file (`null` for a kind an older manifest did not record). The first entry of a
 * path wins.
 */
export function manifestText(entries: readonly ManifestEntry[]): string {
  const kinds = new Map<string, GeneratedKind | null>();
  for (const { path, kind } of entries) if (!kinds.has(path)) kinds.set(path, kind ?? null);
  const files = Object.fromEntries([...kinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ generator: "nixgen", files }, null, 2)}\n`;
}

export class ManifestError extends Error {
  override readonly name = "ManifestError";
}

export interface Manifest {
  readonly entries: readonly ManifestEntry[];
  /** Written by an older nixgen (`"files": [paths]`, kinds unknown). */
  readonly older: boolean;
}

const knownKinds: ReadonlySet<unknown> = new Set(generatedKinds);

/** The files a previous run generated, with their kinds; an absent manifest means none. */
export function readManifest(text: string | undefined, where: string): Manifest {
  if (text === undefined) return { entries: [], older: false };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ManifestError(`${where} is not valid JSON; delete it and run again (files it listed will be kept)`);
  }
  const files = typeof data === "object" && data !== null && "files" in data ? data.files : undefined;
  const older = Array.isArray(files);
  const entries: [unknown, unknown][] | undefined = Array.isArray(files)
    ? files.map((path: unknown) => [path, null])
    : typeof files === "object" && files !== null
      ? Object.entries(files)
      : undefined;
  const valid = entries?.every(([path, kind]) => typeof path === "string" && isSafeRelativePath(path) && (kind === null || knownKinds.has(kind)));
  if (entries === undefined || valid !== true) {
    throw new ManifestError(`${where} must hold { "files": { relative path inside the directory: its kind } }`);
  }
  return { entries: entries.map(([path, kind]) => ({ path: path as string, kind: kind === null ? undefined : (kind as GeneratedKind) })), older };
}
