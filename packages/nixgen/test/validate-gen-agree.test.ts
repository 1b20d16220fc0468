// validate and gen agree: a config that validate accepts never makes gen throw. The examples are
// mutated at random (one to three string fields replaced, and an identifier renamed everywhere it
// appears) with text built from the characters line formats, shells and Nix treat specially.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isNixExpr, type ValuePath } from "@homelab/nix";
import { validateConfig } from "@homelab/schema";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { planValid } from "../src/plan.js";

const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
const files = readdirSync(examples).flatMap((name) =>
  readdirSync(`${examples}${name}`)
    .filter((file) => /^homelab\.config\.(ts|json|ya?ml)$/.test(file))
    .map((file) => `${examples}${name}/${file}`),
);

async function load(path: string): Promise<unknown> {
  if (path.endsWith(".ts")) return ((await import(path)) as { default: unknown }).default;
  const text = readFileSync(path, "utf8");
  return path.endsWith(".json") ? JSON.parse(text) : parse(text);
}

/** Every string in plain data, by path; Nix expressions are code, not values, and are left alone. */
function stringSites(value: unknown, path: ValuePath = []): ValuePath[] {
  if (typeof value === "string") return [path];
  if (typeof value !== "object" || value === null || isNixExpr(value)) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringSites(item, [...path, i]));
  return Object.entries(value).flatMap(([key, item]) => stringSites(item, [...path, key]));
}

function replaceAt(value: unknown, path: ValuePath, text: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return text;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? replaceAt(item, rest, text) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: replaceAt(record[head], rest, text) };
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

describe("validate and gen agree", async () => {
  const bases = await Promise.all(files.map(load));
  const sites = bases.map((base) => stringSites(base));

  test("the examples validate, so mutations start from configs gen takes", () => {
    expect(bases.map((base) => validateConfig(base).ok)).toEqual(bases.map(() => true));
  });

  test("whatever validate accepts, gen generates without throwing", () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.nat(bases.length - 1),
        fc.array(fc.tuple(fc.nat(), hostile), { minLength: 1, maxLength: 3 }),
        fc.option(fc.tuple(fc.nat(), hostile)),
        (which, edits, renamed) => {
          let input = bases[which];
          const paths = sites[which] as ValuePath[];
          for (const [pick, text] of edits) input = replaceAt(input, paths[pick % paths.length] as ValuePath, text);
          if (renamed !== null) {
            const [pick, text] = renamed;
            const from = stringSites(input).map((path) => valueAt(input, path))[pick % paths.length];
            if (typeof from === "string") input = rename(input, from, text);
          }
          const validation = validateConfig(input);
          if (!validation.ok) return;
          accepted++;
          expect(() => planValid(validation.config)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
    // Some hostile text is fine where it lands (a description, a comment): the property is not vacuous.
    expect(accepted).toBeGreaterThan(20);
  });
});

function valueAt(value: unknown, path: ValuePath): unknown {
  return path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], value);
}
