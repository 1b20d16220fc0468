// The one place `nixgen import` runs Nix: `nix-instantiate --eval --strict --json` through the
// wrapper nix/import-evaluate.nix, decoded into NixData. Nix errors come back as ImportError
// naming the file as the user wrote it, never the absolute path.
import { fileURLToPath } from "node:url";
import { dirname } from "node:path";
import { attrs, inherit, print } from "@homelab/nix";
import { execa } from "execa";
import { fileError } from "./issues.js";
import { decode, isAttrs, type NixAttrs, type NixData } from "./nix-data.js";
import type { SourceScan } from "./nix-scan.js";

// `../../nix/` from both `src/import/` and `dist/import/`.
const WRAPPER = fileURLToPath(new URL("../../nix/import-evaluate.nix", import.meta.url));

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

export interface Evaluation {
  readonly value: NixData;
  /** For a profile that imports `base`: per section, the keys the file sets itself and whether each reads the base. */
  readonly own?: Readonly<Record<string, readonly { readonly key: string; readonly usesBase: boolean }[]>>;
}

export async function evaluateFile(
  target: FileToEvaluate,
  options: { readonly base?: string; readonly packages?: PackageTree; readonly known?: readonly string[] } = {},
): Promise<Evaluation> {
  const args = ["--argstr", "file", target.file, "--argstr", "known", JSON.stringify(options.known ?? [])];
  if (options.base !== undefined) args.push("--argstr", "base", options.base);
  if (options.packages !== undefined) args.push("--argstr", "packages", JSON.stringify(options.packages));
  const result = await runWrapper(target, args);
  const own = result["own"];
  return {
    value: decode(result["value"], dirname(target.file)),
    ...(own === null || own === undefined ? {} : { own: own as Evaluation["own"] & object }),
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
  const result = await execa("nix-instantiate", ["--eval", "--strict", "--json", WRAPPER, ...args], {
    cwd: dirname(target.file),
    reject: false,
    stdin: "ignore",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.failed && result.exitCode === undefined) {
    throw fileError(
      target.display,
      "no-nix",
      `cannot run nix-instantiate (import evaluates the file with Nix): ${result.shortMessage}`,
    );
  }
  if (result.exitCode !== 0) {
    throw fileError(target.display, "eval", `does not evaluate: ${nixMessage(result.stderr, target)}`);
  }
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/**
 * Nix's message on one line: its first line, and where in the user's file it points (`at hosts.nix:3:7`),
 * the file named as the user named it.
 */
function nixMessage(stderr: string, target: FileToEvaluate): string {
  const text = stderr.replace(/\u001b\[[0-9;]*m/g, "").replaceAll(target.file, target.display);
  const first =
    text
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.replace(/^error: /, "")
      .trim() ?? "Nix failed";
  const location = /^\s*at (.+:\d+:\d+):$/m.exec(text)?.[1];
  return location === undefined || location.includes(WRAPPER) ? first : `${first} (at ${location})`;
}
