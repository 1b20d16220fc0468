// The NixOS option stand-ins: every distinct type phrase of the option table, built as the stand-in
// `nixgen eval` declares, must give the same verdict on an accepted and a rejected value in
// nix/lib-double.nix, in nixpkgs' real lib (when ../shared/nixpkgs-lib or NIXGEN_NIXPKGS is at hand),
// and in @homelab/schema's TypeScript checker that `validate` uses.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bind, call, id, letIn, list, path, print, raw, type NixExpr, type NixValue } from "@homelab/nix";
import { fitsNixosType, nixosOptionRows, parseNixosType, type NixosType } from "@homelab/schema";
import { matchesWhole } from "../../schema/src/nixos/type-check.js";
import { describe, expect, test } from "vitest";
import { nixDir } from "../src/nix-run/nix-dir.js";
import { resolveLib } from "../src/nix-run/lib-source.js";
import { nixEvalJson } from "../src/nix-run/nix-instantiate.js";
import { formatBindings, nixosStandIns, standInType } from "../src/eval/nixos-stand-ins.js";

describe("nixosStandIns", () => {
  test("places submodule options in their submodules and gives freeform types to settings with options", () => {
    const expr = nixosStandIns([
      ["users.users", "attribute set of (submodule)"],
      ["users.users.<name>.description", "string, not containing newlines or colons"],
      ["nix.settings", "attribute set of (string)"],
      ["nix.settings.sandbox", "boolean"],
      ["time.timeZone", "null or string without spaces"],
    ]);
    const text = print(expr);
    expect(text.slice(text.indexOf("\nin\n"))).toMatchInlineSnapshot(`
      "
      in
      {
        nix = {
          settings = standIn "nix.settings" (lib.types.submodule {
            freeformType = lib.types.attrsOf lib.types.str;
            options = {
              sandbox = standIn "nix.settings.sandbox" lib.types.bool;
            };
          });
        };
        time = {
          timeZone = standIn "time.timeZone" (lib.types.nullOr (lib.types.strMatching "[^ ]*" // {
            description = "string without spaces";
          }));
        };
        users = {
          users = standIn "users.users" (lib.types.attrsOf (lib.types.submodule {
            options = {
              description = standIn "users.users.<name>.description" (lib.types.passwdEntry lib.types.str);
            };
          }));
        };
      }"
    `);
  });
});

// Values the checks tell apart; each one a type rejects is a rejected sample of that type.
const candidates: unknown[] = [true, "x", -1, 1.5, 70000, null, [], ["x"], { a: 1 }, "a:b", "a b", "a\nb", "ab/"];
const storeish = ["x", "ab", "a.service", "1", "/x", "00:00", "2024-01-01", "tcp://x", "https://x", "abc", "A", "#123456"];

/** A value `type` accepts, or undefined where a plain value cannot be one (a package, a function). */
function accepted(type: NixosType): unknown {
  switch (type.kind) {
    case "named":
      return namedSample[type.name];
    case "listOf":
    case "nonEmptyListOf":
    case "pairOf": {
      const item = accepted(type.of);
      return item === undefined ? undefined : type.kind === "pairOf" ? [item, item] : [item];
    }
    case "attrsOf":
    case "lazyAttrsOf": {
      const item = accepted(type.of);
      return item === undefined ? undefined : { a: item };
    }
    case "nullOr":
      return accepted(type.of) ?? null;
    case "either":
      return accepted(type.left) ?? accepted(type.right);
    case "coercedTo":
      return accepted(type.to);
    case "enum":
      return type.values[0];
    case "strMatching":
      return storeish.find((text) => matchesWhole(type.pattern, text) === true);
    case "separatedString":
      return "x";
    case "intsBetween":
    case "numbersBetween":
      return type.lowest;
    case "passwdEntry":
    case "addCheck":
      return accepted(type.of) === undefined ? undefined : typeof accepted(type.of) === "string" ? "ab" : accepted(type.of);
    case "submodule":
      return {};
    case "format":
      return { a: [1, "x", type.format === "TOML value" ? 2 : null] };
    case "described":
      return accepted(type.of);
    case "custom":
      return accepted(type.standIn);
    default:
      return undefined;
  }
}

