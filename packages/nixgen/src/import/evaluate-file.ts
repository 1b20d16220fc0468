// What one Nix file the user gave to `nixgen import` evaluates to: the file run through the wrapper
// nix/import-evaluate.nix (by the one Nix runner, nix-run/nix-instantiate.ts) and decoded into
// NixData. Nix errors come back as ImportError naming the file as the user wrote it, never the absolute path.
import { dirname, join } from "node:path";
import { attrs, inherit, print } from "@homelab/nix";
import { nixDir } from "../nix-run/nix-dir.js";
import { NixNotFoundError, NixTimeoutError, nixEvalJson, type NixError } from "../nix-run/nix-instantiate.js";
import { fileError } from "./issues.js";
import { decode, isAttrs, type NixAttrs, type NixData } from "./nix-data.js";
import type { SourceScan } from "./nix-scan.js";

const WRAPPER = join(nixDir, "import-evaluate.nix");

/** Attribute paths a package function may select from `pkgs`, as a tree: { python3Packages = { requests = { }; }; }. */
export interface PackageTree {
  readonly [name: string]: PackageTree;
}

export interface FileToEvaluate {
  /** Absolute path. */
  readonly file: string;
  /** As the user named it, for messages. */
  readonly display: string;
}

/** A file's value, decoded. */
export interface FileValue {
  readonly value: NixData;
  /** For a profile that imports `base`: per section, the keys the file sets itself and whether each reads the base. */
  readonly own?: Readonly<Record<string, readonly { readonly key: string; readonly usesBase: boolean }[]>>;
}

export async function evaluateFile(
  target: FileToEvaluate,
  options: { readonly base?: string; readonly packages?: PackageTree; readonly known?: readonly string[] } = {},
): Promise<FileValue> {
  const args = ["--argstr", "file", target.file, "--argstr", "known", JSON.stringify(options.known ?? [])];
  if (options.base !== undefined) args.push("--argstr", "base", options.base);
  if (options.packages !== undefined) args.push("--argstr", "packages", JSON.stringify(options.packages));
  const result = await runWrapper(target, args);
  const own = result["own"];
  return {
    value: decode(result["value"], dirname(target.file)),
    ...(own === null || own === undefined ? {} : { own: own as FileValue["own"] & object }),
  };
}

/**
 * The values of the file's top-level `let` bindings, by name: the file's own `let … in` followed by
 * `{ inherit <names>; }`, evaluated where the file is so that relative paths mean the same.
 * Undefined when the file has no such `let` or it does not evaluate on its own.
 */
export async function evaluateLets(
  target: FileToEvaluate,
  source: string,
  scan: SourceScan | undefined,
): Promise<NixAttrs | undefined> {
  if (scan?.lets === undefined || scan.lets.names.length === 0) return undefined;
  const expression = `${source.slice(0, scan.lets.bodyStart)}\n${print(attrs([inherit(scan.lets.names)]))}`;
  try {
    const lets = decode((await runWrapper(target, ["--arg", "lets", expression]))["lets"], dirname(target.file));
    return isAttrs(lets) ? lets : undefined;
  } catch {
    return undefined;
  }
}

async function runWrapper(target: FileToEvaluate, args: readonly string[]): Promise<Record<string, unknown>> {
  let result;
  try {
    // In the file's directory: relative paths of a `--arg` expression (the `lets`) mean what they mean in the file.
    result = await nixEvalJson({ expr: { file: WRAPPER }, args, cwd: dirname(target.file) });
  } catch (error) {
    if (error instanceof NixNotFoundError) throw fileError(target.display, "no-nix", `${error.message} (import evaluates the file with Nix)`);
    if (error instanceof NixTimeoutError) throw fileError(target.display, "eval", `does not evaluate: ${error.message}`);
    throw error;
  }
  if (!result.ok) throw fileError(target.display, "eval", `does not evaluate: ${nixMessage(result.error, target)}`);
  return result.value as Record<string, unknown>;
}

/**
 * Nix's message on one line: its first line, and where in the user's file it points (`at hosts.nix:3:7`),
 * the file named as the user named it.
 */
function nixMessage(error: NixError, target: FileToEvaluate): string {
  const named = (text: string) => text.replaceAll(target.file, target.display);
  const first = named(error.message.split("\n")[0] || "Nix failed");
  const location = error.positions[0];
  return location === undefined || location.includes(WRAPPER) ? first : `${first} (at ${named(location)})`;
}
