// Runs the real Nix on printed text. Tests only: the package itself never spawns processes.
// Values come back "tagged" so that nothing is lost on the way through JSON: ints as decimal
// strings (int64 exceeds JS numbers), floats as exact sign/mantissa/exponent (Nix 2.8 prints
// JSON floats with 6 digits), sets as name/value lists (`outPath` or `__toString` would otherwise
// change how Nix prints a set).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { float, type FloatNode } from "@homelab/nix";

/** What a Nix value decodes to: ints are bigints and floats are `float()` nodes, so they stay apart. */
export type Decoded = null | boolean | string | bigint | FloatNode | readonly Decoded[] | { readonly [key: string]: Decoded };

const TAG = `
  let
    frexp = x: e:
      if x >= 18446744073709551616.0 then frexp (x / 18446744073709551616.0) (e + 64)
      else if x >= 2.0 then frexp (x / 2.0) (e + 1)
      else if x < 5.421010862427522e-20 then frexp (x * 18446744073709551616.0) (e - 64)
      else if x < 1.0 then frexp (x * 2.0) (e - 1)
      else [ (builtins.floor (x * 4503599627370496.0)) e ];
    tag = v:
      if builtins.isInt v then { i = toString v; }
      else if builtins.isFloat v then {
        f = if v == 0.0 then [ 1 0 0 ] else if v < 0.0 then [ (-1) ] ++ frexp (-v) 0 else [ 1 ] ++ frexp v 0;
      }
      else if builtins.isList v then map tag v
      else if builtins.isAttrs v then { a = map (n: [ n (tag v.\${n}) ]) (builtins.attrNames v); }
      else v;
  in
  map tag`;

/** Throws unless `nix-instantiate` runs: CI installs Nix, so a missing one is a setup error, not a skip. */
export function requireNix(): void {
  const result = spawnSync("nix-instantiate", ["--version"], { encoding: "utf8" });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(`nix-instantiate is required for these tests but could not run: ${result.error?.message ?? result.stderr}`);
  }
}

/** Evaluates many printed expressions in one Nix process; values come back in order. */
export function evalNixJson(exprs: readonly string[]): Decoded[] {
  const source = `${TAG} [\n${exprs.map((e) => `(${e})\n`).join("")}]\n`;
  const out = runNix(["--eval", "--strict", "--json"], source);
  return (JSON.parse(out) as unknown[]).map(decode);
}

/** Throws with Nix's message unless `text` parses. Free variables are allowed (`with { };`). */
export function parseNix(text: string): void {
  runNix(["--parse"], `with { };\n${text}\n`);
}

/** `nix-instantiate --eval` (not strict, not JSON) of `text`, for values JSON cannot hold, like paths. */
export function evalNixText(text: string): string {
  return runNix(["--eval"], text).trim();
}

function runNix(args: readonly string[], source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "nixgen-nix-"));
  try {
    const file = join(dir, "test.nix");
    writeFileSync(file, source);
    const result = spawnSync("nix-instantiate", [...args, file], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      timeout: 120_000,
    });
    if (result.error !== undefined) throw result.error;
    if (result.status !== 0) throw new Error(`nix-instantiate ${args.join(" ")} failed:\n${result.stderr}`);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function decode(value: unknown): Decoded {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(decode);
  const tagged = value as { i?: string; f?: [number, number, number]; a?: [string, unknown][] };
  if (tagged.i !== undefined) return BigInt(tagged.i);
  if (tagged.f !== undefined) {
    const [sign, mantissa, exponent] = tagged.f;
    // Exact: mantissa / 2^52 is in [1, 2) and scaling by a power of two loses nothing.
    return float(mantissa === 0 ? 0 : sign * (mantissa / 2 ** 52) * 2 ** exponent);
  }
  if (tagged.a !== undefined) return Object.fromEntries(tagged.a.map(([name, item]) => [name, decode(item)]));
  throw new Error(`unexpected JSON from Nix: ${JSON.stringify(value)}`);
}
