// Property: whatever data goes through `toNix`, Nix reads back exactly that data. Samples are
// evaluated in batches (one Nix process per few hundred values) to stay fast. `toNix` prints sets
// and lists straight from the data (`data()`); every sample is also printed as the nodes `fromJS`
// builds, and the two texts must be the same, so both paths are what Nix reads back.
//   NIXGEN_FUZZ_RUNS=20000  how many values (default 2000)
//   NIXGEN_FUZZ_SEED=123    another seed (default fixed, so CI is reproducible)
import { inspect, isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { beforeAll, expect, test } from "vitest";
import {
  assertThen,
  attrs,
  bind,
  bool,
  call,
  concat,
  data,
  float,
  fn,
  fromJS,
  id,
  ifThen,
  indented,
  int,
  lambda,
  letIn,
  neg,
  not,
  op,
  print,
  select,
  str,
  toNix,
  update,
  withScope,
  type NixExpr,
  type NixValue,
  type StringNode,
} from "@homelab/nix";
import { node } from "../src/ast.js";
import { evalNixJson, parseNix, requireNix, type Decoded } from "./nix-eval.js";

const RUNS = Number(process.env["NIXGEN_FUZZ_RUNS"] ?? 2000);
const SEED = Number(process.env["NIXGEN_FUZZ_SEED"] ?? 20240611);
const BATCH = 200;

/** A value to print, the data Nix must give back, and whether the input was plain data. */
interface Sample {
  readonly input: unknown;
  readonly expected: Decoded;
  /** Plain JSON-like data without floats: printing what Nix gave back must reproduce the text. */
  readonly plain: boolean;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// Pieces that stress every escape: interpolation starts, indented-string quotes and escapes,
// backslashes, line endings, indentation made of spaces and tabs, and non-ASCII text.
const TRICKY = [
  "${", "$", "$$", "$${", "{", "}", "'", "''", "'''", "''''", "''$", "''\\", "''${", "\\", "\\$", '"', "\\n",
  "\r", "\n", "\r\n", "\t", " ", "  ", "\n  ", "\n\t", "\n \t ", "#", "/*", "a", "é", "😀", "\u2028", "\x7f", "\x01",
];
const trickyText = fc.array(fc.constantFrom(...TRICKY), { maxLength: 12 }).map((parts) => parts.join(""));
const unicodeText = fc.string({ unit: "binary", maxLength: 20 }).map((s) => s.replace(/\0/g, "\u2400"));
const multiline = fc
  .array(fc.tuple(fc.constantFrom("", " ", "  ", "    ", "\t", " \t"), fc.oneof(trickyText, fc.string())), {
    minLength: 1,
    maxLength: 5,
  })
  .chain((lines) =>
    fc.constantFrom("", "\n", " ", "\n  ").map((end) => lines.map(([indent, text]) => indent + text).join("\n") + end),
  );
const text = fc.oneof(fc.string(), unicodeText, trickyText, multiline);

const KEYWORDS = ["if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or", "true", "null"];
const key = fc.oneof(
  fc.constantFrom(...KEYWORDS, "", "a.b", "${x}", "1abc", "a b", "__proto__", "outPath", "__toString", "x'", "-a", "é"),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_'-]{0,8}$/),
  text,
);

const scalar: fc.Arbitrary<Sample> = fc.oneof(
  fc.constant<Sample>({ input: null, expected: null, plain: true }),
  fc.boolean().map((b): Sample => ({ input: b, expected: b, plain: true })),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }).map((i): Sample => ({ input: i, expected: i, plain: true })),
  fc
    .constantFrom(INT64_MIN, INT64_MIN + 1n, INT64_MAX, -1n, 0n, 2n ** 53n, -(2n ** 53n) - 1n)
    .map((i): Sample => ({ input: i, expected: i, plain: true })),
  fc.maxSafeInteger().map((i): Sample => ({ input: i, expected: BigInt(i), plain: true })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d): Sample => {
    // Integral doubles are ints to `fromJS`; `float()` keeps them floats.
    const input = Number.isInteger(d) ? float(d) : d;
    return { input, expected: float(d === 0 ? 0 : d), plain: false };
  }),
  fc.constantFrom(5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, 0.1, -1e-7)
    .map((d): Sample => ({ input: float(d), expected: float(d), plain: false })),
  text.map((s): Sample => ({ input: s, expected: s, plain: true })),
  text.map((s): Sample => ({ input: indented(s), expected: s, plain: false })),
  text.map((s): Sample => ({ input: node<StringNode>({ kind: "string", parts: [s], style: "double" }), expected: s, plain: false })),
);

