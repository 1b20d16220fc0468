// The JSON scan that finds where a config's JSON is wrong must agree with JSON.parse on what is valid,
// and add only duplicate keys to what it refuses.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { jsonProblem, parsedJsonProblem } from "../src/config/json-syntax.js";

const sample = '{ "name": "x\\u0041\\n", "list": [1, -2.5e3, true, false, null, {}], "nested": { "a": [] } }';

describe("jsonProblem", () => {
  test("agrees with JSON.parse on the sample with each character deleted, and with each doubled", () => {
    for (let i = 0; i < sample.length; i++) {
      for (const text of [sample.slice(0, i) + sample.slice(i + 1), sample.slice(0, i + 1) + sample.slice(i)]) {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const problem = jsonProblem(text);
        // A doubled key character can only make another key; deleting one can merge two keys into a duplicate.
        if (problem?.message.startsWith("duplicate key") === true) continue;
        expect([text, problem === undefined]).toEqual([text, valid]);
      }
    }
  });

  test.each([
    ["a key repeated through an escape", '{"a": 1, "\\u0061": 2}', { offset: 9, message: 'duplicate key "a" (first at line 1)' }],
    ["the same key in two objects", '[{"a": 1}, {"a": 2}]', undefined],
    ["an invalid escape", '{"a": "\\x"}', { offset: 6, message: "an invalid escape in a string" }],
    ["a leading zero", "[01]", { offset: 2, message: 'expected "," or "]", found "1"' }],
    ["an empty file", "", { offset: 0, message: "expected a value, found the end of the file" }],
  ])("%s", (_, text, want) => {
    expect(jsonProblem(text)).toEqual(want);
  });
});

describe("parsedJsonProblem", () => {
  // JSON texts written out by hand so that objects may repeat keys (JSON.stringify cannot), with keys
  // that hold quotes, backslashes and colons, spelt with escapes or not, and whitespace around the colons.
  const key = fc.constantFrom('"a"', '"\\u0061"', '"b"', '"a:"', '"\\""', '"\\\\"', '"x\\\\\\"y"', '"__proto__"');
  const space = fc.constantFrom("", " ", "\n  ", "\t");
  const { json } = fc.letrec<{ json: string }>((tie) => ({
    json: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom("1", "true", "null", '"v:"', '":"', '"\\"\\\\"'),
      fc.array(tie("json"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
      fc
        .array(fc.tuple(key, space, space, tie("json")), { maxLength: 5 })
        .map((entries) => `{${entries.map(([k, before, after, v]) => `${k}${before}:${after}${v}`).join(",")}}`),
    ),
  }));

  test("agrees with the full scan on every text JSON.parse accepts", () => {
    fc.assert(
      fc.property(json, (text) => {
        expect(parsedJsonProblem(text, JSON.parse(text))).toEqual(jsonProblem(text));
      }),
      { numRuns: 3000 },
    );
  });

  test("finds nesting deeper than any config", () => {
    const text = `${"[".repeat(600)}${"]".repeat(600)}`;
    expect(parsedJsonProblem(text, JSON.parse(text))).toEqual({ offset: 513, message: "values nested deeper than 512 levels" });
  });
});
