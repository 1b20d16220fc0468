// `gen` names the encrypted files whose readers the run changes: the .review.json on disk (what was
// generated last) against the planned one. Printed before writing, so it shows in dry runs too.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { GeneratedFile } from "../emit/types.js";
import { reviewJsonPath } from "../emit/review-json.js";
import type { ReviewModel } from "../review/model.js";
import { rekeyList } from "../review/rekey.js";
import { rekeySection } from "../review/summary.js";

/** The re-encryption list for one output directory, or "" when nothing needs it (or nothing was generated before). */
export async function rekeyNotice(out: string, dir: string, files: readonly GeneratedFile[]): Promise<string> {
  const planned = files.find((file) => file.path === reviewJsonPath);
  let onDisk: string;
  try {
    onDisk = await readFile(join(dir, reviewJsonPath), "utf8");
  } catch {
    return "";
  }
  if (planned === undefined || planned.content === onDisk) return "";
  return rekeySection(out, rekeyList(JSON.parse(onDisk) as ReviewModel, JSON.parse(planned.content) as ReviewModel));
}