/** Strings with interpolations: each `${…}` holds another string, so the result is their concatenation. */
const interpolated: fc.Arbitrary<Sample> = fc
  .array(fc.tuple(fc.boolean(), text), { minLength: 1, maxLength: 5 })
  .chain((parts) =>
    fc.constantFrom(str, indented).map((build): Sample => ({
      input: build(...parts.map(([nested, s]) => (nested ? str(s) : s))),
      expected: parts.map(([, s]) => s).join(""),
      plain: false,
    })),
  );

/**
 * Int and bool expressions whose value JavaScript computes too: random trees of operators test
 * parenthesisation (`a - -1`, `(-5) * 3`, `!(a == b)`) the way data tests escaping.
 */
const { intExpr, boolExpr } = fc.letrec<{ intExpr: Sample; boolExpr: Sample }>((tie) => ({
  intExpr: fc.oneof(
    { maxDepth: 4, depthIdentifier: "expr" },
    fc
      .oneof(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: INT64_MIN, max: INT64_MAX }))
      .map((i): Sample => ({ input: int(i), expected: i, plain: false })),
    fc.tuple(fc.constantFrom("+", "-", "*", "/") as fc.Arbitrary<"+" | "-" | "*" | "/">, tie("intExpr"), tie("intExpr")).map(([o, a, b]) =>
      arithmetic(o, a, b),
    ),
    tie("intExpr").map((a): Sample => {
      const value = -(a.expected as bigint);
      return value > INT64_MAX ? a : { input: neg(a.input as NixExpr), expected: value, plain: false };
    }),
    fc.tuple(tie("boolExpr"), tie("intExpr"), tie("intExpr")).map(
      ([c, a, b]): Sample => ({ input: ifThen(c.input as NixExpr, a.input as NixExpr, b.input as NixExpr), expected: c.expected ? a.expected : b.expected, plain: false }),
    ),
  ),
  boolExpr: fc.oneof(
    { maxDepth: 4, depthIdentifier: "expr" },
    fc.boolean().map((b): Sample => ({ input: bool(b), expected: b, plain: false })),
    tie("boolExpr").map((a): Sample => ({ input: not(a.input as NixExpr), expected: !a.expected, plain: false })),
    fc.tuple(fc.constantFrom("&&", "||", "->") as fc.Arbitrary<"&&" | "||" | "->">, tie("boolExpr"), tie("boolExpr")).map(
      ([o, a, b]): Sample => ({
        input: op(o, a.input as NixExpr, b.input as NixExpr),
        expected: o === "&&" ? a.expected && b.expected : o === "||" ? a.expected || b.expected : !a.expected || b.expected,
        plain: false,
      }),
    ),
    fc.tuple(fc.constantFrom("==", "!=", "<", "<=", ">", ">=") as fc.Arbitrary<Comparison>, tie("intExpr"), tie("intExpr")).map(
      ([o, a, b]): Sample => ({ input: op(o, a.input as NixExpr, b.input as NixExpr), expected: compare(o, a.expected as bigint, b.expected as bigint), plain: false }),
    ),
    fc.tuple(key, key, fc.boolean()).map(([k, other, present]): Sample => {
      const set = attrs([bind([present ? k : other], 1)]);
      return { input: op("?", set, str(k)), expected: present || k === other, plain: false };
    }),
  ),
}));

type Comparison = "==" | "!=" | "<" | "<=" | ">" | ">=";

function compare(o: Comparison, a: bigint, b: bigint): boolean {
  return { "==": a === b, "!=": a !== b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b }[o];
}

/** `a op b` on int64, or just `a` when Nix would overflow or divide by zero (undefined in Nix 2.8). */
function arithmetic(o: "+" | "-" | "*" | "/", a: Sample, b: Sample): Sample {
  const [x, y] = [a.expected as bigint, b.expected as bigint];
  if (o === "/" && y === 0n) return a;
  // BigInt division truncates toward zero, as C++ does.
  const value = o === "+" ? x + y : o === "-" ? x - y : o === "*" ? x * y : x / y;
  if (value < INT64_MIN || value > INT64_MAX) return a;
  return { input: op(o, a.input as NixExpr, b.input as NixExpr), expected: value, plain: false };
}

