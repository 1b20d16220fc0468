// Which nixpkgs `lib` evaluates the generated files: the test double shipped in nix/lib-double.nix,
// or a real nixpkgs when one is at hand (`NIXGEN_NIXPKGS=/path/to/nixpkgs`, or `nixpkgs` on NIX_PATH).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { call, id, path, type NixExpr } from "@homelab/nix";
import { nixDir } from "./nix-dir.js";

export type LibChoice = "auto" | "double" | "real";

export type LibSource =
  | { readonly kind: "double" }
  /** `nixpkgs` is a directory holding `lib/`, or `<nixpkgs>` to let Nix look it up on NIX_PATH. */
  | { readonly kind: "real"; readonly nixpkgs: string };

export class LibUnavailableError extends Error {
  override readonly name = "LibUnavailableError";
}

/** `auto` takes the real lib when one is found, the double otherwise. */
export function resolveLib(choice: LibChoice, env: NodeJS.ProcessEnv = process.env): LibSource {
  if (choice === "double") return { kind: "double" };
  const found = realNixpkgs(env);
  if (found !== undefined) return { kind: "real", nixpkgs: found };
  if (choice === "real") {
    throw new LibUnavailableError("--lib real: no nixpkgs found; set NIXGEN_NIXPKGS=/path/to/nixpkgs or put nixpkgs on NIX_PATH");
  }
  return { kind: "double" };
}

/** `import <the lib>`: the expression that evaluates to the chosen lib. */
export function importLib(source: LibSource): NixExpr {
  const dir = source.kind === "double" ? join(nixDir, "lib-double.nix") : source.nixpkgs === "<nixpkgs>" ? "<nixpkgs/lib>" : join(source.nixpkgs, "lib");
  return call(id("import"), path(dir));
}

/** How reports name the lib: `lib double` or `lib /path/to/nixpkgs/lib`. */
export function libLabel(source: LibSource): string {
  return source.kind === "double" ? "lib double (nix/lib-double.nix)" : `lib ${source.nixpkgs}/lib`;
}

function realNixpkgs(env: NodeJS.ProcessEnv): string | undefined {
  const explicit = env["NIXGEN_NIXPKGS"];
  if (explicit !== undefined && explicit !== "") {
    if (!existsSync(join(explicit, "lib", "default.nix"))) {
      throw new LibUnavailableError(`NIXGEN_NIXPKGS=${explicit}: no lib/default.nix there`);
    }
    return explicit;
  }
  // NIX_PATH entries are `name=path` or a directory whose children are looked up by name.
  for (const entry of (env["NIX_PATH"] ?? "").split(":").filter((e) => e !== "")) {
    const [prefix, dir] = entry.includes("=") ? entry.split("=", 2) : [undefined, entry];
    if (dir === undefined) continue;
    const candidate = prefix === "nixpkgs" ? dir : prefix === undefined ? join(dir, "nixpkgs") : undefined;
    if (candidate !== undefined && existsSync(join(candidate, "lib", "default.nix"))) return "<nixpkgs>";
  }
  return undefined;
}
