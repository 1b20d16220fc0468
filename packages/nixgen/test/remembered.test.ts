// Values derived from a parsed config are computed once per object (and name), never shared across objects.
import { expect, test } from "vitest";
import { rememberedPer, rememberedPerName } from "../src/emit/remembered.js";

test("rememberedPer computes once per key object, undefined results included", () => {
  const calls: object[] = [];
  const lookUp = rememberedPer((key: { readonly n: number }) => {
    calls.push(key);
    return key.n === 0 ? undefined : { double: key.n * 2 };
  });
  const a = { n: 1 };
  const zero = { n: 0 };
  expect(lookUp(a)).toBe(lookUp(a));
  expect(lookUp(zero)).toBeUndefined();
  expect(lookUp(zero)).toBeUndefined();
  expect(lookUp({ n: 1 })).toEqual({ double: 2 });
  expect(calls).toEqual([a, zero, { n: 1 }]);
});

test("rememberedPerName computes once per key object and name", () => {
  const calls: string[] = [];
  const lookUp = rememberedPerName((key: { readonly id: string }, name: string) => {
    calls.push(`${key.id}/${name}`);
    return [key.id, name];
  });
  const a = { id: "a" };
  const b = { id: "b" };
  expect(lookUp(a, "x")).toBe(lookUp(a, "x"));
  expect(lookUp(a, "y")).toEqual(["a", "y"]);
  expect(lookUp(b, "x")).toEqual(["b", "x"]);
  expect(calls).toEqual(["a/x", "a/y", "b/x"]);
});
