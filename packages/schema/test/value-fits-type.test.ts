import { float, path, ref } from "@homelab/nix";
import { describe, expect, test } from "vitest";
import { describeType, showValue, typeMismatch, valueFitsType } from "../src/value-fits-type.js";
import type { OptionType } from "../src/index.js";

const fits: [type: OptionType, value: unknown][] = [
  ["port", 0],
  ["port", 65535],
  ["port", 8080n],
  ["bool", false],
  ["str", ""],
  ["lines", "a\nb"],
  ["int", -3],
  ["int", 2n ** 60n],
  ["float", 1.5],
  ["float", float(1)],
  ["path", "/var/lib"],
  ["path", path("./x")],
  ["package", ref("pkgs.nginx")],
  ["attrs", { a: 1 }],
  ["anything", [null]],
  [{ enum: ["a", 1] }, 1],
  [{ nullOr: "port" }, null],
  [{ listOf: { nullOr: "str" } }, ["a", null]],
  [{ attrsOf: "int" }, { a: 1 }],
  [
    {
      submodule: { a: { type: "int", description: "A." }, g: { options: { b: { type: "bool", description: "B." } } } },
    },
    { a: 1, g: { b: true } },
  ],
  ["bool", ref("config.x.enable")],
];

const misfits: [type: OptionType, value: unknown, want: string][] = [
  ["port", 65536, "[] 65536 does not fit type port (an integer 0–65535)"],
  ["port", -1, "[] -1 does not fit type port (an integer 0–65535)"],
  ["port", 80.5, "[] 80.5 does not fit type port (an integer 0–65535)"],
  ["bool", "true", '[] "true" does not fit type bool (true or false)'],
  ["int", 1.5, "[] 1.5 does not fit type int (an integer)"],
  [
    "path",
    "relative",
    '[] "relative" does not fit type path (an absolute path: a string starting with / or path(…) from @homelab/nix)',
  ],
  ["package", "nginx", '[] "nginx" does not fit type package (a package: an expression such as ref("pkgs.nginx"))'],
  ["attrs", [], "[] [] does not fit type attrs (an attribute set)"],
  [{ enum: ["a", "b"] }, "c", '[] "c" does not fit type enum [ "a" "b" ]'],
  [{ listOf: "port" }, [80, "x"], '[1] "x" does not fit type port (an integer 0–65535)'],
  [{ listOf: "str" }, "a", '[] "a" does not fit type listOf str (a list)'],
  [{ attrsOf: { listOf: "int" } }, { a: [1, "2"] }, '["a",1] "2" does not fit type int (an integer)'],
  [{ submodule: { a: { type: "int", description: "A." } } }, { b: 1 }, '["b"] "b" is not an option of the submodule'],
  ["int", "x".repeat(50), `[] "${"x".repeat(38)}… does not fit type int (an integer)`],
];

describe("valueFitsType", () => {
  test.each(fits)("%j accepts %s", (type, value) => {
    expect(valueFitsType(value, type)).toBe(true);
  });

  test.each(misfits)("%j refuses %s", (type, value, want) => {
    const found = typeMismatch(value, type);
    expect(found === undefined ? "fits" : `${JSON.stringify(found.path)} ${found.reason}`).toBe(want);
  });

  test.each(misfits)("%j refuses %s in valueFitsType too", (type, value) => {
    expect(valueFitsType(value, type)).toBe(false);
  });
});

describe("describeType", () => {
  test.each([
    ["port", "port"],
    [{ nullOr: "str" }, "nullOr str"],
    [{ listOf: { nullOr: "port" } }, "listOf (nullOr port)"],
    [{ attrsOf: { enum: ["a", 2] } }, 'attrsOf (enum [ "a" 2 ])'],
    [{ submodule: {} }, "submodule"],
  ] as [OptionType, string][])("%j → %s", (type, want) => {
    expect(describeType(type)).toBe(want);
  });
});

describe("showValue", () => {
  test("a bigint inside a set is shown by its digits, not a serialisation error", () => {
    expect(showValue({ size: 10n })).toBe('{"size":"10"}');
  });

  test("a set that contains itself is named, not a serialisation error", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(showValue(cyclic)).toBe("[object Object]");
  });
});
