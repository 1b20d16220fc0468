// The JSON scan that finds where a config's JSON is wrong must agree with JSON.parse on what is valid,
// and add only duplicate keys to what it refuses.
import { describe, expect, test } from "vitest";
import { jsonProblem } from "../src/config/json-syntax.js";

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
