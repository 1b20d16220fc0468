// Write to a temporary file, flush it, then rename over the target: rename within one file system is
// atomic, so an interrupted run leaves either the old file or the new one, never half. The temporary
// file lives in `tempDir` (the output directory's root, where the next run looks for strays; see temp-file.ts),
// which must be on the file's file system and exist once the file's directory does (an ancestor of it).
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { newTempName } from "./temp-file.js";

export async function writeFileAtomic(file: string, content: string, tempDir: string = dirname(file)): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = join(tempDir, newTempName());
  const mode = await modeOf(file);
  try {
    const handle = await open(temporary, "wx");
    try {
      await handle.writeFile(content, "utf8");
      // Keep the mode of the file being replaced (an executable script stays executable).
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function modeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mode & 0o7777;
  } catch {
    return undefined;
  }
}
