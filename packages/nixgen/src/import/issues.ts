// What `nixgen import` reports: issues in the schema's shape (`{ code, severity, path, message }`),
// each under the file it is about. The path is an attribute path in that Nix file (`doc2.proxmox.vmid`).
import { issue, type ImportCode } from "@homelab/schema/internal";
import type { Issue, Severity } from "@homelab/schema";

export interface FileIssues {
  /** The imported file as the user named it. */
  readonly file: string;
  readonly issues: readonly Issue[];
}

/** Import refused: the file does not evaluate, is not a homelab file, or holds values the model refuses. */
export class ImportError extends Error {
  override readonly name = "ImportError";
  constructor(readonly found: readonly FileIssues[]) {
    super(found.flatMap(({ file, issues }) => issues.map((i) => `${file}: ${i.message}`)).join("\n"));
  }
}

/** Collects issues per file while a file is mapped; errors make `finish` throw. */
export class IssueLog {
  private readonly byFile = new Map<string, Issue[]>();

  add(
    file: string,
    code: ImportCode,
    path: readonly (string | number)[],
    message: string,
    severity: Severity = "warning",
  ): void {
    const list = this.byFile.get(file) ?? [];
    list.push(issue(`import/${code}`, path, message, severity));
    this.byFile.set(file, list);
  }

  error(file: string, code: ImportCode, path: readonly (string | number)[], message: string): void {
    this.add(file, code, path, message, "error");
  }

  /** Whether a "lost" warning of `file` covers `path` (the value is known to be missing, and said so). */
  isLost(file: string, path: readonly (string | number)[]): boolean {
    return (this.byFile.get(file) ?? []).some(
      (found) => found.code === "import/lost" && found.path.every((segment, i) => segment === path[i]),
    );
  }

  /** Throws ImportError when any file has an error; else returns the warnings. */
  finish(): FileIssues[] {
    const found = [...this.byFile].map(([file, issues]) => ({ file, issues }));
    if (found.some(({ issues }) => issues.some((i) => i.severity === "error"))) {
      throw new ImportError(
        found
          .map(({ file, issues }) => ({ file, issues: issues.filter((i) => i.severity === "error") }))
          .filter(({ issues }) => issues.length > 0),
      );
    }
    return found;
  }

  /** Throws now if `file` has errors: later steps need what this one produced. */
  stopOnErrors(): void {
    if ([...this.byFile.values()].some((issues) => issues.some((i) => i.severity === "error"))) this.finish();
  }
}

/** Thrown for a whole file: it does not evaluate, or it is not a homelab file. */
export function fileError(file: string, code: ImportCode, message: string): ImportError {
  return new ImportError([{ file, issues: [issue(`import/${code}`, [], message)] }]);
}
