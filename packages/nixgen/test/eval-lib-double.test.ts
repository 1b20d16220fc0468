// The lib test double against what nixpkgs' lib does: the module-system behaviour generated files
// rely on, and the evaluated examples. The real lib runs when NIXGEN_NIXPKGS=/path/to/nixpkgs (or
// <nixpkgs> on NIX_PATH) is set, e.g. `NIXGEN_NIXPKGS=~/src/nixpkgs npx vitest run packages/nixgen/test/eval-lib-double.test.ts`.
import { fileURLToPath } from "node:url";
import { attrs, bind, call, id, inherit, letIn, path } from "@homelab/nix";
import { describe, expect, test } from "vitest";
import { evalGenerated } from "../src/eval/eval-generated.js";
import { importLib, libLabel, resolveLib, type LibSource } from "../src/nix-run/lib-source.js";
import { nixEvalJson } from "../src/nix-run/nix-instantiate.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const cases = fileURLToPath(new URL("fixtures/lib-cases.nix", import.meta.url));
const real = resolveLib("auto");
const realFound = real.kind === "real";

async function runCases(source: LibSource): Promise<unknown> {
  const expr = letIn([bind("lib", importLib(source))], call(id("import"), path(cases), attrs([inherit(["lib"])])));
  const result = await nixEvalJson({ expr });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const expected = {
  descriptions: [
    "16 bit unsigned integer; between 0 and 65535 (both inclusive)",
    "null or string",
    "list of 16 bit unsigned integer; between 0 and 65535 (both inclusive)",
    "list of (attribute set)",
    "attribute set of string",
    "attribute set of (submodule)",
    "string or signed integer",
    'one of "a", "b"',
    'strings concatenated with "\\n"',
    "absolute path",
    "package",
    "non-empty (list of string)",
    "string matching the pattern [a-z]+",
    "null or string or signed integer",
    "anything",
  ],
  enableOption: { _type: "option", default: false, description: "Whether to enable the thing.", example: true },
  portChecks: [false, false, true, true, true],
  listsConcatenate: [2, 3, 1],
  listElementsMkIf: [1, 3],
  linesJoin: "b\n\na",
  equalStrings: "x",
  conflictingStrings: true,
  attrsMerge: { x: 1, y: 2 },
  nullAndNotNull: true,
  overrides: ["plain", "forced"],
  merged: [1, 2],
  submoduleName: { alice: { n: "alice" } },
  freeformConfig: { known: 2, extra: "x" },
  undeclared: true,
  wrongType: true,
  mkIfNotBool: true,
  optionShape: { isDefined: true, highestPrio: 1000, declarations: ["a.nix"], files: ["b.nix"], description: "P.", default: 1, value: 2 },
  undefinedOption: false,
  helpers: [[1], "y", "a,b", { a: 2 }],
};

describe("lib double (nix/lib-double.nix)", () => {
  test("behaves as the module system generated files rely on", async () => {
    expect(await runCases({ kind: "double" })).toEqual(expected);
  });
});

describe.runIf(realFound)(`real ${libLabel(real)}`, () => {
  test("behaves as the double's expectations say", async () => {
    expect(await runCases(real)).toEqual(expected);
  });

  test("evaluates every example to the same JSON as the double", async () => {
    const [double, nixpkgs] = await Promise.all([
      evalGenerated("generated", { cwd: repo, lib: "double" }),
      evalGenerated("generated", { cwd: repo, lib: "real" }),
    ]);
    expect(nixpkgs.lib).toEqual(real);
    expect(nixpkgs.failures).toEqual([]);
    expect(nixpkgs.values).toEqual(double.values);
  });
});

test.skipIf(realFound)("the real lib is not here: set NIXGEN_NIXPKGS=/path/to/nixpkgs to compare the double with it", () => {
  expect(real).toEqual({ kind: "double" });
});