/** Expressions that evaluate back to the value inside, to exercise every node kind's layout. */
const WRAPPERS: readonly ((inner: Sample, name: string) => Pick<Sample, "input" | "expected">)[] = [
  (s) => ({ input: ifThen(true, s.input as NixValue, null), expected: s.expected }),
  (s) => ({ input: letIn({ x: s.input as NixValue }, id("x")), expected: s.expected }),
  (s, name) => ({ input: select(attrs([bind([name], s.input as NixValue)]), [name]), expected: s.expected }),
  (s) => ({ input: call(lambda("x", id("x")), s.input as NixValue), expected: s.expected }),
  (s) => ({ input: call(fn([["x", s.input as NixValue]], id("x"), { ellipsis: true }), attrs({})), expected: s.expected }),
  (s) => ({ input: withScope(attrs({}), s.input as NixValue), expected: s.expected }),
  (s) => ({ input: assertThen(true, s.input as NixValue), expected: s.expected }),
  (s) => ({ input: concat([s.input as NixValue], []), expected: [s.expected] }),
  // Data nodes inside nodes: as an operand, a select target and a binding value.
  (s) => ({ input: concat(data([s.input as NixValue]), data([])), expected: [s.expected] }),
  (s, name) => ({ input: select(data({ [name]: s.input as NixValue }), [name]), expected: s.expected }),
  (s, name) => ({ input: letIn([bind("x", data({ [name]: s.input as NixValue }))], select(id("x"), [name])), expected: s.expected }),
];

const { value } = fc.letrec<{ value: Sample; list: Sample; object: Sample; wrapped: Sample; merged: Sample }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthIdentifier: "value" },
    scalar,
    interpolated,
    intExpr,
    boolExpr,
    tie("list"),
    tie("object"),
    tie("wrapped"),
    tie("merged"),
  ),
  list: fc.array(tie("value"), { maxLength: 4 }).map(
    (items): Sample => ({
      input: items.map((s) => s.input),
      expected: items.map((s) => s.expected),
      plain: items.every((s) => s.plain),
    }),
  ),
  object: fc.uniqueArray(fc.tuple(key, tie("value")), { maxLength: 4, selector: ([k]) => k }).map((entries): Sample => {
    // Nix sorts names by UTF-8 bytes; building both sides in that order keeps printed texts comparable.
    const sorted = [...entries].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return {
      input: Object.fromEntries(sorted.map(([k, s]) => [k, s.input])),
      expected: Object.fromEntries(sorted.map(([k, s]) => [k, s.expected])),
      plain: entries.every(([, s]) => s.plain),
    };
  }),
  wrapped: fc
    .tuple(fc.constantFrom(...WRAPPERS), tie("value"), key)
    .map(([wrap, inner, name]): Sample => ({ ...wrap(inner, name), plain: false })),
  merged: fc.tuple(tie("object"), tie("object")).map(
    ([a, b]): Sample => ({
      input: update(a.input as NixValue, b.input as NixValue),
      expected: { ...(a.expected as object), ...(b.expected as object) } as Decoded,
      plain: false,
    }),
  ),
}));

beforeAll(requireNix);

test(
  `toNix output evaluates back to the same data (${RUNS} values, seed ${SEED})`,
  () => {
    const batch = fc.record({
      samples: fc.array(value, { minLength: BATCH, maxLength: BATCH }),
      // Narrow widths force every node kind into its multi-line layout.
      width: fc.constantFrom(100, 100, 30, 1),
    });
    fc.assert(
      fc.property(batch, ({ samples, width }) => checkBatch(samples, width)),
      {
        numRuns: Math.ceil(RUNS / BATCH),
        seed: SEED,
        endOnFailure: true,
        // The batch is too big to be a readable counterexample; the error names the one value.
        reporter: (run) => {
          if (run.failed) throw new Error(`seed ${run.seed}, batch ${run.numRuns}: ${String(run.errorInstance)}`);
        },
      },
    );
  },
  Math.max(60_000, RUNS * 30),
);

function checkBatch(samples: readonly Sample[], width: number): void {
  const texts = samples.map((s) => toNix(s.input, { width }));
  samples.forEach((s, i) => {
    if (print(fromJS(s.input), { width }) !== texts[i]) throw new Error(`the data path and the node path differ:\n${describe(s, texts[i])}`);
  });
  let decoded: Decoded[];
  try {
    parseNix(`[\n${texts.map((t) => `(${t})\n`).join("")}]`);
    decoded = evalNixJson(texts);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${findFailing(samples, texts)}`);
  }
  samples.forEach((sample, i) => {
    const got = decoded[i];
    if (!isDeepStrictEqual(got, sample.expected)) {
      throw new Error(`${describe(sample, texts[i])}\nNix gave back:\n${inspect(got, { depth: null })}`);
    }
    if (sample.plain && width === 100) expect(toNix(got)).toBe(texts[i]);
  });
}

/** Evaluates the batch one value at a time to name the one Nix rejects. */
function findFailing(samples: readonly Sample[], texts: readonly string[]): string {
  for (const [i, text] of texts.entries()) {
    try {
      evalNixJson([text]);
    } catch {
      return describe(samples[i], text);
    }
  }
  return "(no single value fails on its own)";
}

function describe(sample: Sample | undefined, text: string | undefined): string {
  return `value:\n${inspect(sample?.input, { depth: null })}\nprinted:\n${text}\nexpected:\n${inspect(sample?.expected, { depth: null })}`;
}
