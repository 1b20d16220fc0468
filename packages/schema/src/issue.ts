// Errors and warnings are data; one formatter prints them (`✖ message → at path`).
import { formatValuePath, type ValuePath } from "@homelab/nix";

export type Severity = "error" | "warning";

/** Every issue code (the README's tables list them). */
export type IssueCode = string;

export interface Issue {
  /** Stable identifier of the rule, e.g. `lxc-docker-features`. */
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly path: ValuePath;
  readonly message: string;
}

export function issue(code: IssueCode, path: ValuePath, message: string, severity: Severity = "error"): Issue {
  return { code, severity, path, message };
}

/** One line per issue: `✖ message → at machines.nas.port` (`⚠` for warnings). */
export function formatIssue(found: Issue): string {
  const mark = found.severity === "error" ? "✖" : "⚠";
  return found.path.length > 0 ? `${mark} ${found.message} → at ${formatValuePath(found.path)}` : `${mark} ${found.message}`;
}

export function formatIssues(found: readonly Issue[]): string {
  return found.map(formatIssue).join("\n");
}

export function hasErrors(found: readonly Issue[]): boolean {
  return found.some((f) => f.severity === "error");
}
