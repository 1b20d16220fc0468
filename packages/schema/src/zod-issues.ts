// zod's issues turned into ours, one readable line each: unions are resolved to the option the input
// was meant for, unknown fields get "did you mean", and messages say what was received.
import type { ValuePath } from "@homelab/nix";
import type { z } from "zod";
import { issue, type FormatName, type Issue, type IssueCode } from "./issue.js";
import { didYouMean } from "./suggest.js";
import { showValue } from "./value-fits-type.js";

type Schema = z.core.$ZodType;
type ZodIssue = z.core.$ZodIssue;

/** Where a list of zod issues applies: the schema and value their paths start from. */
interface Base {
  readonly schema: Schema | undefined;
  readonly value: unknown;
  readonly path: ValuePath;
}

/** Our issues for one zod issue found parsing `input` against `schema`. */
export function fromZod(found: ZodIssue, schema: Schema, input: unknown): Issue[] {
  return convert(found, { schema, value: input, path: [] });
}

function convert(found: ZodIssue, base: Base): Issue[] {
  const rel = found.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  const path = [...base.path, ...rel];
  const value = valueAt(base.value, rel);
  switch (found.code) {
    case "unrecognized_keys": {
      const known = objectKeys(schemaAt(base.schema, base.value, rel));
      return found.keys.map((key) =>
        issue("unknown-field", [...path, key], `Unknown field "${key}"${didYouMean(key, known)}`),
      );
    }
    case "invalid_union": {
      if (found.errors.length === 0 || found.discriminator !== undefined) {
        const options = (found as { options?: readonly unknown[] }).options ?? [];
        return [issue("schema-invalid_union", path, expectedMessage(options.map(literal), value))];
      }
      const branches = found.errors;
      const candidates = branches.map((errors, i) => ({ errors, i })).filter(({ errors }) => !mismatchesAtRoot(errors));
      if (candidates.length === 0)
        return [issue("schema-invalid_union", path, expectedMessage(branches.flatMap(expectations), value))];
      const best = candidates.reduce((a, b) => (weight(b.errors) < weight(a.errors) ? b : a));
      const union = unwrap(schemaAt(base.schema, base.value, rel));
      const option = union === undefined ? undefined : (def(union)["options"] as Schema[] | undefined)?.[best.i];
      return best.errors.flatMap((e) => convert(e, { schema: option, value, path }));
    }
    case "invalid_type":
      return [
        issue(
          "schema-invalid_type",
          path,
          expectedMessage([found.expected === "record" ? "object" : found.expected], value),
        ),
      ];
    case "invalid_value":
      return [issue("schema-invalid_value", path, expectedMessage(found.values.map(literal), value))];
    case "invalid_key": {
      const reason = found.issues[0]?.message ?? found.message;
      const format = found.issues[0] === undefined ? undefined : formatOf(found.issues[0]);
      return [
        issue(format === undefined ? "schema-invalid_key" : `format-${format}`, path, `Invalid name ${JSON.stringify(String(rel[rel.length - 1]))}: ${reason}`),
      ];
    }
    default:
      // Our own messages state the rule in lower case ("must be 1–65535"); show what was given.
      return [
        issue(
          codeOf(found),
          path,
          /^[a-z]/.test(found.message) ? `Invalid value ${showValue(value)}: ${found.message}` : found.message,
        ),
      ];
  }
}

/** A value format (formats/format.ts) names itself, so the code says which rule was broken. */
function codeOf(found: ZodIssue): IssueCode {
  const format = formatOf(found);
  return format === undefined ? `schema-${found.code}` : `format-${format}`;
}

function formatOf(found: ZodIssue | z.core.$ZodRawIssue): FormatName | undefined {
  const format = found.code === "custom" ? (found.params as { format?: unknown } | undefined)?.format : undefined;
  // Only `formatted()` (formats/format.ts) sets `params.format`, to a ValueFormat's name.
  return typeof format === "string" ? (format as FormatName) : undefined;
}

/** `Invalid input: expected "lxc" | "vm" | "metal", received "lxd": did you mean "lxc"?` */
function expectedMessage(expected: readonly string[], value: unknown): string {
  const wanted = [...new Set(expected)].join(" | ");
  if (value === undefined) return `Missing required field: expected ${wanted}`;
  const literals = expected.filter((e) => e.startsWith('"')).map((e) => JSON.parse(e) as string);
  const hint = typeof value === "string" ? didYouMean(value, literals) : "";
  return `Invalid input: expected ${wanted}, received ${received(value)}${hint}`;
}

