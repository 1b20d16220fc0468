// Write to a temporary file, then rename over the target: rename within one file system is atomic, so
// a reader, or a run killed half-way, sees either the old file or the new one, never half. The temporary
// file lives in `tempDir` (the output directory's root, where the next run looks for strays; see temp-file.ts),
// which must be on the file's file system and exist once the file's directory does (an ancestor of it).
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { newTempName } from "./temp-file.js";

export interface AtomicWriteOptions {
  /** Where the temporary file is made (default: the file's own directory). */
  readonly tempDir?: string;
  /**
   * Flush the contents to disk before the rename (the default). Without it the rename is just as atomic
   * for readers and against a killed process; only a power loss or kernel crash right after may leave
   * the file empty or old, so only files written again from their source by the next run may skip it.
   */
  readonly flush?: boolean;
  /** false when the caller knows `file` does not exist yet: there is no mode to keep. */
  readonly mayExist?: boolean;
  /** Makes the file's directory (default `mkdir -p`); a writer of many files passes one that remembers. */
  readonly makeDirectory?: (dir: string) => Promise<unknown>;
}

export async function writeFileAtomic(file: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  const { tempDir = dirname(file), flush = true, mayExist = true, makeDirectory = makeDirectoryTree } = options;
  await makeDirectory(dirname(file));
  const temporary = join(tempDir, newTempName());
  const mode = mayExist ? await modeOf(file) : undefined;
  try {
    const handle = await open(temporary, "wx");
    try {
      await handle.writeFile(content, "utf8");
      // Keep the mode of the file being replaced (an executable script stays executable).
      if (mode !== undefined) await handle.chmod(mode);
      if (flush) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function makeDirectoryTree(dir: string): Promise<unknown> {
  return mkdir(dir, { recursive: true });
}

async function modeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mode & 0o7777;
  } catch {
    return undefined;
  }
}
