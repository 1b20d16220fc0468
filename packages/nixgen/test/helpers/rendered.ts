// An emitter's files rendered, as a run writes them: what the emitter tests compare.
import { renderFile } from "../../src/emit/index.js";
import type { EmittedFile, GeneratedFile } from "../../src/emit/types.js";

export function rendered(files: Iterable<EmittedFile>): GeneratedFile[] {
  return [...files].map(renderFile);
}