function received(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") return "object";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return showValue(value);
  return typeof value;
}

function literal(value: unknown): string {
  return typeof value === "bigint" ? String(value) : (JSON.stringify(value) ?? String(value));
}

/** A union option the value is not even the right kind of thing for (wrong type or literal). */
function mismatchesAtRoot(errors: readonly ZodIssue[]): boolean {
  return errors.some(
    (e) =>
      e.path.length === 0 &&
      (e.code === "invalid_type" ||
        e.code === "invalid_value" ||
        (e.code === "invalid_union" && e.errors.every(mismatchesAtRoot))),
  );
}

/** What each union option wanted, for a value no option came close to. */
function expectations(errors: readonly ZodIssue[]): string[] {
  return errors.flatMap((e) => {
    if (e.path.length > 0) return [];
    if (e.code === "invalid_type") return [e.expected === "record" ? "object" : e.expected];
    if (e.code === "invalid_value") return e.values.map(literal);
    if (e.code === "invalid_union") return e.errors.flatMap(expectations);
    return [];
  });
}

/** How far an option is from fitting: one per issue, one per unknown key. */
function weight(errors: readonly ZodIssue[]): number {
  return errors.reduce((sum, e) => sum + (e.code === "unrecognized_keys" ? e.keys.length : 1), 0);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function def(schema: Schema): Record<string, unknown> {
  return schema._zod.def as unknown as Record<string, unknown>;
}

/** The schema under wrappers that do not change the shape: optional, default, lazy, pipes' input… */
function unwrap(schema: Schema | undefined): Schema | undefined {
  let at = schema;
  for (let depth = 0; at !== undefined && depth < 32; depth++) {
    const d = def(at);
    switch (d["type"]) {
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "nonoptional":
      case "readonly":
      case "catch":
        at = d["innerType"] as Schema;
        break;
      case "lazy":
        at = (d["getter"] as () => Schema)();
        break;
      case "pipe":
        at = d["in"] as Schema;
        break;
      default:
        return at;
    }
  }
  return at;
}

/**
 * The schema that checks the value at `path`. Union options are chosen by the value: the option whose
 * discriminator matches, else the first object option that declares the next key.
 */
function schemaAt(schema: Schema | undefined, value: unknown, path: readonly PropertyKey[]): Schema | undefined {
  let at = unwrap(schema);
  let here = value;
  for (const key of path) {
    at = unwrap(pickOption(at, here, key));
    if (at === undefined) return undefined;
    const d = def(at);
    if (d["type"] === "object")
      at = (d["shape"] as Record<string, Schema>)[String(key)] ?? (d["catchall"] as Schema | undefined);
    else if (d["type"] === "record") at = d["valueType"] as Schema;
    else if (d["type"] === "array") at = d["element"] as Schema;
    else return undefined;
    at = unwrap(at);
    here = valueAt(here, [key]);
  }
  return pickOption(at, here, undefined);
}

function pickOption(schema: Schema | undefined, value: unknown, nextKey: PropertyKey | undefined): Schema | undefined {
  const d = schema === undefined ? undefined : def(schema);
  if (d?.["type"] !== "union") return schema;
  const options = (d["options"] as Schema[]).map(unwrap).filter((o): o is Schema => o !== undefined);
  const discriminator = d["discriminator"] as string | undefined;
  if (discriminator !== undefined && typeof value === "object" && value !== null) {
    const wanted = (value as Record<string, unknown>)[discriminator];
    const match = options.find((o) => {
      const field = unwrap(objectShape(o)?.[discriminator]);
      return field !== undefined && (def(field)["values"] as unknown[] | undefined)?.includes(wanted);
    });
    if (match !== undefined) return match;
  }
  const objects = options.filter((o) => objectShape(o) !== undefined);
  return (
    objects.find((o) => nextKey !== undefined && String(nextKey) in (objectShape(o) ?? {})) ??
    (objects.length === 1 ? objects[0] : schema)
  );
}

function objectShape(schema: Schema): Record<string, Schema> | undefined {
  const d = def(schema);
  return d["type"] === "object" ? (d["shape"] as Record<string, Schema>) : undefined;
}

function objectKeys(schema: Schema | undefined): string[] {
  const at = unwrap(schema);
  return at === undefined ? [] : Object.keys(objectShape(at) ?? {});
}
