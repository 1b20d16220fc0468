// The files a value reads with `import ./file.nix` (directly, through a selection or inside a string),
// as written: what must exist beside the printed file for it to evaluate.
import { isNixExpr } from "./ast.js";

/** `{ domain = (import ../secrets/domains.nix).domain; }` → `../secrets/domains.nix`. */
export function importedFiles(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value !== "object" || value === null) return found;
  if (Array.isArray(value)) {
    for (const item of value) importedFiles(item, found);
    return found;
  }
  if (!isNixExpr(value)) {
    for (const item of Object.values(value)) importedFiles(item, found);
    return found;
  }
  switch (value.kind) {
    case "apply":
      if (value.fn.kind === "ident" && value.fn.name === "import" && value.arg.kind === "path") found.add(value.arg.value);
      return found;
    case "select":
      return importedFiles(value.target, found);
    case "string":
      return importedFiles(value.parts, found);
    case "data":
      return importedFiles(value.value, found);
    default:
      return found;
  }
}
