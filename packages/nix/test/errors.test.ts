// Values with no Nix equivalent, and malformed trees: each error says what and where.
import { describe, expect, test } from "vitest";
import {
  attrs,
  bind,
  data,
  fn,
  float,
  id,
  int,
  item,
  lambda,
  NixValueError,
  op,
  path,
  print,
  printFile,
  select,
  str,
  toNix,
  type BindingNode,
  type StringNode,
  type ValuePath,
} from "@homelab/nix";
import { node } from "../src/ast.js";

interface Case {
  readonly given: () => unknown;
  readonly message: string;
  readonly path?: ValuePath;
}

const cases: Record<string, [string, Case][]> = {
  "data toNix refuses": [
    ["NaN", { given: () => toNix({ a: { b: [1, 2, Number.NaN] } }), path: ["a", "b", 2], message: "NaN has no Nix equivalent (floats must be finite) → at a.b[2]" }],
    ["Infinity", { given: () => toNix([Infinity]), path: [0], message: "Infinity has no Nix equivalent (floats must be finite) → at [0]" }],
    ["-Infinity", { given: () => toNix({ x: -Infinity }), path: ["x"], message: "-Infinity has no Nix equivalent (floats must be finite) → at x" }],
    ["NUL in a string", { given: () => toNix({ s: "a\0b" }), path: ["s"], message: "string contains a NUL character, which Nix cannot represent → at s" }],
    [
      "NUL in an attribute name",
      { given: () => toNix({ ok: { "a\0": 1 } }), path: ["ok", "a\0"], message: 'attribute name contains a NUL character, which Nix cannot represent → at ok["a\\u0000"]' },
    ],
    [
      "lone surrogate",
      { given: () => toNix(["\uD800"]), path: [0], message: "string contains an unpaired UTF-16 surrogate, which has no UTF-8 encoding → at [0]" },
    ],
    ["int above int64", { given: () => toNix({ n: 2n ** 63n }), path: ["n"], message: "integer 9223372036854775808 is outside Nix's signed 64-bit range → at n" }],
    ["int below int64", { given: () => toNix({ n: -(2n ** 63n) - 1n }), path: ["n"], message: "integer -9223372036854775809 is outside Nix's signed 64-bit range → at n" }],
    [
      "unsafe JS integer",
      { given: () => toNix({ big: 2 ** 53 }), path: ["big"], message: "integer 9007199254740992 is not exact in JavaScript; pass it as a bigint → at big" },
    ],
    ["Date", { given: () => toNix({ when: new Date(0) }), path: ["when"], message: "a Date object has no Nix equivalent → at when" }],
    ["Map", { given: () => toNix({ m: new Map() }), path: ["m"], message: "a Map object has no Nix equivalent → at m" }],
    ["function", { given: () => toNix({ f: () => 1 }), path: ["f"], message: "a value of type function has no Nix equivalent → at f" }],
    ["symbol", { given: () => toNix([Symbol("s")]), path: [0], message: "a value of type symbol has no Nix equivalent → at [0]" }],
    ["undefined in a list", { given: () => toNix([1, undefined]), path: [1], message: "a value of type undefined has no Nix equivalent → at [1]" }],
    ["quoted path segment", { given: () => toNix({ "a.b": [{ "c d": NaN }] }), path: ["a.b", 0, "c d"], message: 'NaN has no Nix equivalent (floats must be finite) → at ["a.b"][0]["c d"]' }],
    ["top level", { given: () => toNix(NaN), path: [], message: "NaN has no Nix equivalent (floats must be finite)" }],
    ["item() outside a list", { given: () => toNix({ a: item(1, { comment: "c" }) }), path: ["a"], message: "item() can only be an element of a list → at a" }],
    [
      "a binding outside a set",
      { given: () => toNix([bind("a", 1)]), path: [0], message: "a binding can only appear inside an attribute set or let → at [0]" },
    ],
  ],
  "builders refuse": [
    ["int with a fraction", { given: () => int(1.5), message: "int(1.5): not an integer (use float for fractions)" }],
    ["float NaN", { given: () => float(Number.NaN), message: "NaN has no Nix equivalent (floats must be finite)" }],
    ["NUL in str", { given: () => str("ok", "a\0"), path: [1], message: "string contains a NUL character, which Nix cannot represent → at [1]" }],
    ["NaN inside attrs", { given: () => attrs({ port: NaN }), path: ["port"], message: "NaN has no Nix equivalent (floats must be finite) → at port" }],
  ],
  "the printer refuses": [
    ["invalid identifier", { given: () => print(id("a b")), message: '"a b" is not a valid Nix identifier (variable)' }],
    ["keyword as identifier", { given: () => print(id("let")), message: '"let" is not a valid Nix identifier (variable)' }],
    ["empty identifier", { given: () => print(id("")), message: '"" is not a valid Nix identifier (variable)' }],
    ["invalid lambda parameter", { given: () => print(lambda("1x", 1)), message: '"1x" is not a valid Nix identifier (lambda parameter)' }],
    ["invalid formal", { given: () => print(fn(["ok", "not ok"], 1)), message: '"not ok" is not a valid Nix identifier (formal argument)' }],
    ["duplicate formal", { given: () => print(fn(["a", "a"], 1)), message: 'duplicate formal argument "a"' }],
    ["formal named like the @ name", { given: () => print(fn(["args"], 1, { at: "args" })), message: 'duplicate formal argument "args"' }],
    ["empty path", { given: () => print(path("")), message: "a path cannot be empty" }],
    ["empty search path", { given: () => print(path("<>")), message: "a search path `<…>` needs a name" }],
    [
      "? with an expression on the right",
      { given: () => print(op("?", id("x"), 1)), message: "the right side of `?` must name an attribute: an identifier, a string or a select like `a.b`" },
    ],
    [
      "binding without a name",
      { given: () => print(attrs([node<BindingNode>({ kind: "binding", path: [], value: id("x") })])), message: "a binding needs at least one attribute name" },
    ],
    ["NUL in a hand-built string", { given: () => print(node<StringNode>({ kind: "string", parts: ["a\0"], style: "auto" })), message: "a string contains a NUL character, which Nix cannot represent" }],
    ["NUL in a comment", { given: () => print(attrs([bind("a", 1, { comment: "x\0" })])), message: "a comment contains a NUL character, which Nix cannot represent" }],
    ["NUL in a select name", { given: () => print(select(id("x"), ["a\0"])), message: "a string contains a NUL character, which Nix cannot represent" }],
    [
      "NaN in data, checked as it is printed",
      { given: () => print(attrs({ x: data({ a: [Number.NaN] }, ["x"]) })), path: ["x", "a", 0], message: "NaN has no Nix equivalent (floats must be finite) → at x.a[0]" },
    ],
    [
      "quoted attribute name in data",
      { given: () => print(data({ "a b": { "c\uD800": 1 } })), path: ["a b", "c\uD800"], message: 'attribute name contains an unpaired UTF-16 surrogate, which has no UTF-8 encoding → at ["a b"]["c\\ud800"]' },
    ],
    ["zero width", { given: () => print(id("x"), { width: 0 }), message: "print width must be positive, got 0" }],
    ["header with NUL", { given: () => printFile(id("x"), { header: ["a\0"] }), message: "a comment contains a NUL character, which Nix cannot represent" }],
  ],
};

function thrown(given: () => unknown): unknown {
  try {
    given();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

for (const [section, table] of Object.entries(cases)) {
  describe(section, () => {
    test.each(table)("%s", (_, { given, message, path }) => {
      const error = thrown(given);
      expect((error as Error).message).toBe(message);
      if (path !== undefined) {
        expect(error).toBeInstanceOf(NixValueError);
        expect((error as NixValueError).path).toEqual(path);
      }
    });
  });
}
