// Output paths are relative, `/`-separated and stay inside the output directory: an emitter bug or an
// edited manifest must never make nixgen write or delete outside it.

export function isSafeRelativePath(path: string): boolean {
  if (path === "" || path.startsWith("/") || path.includes("\\") || path.includes("\0")) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

export function assertSafeRelativePath(path: string): void {
  if (!isSafeRelativePath(path)) throw new Error(`refusing output path "${path}": must be relative, inside the output directory`);
}