const namedSample: Record<string, unknown> = {
  bool: true,
  boolByOr: true,
  str: "x",
  nonEmptyStr: "x",
  singleLineStr: "x\n",
  int: -3,
  float: 1.5,
  number: 2,
  port: 8080,
  "ints.unsigned": 0,
  "ints.positive": 1,
  "ints.u8": 255,
  "ints.u32": 70000,
  "ints.s8": -128,
  "ints.s16": -300,
  "ints.s32": -70000,
  "numbers.nonnegative": 0.5,
  "numbers.positive": 0.5,
  path: "/x",
  pathInStore: "/nix/store/00000000000000000000000000000000-x",
  attrs: { a: 1 },
  anything: { a: [1] },
  unspecified: 1,
  raw: "x",
  deferredModule: {},
};

interface Sample {
  readonly phrase: string;
  readonly value: unknown;
  readonly fits: boolean;
}

const phrases = [...new Set(nixosOptionRows().map(([, type]) => type))].sort();
const samples: Sample[] = phrases.flatMap((phrase) => {
  const type = parseNixosType(phrase);
  const good = accepted(type);
  const bad = candidates.filter((value) => !fitsNixosType(value, type));
  return [
    ...(good === undefined ? [] : [{ phrase, value: good, fits: fitsNixosType(good, type) }]),
    ...bad.map((value) => ({ phrase, value, fits: false })),
  ];
});

/** `[ <verdict of each sample> ]`: does `config.x` evaluate, deeply, with the stand-in type? */
function verdicts(lib: NixExpr): NixExpr {
  const verdict = (sample: Sample) => call(id("verdict"), standInType(sample.phrase), sample.value as NixValue);
  return letIn(
    [
      bind("lib", call(id("import"), lib)),
      ...formatBindings(),
      bind(
        "verdict",
        raw("type: value: (builtins.tryEval (builtins.deepSeq (lib.evalModules { modules = [ { options.x = lib.mkOption { inherit type; }; config.x = value; } ]; }).config.x true)).success"),
      ),
    ],
    list(samples.map(verdict)),
  );
}

const sharedLib = ["../../../../shared/nixpkgs-lib", "../../../shared/nixpkgs-lib"]
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((dir) => existsSync(`${dir}/lib/default.nix`));
const configured = resolveLib("auto");
const realLib = configured.kind === "real" ? configured.nixpkgs : sharedLib;

async function run(lib: NixExpr): Promise<boolean[]> {
  const result = await nixEvalJson({ expr: verdicts(lib) });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as boolean[];
}

describe("every type phrase of the option table, as a stand-in", () => {
  test("has samples for nearly every phrase, accepted and rejected", () => {
    expect(samples.filter((s) => s.fits).length).toBeGreaterThan(phrases.length * 0.9);
    expect(samples.filter((s) => !s.fits).length).toBeGreaterThan(phrases.length * 0.9);
  });

  test("gives TypeScript's verdicts in lib-double.nix", { timeout: 120_000 }, async () => {
    const got = await run(path(`${nixDir}lib-double.nix`));
    const differ = samples.filter((sample, i) => got[i] !== sample.fits).map((s) => `${s.phrase}: ${JSON.stringify(s.value)} fits=${s.fits}`);
    expect(differ).toEqual([]);
  });

  test.runIf(realLib !== undefined)(`gives the same verdicts in the real lib (${realLib ?? "absent"})`, { timeout: 300_000 }, async () => {
    const [double, real] = await Promise.all([run(path(`${nixDir}lib-double.nix`)), run(path(`${realLib}/lib`))]);
    const differ = samples.flatMap((s, i) => (double[i] === real[i] ? [] : [`${s.phrase}: ${JSON.stringify(s.value)} double=${double[i]}`]));
    expect(differ).toEqual([]);
  });

  test.skipIf(realLib !== undefined)("the real lib is not here (no ../shared/nixpkgs-lib, no NIXGEN_NIXPKGS): compared with the double only", () => {
    expect(realLib).toBeUndefined();
  });
});
