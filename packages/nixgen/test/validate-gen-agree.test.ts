// validate and gen agree: a config that validate accepts never makes gen throw. The examples are
// mutated at random (one or two strings or numbers replaced, and an identifier renamed everywhere it
// appears; or fields they leave out set, as the JSON Schema allows them) with text built from the
// characters line formats, shells and Nix treat specially, and with numbers Nix cannot take as they are.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isNixExpr, type ValuePath } from "@homelab/nix";
import { validateConfig } from "@homelab/schema";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { planValid } from "../src/plan.js";
import { absentSites, insertAt, schemaValue } from "./schema-arbitrary.js";

const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
const files = readdirSync(examples, { withFileTypes: true }).filter((entry) => entry.isDirectory()).flatMap(({ name }) =>
  readdirSync(`${examples}${name}`)
    .filter((file) => /^homelab\.config\.(ts|json|ya?ml)$/.test(file))
    .map((file) => `${examples}${name}/${file}`),
);

async function load(path: string): Promise<unknown> {
  if (path.endsWith(".ts")) return ((await import(path)) as { default: unknown }).default;
  const text = readFileSync(path, "utf8");
  return path.endsWith(".json") ? JSON.parse(text) : parse(text);
}

/** Every string and number in plain data, by path; Nix expressions are code, not values, and are left alone. */
function leafSites(value: unknown, path: ValuePath = []): ValuePath[] {
  if (typeof value === "string" || typeof value === "number") return [path];
  if (typeof value !== "object" || value === null || isNixExpr(value)) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => leafSites(item, [...path, i]));
  return Object.entries(value).flatMap(([key, item]) => leafSites(item, [...path, key]));
}

/** `from` replaced by `to` wherever it is a whole key or a whole string: a renamed node, mapping or user. */
function rename(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (typeof value !== "object" || value === null || isNixExpr(value)) return value;
  if (Array.isArray(value)) return value.map((item) => rename(item, from, to));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key === from ? to : key, rename(item, from, to)]));
}

const SPECIAL = [
  ",", "=", ":", ";", "\n", "\r", "\t", " ", "-", ".", "..", "/", "\0", "\uD800", "%", "\\", '"', "'", "$", "`",
  "#", "@", "*", "(", ")", "${", "''", "<", ">", "|", "&", "~", "_", "A", "a", "1", "é", "😀", "--", "-o",
];
const hostile = fc.oneof(
  fc.array(fc.constantFrom(...SPECIAL), { minLength: 1, maxLength: 8 }).map((parts) => parts.join("")),
  fc.array(fc.constantFrom(...SPECIAL, "a", "b", "1"), { maxLength: 8 }).map((parts) => `/${parts.join("")}`),
  fc.string({ unit: "binary", maxLength: 12 }),
);
// Names and paths most fields take: they keep enough mutants valid to reach gen.
const plain = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/), fc.stringMatching(/^(\/[a-z0-9._-]{1,6}){1,3}$/));
// Numbers Nix cannot take as they are: past 2^53, not finite, fractions where integers are meant.
const hostileNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e20, 2 ** 53 + 2, -0, 0.5, -1));

// 300 per run; NIXGEN_PROPERTY_RUNS=5000 for a deeper search.
const runs = Number(process.env["NIXGEN_PROPERTY_RUNS"] ?? 300);

describe("validate and gen agree", async () => {
  const bases = await Promise.all(files.map(load));
  const sites = bases.map((base) => leafSites(base));

  test("the examples validate, so mutations start from configs gen takes", () => {
    expect(bases.map((base) => validateConfig(base).ok)).toEqual(bases.map(() => true));
  });

  test("whatever validate accepts, gen generates without throwing", () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.nat(bases.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.oneof(hostile, hostile, hostileNumber, plain)), { minLength: 1, maxLength: 2 }),
        fc.option(fc.tuple(fc.nat(), hostile)),
        (which, edits, renamed) => {
          let input = bases[which];
          const paths = sites[which] as ValuePath[];
          for (const [pick, text] of edits) input = insertAt(input, paths[pick % paths.length] as ValuePath, text);
          if (renamed !== null) {
            const [pick, text] = renamed;
            const from = leafSites(input).map((path) => valueAt(input, path))[pick % paths.length];
            if (typeof from === "string") input = rename(input, from, text);
          }
          if (generatesWhenValid(input)) accepted++;
        },
      ),
      { numRuns: runs },
    );
    // About one mutant in ten is valid (hostile text is fine in a description, a comment, a Nix value):
    // enough that the property is not vacuous.
    expect(accepted).toBeGreaterThan(runs / 50);
  });

  // Many string fields at once (3 to 8, hostile or plain): the mutants above change one or two, so a
  // rule between fields (a mount point and its host path, a storage id and the volume it names) is
  // reached mostly here.
  test("whatever validate accepts with many string fields rewritten, gen generates without throwing", () => {
    let accepted = 0;
    const stringSites = bases.map((base) => leafSites(base).filter((path) => typeof valueAt(base, path) === "string"));
    fc.assert(
      fc.property(
        fc.nat(bases.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.oneof(hostile, plain)), { minLength: 3, maxLength: 8 }),
        (which, edits) => {
          let input = bases[which];
          const paths = stringSites[which] as ValuePath[];
          for (const [pick, text] of edits) input = insertAt(input, paths[pick % paths.length] as ValuePath, text);
          if (generatesWhenValid(input)) accepted++;
        },
      ),
      { numRuns: runs },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  // Fields no example sets (schema-arbitrary.ts): one to three of them, anywhere the schema allows one,
  // hostile or plain within the field's type.
  test("whatever validate accepts with fields the examples leave out set, gen generates without throwing", () => {
    let accepted = 0;
    const absent = bases.map((base) => absentSites(base));
    const text = fc.oneof(hostile, plain);
    fc.assert(
      fc.property(
        fc.nat(bases.length - 1).chain((which) => {
          const sites = absent[which] ?? [];
          const edit = fc.nat(sites.length - 1).chain((i) => schemaValue(sites[i]!.schema, text, hostileNumber).map((value) => [sites[i]!.path, value] as const));
          return fc.tuple(fc.constant(which), fc.array(edit, { minLength: 1, maxLength: 3 }));
        }),
        ([which, edits]) => {
          let input = bases[which];
          for (const [path, value] of edits) input = insertAt(input, path, value);
          if (generatesWhenValid(input)) accepted++;
        },
      ),
      { numRuns: runs },
    );
    expect(accepted).toBeGreaterThan(runs / 50);
  });
});

/** Whether validate accepts `input`; when it does, gen must generate it without throwing. */
function generatesWhenValid(input: unknown): boolean {
  const validation = validateConfig(input);
  if (!validation.ok) return false;
  expect(() => planValid(validation.config)).not.toThrow();
  return true;
}

function valueAt(value: unknown, path: ValuePath): unknown {
  return path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], value);
}
