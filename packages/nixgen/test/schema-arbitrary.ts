// Values for the fields a config leaves out, drawn from the config's own JSON Schema: the mutants of
// validate-gen-agree.test.ts otherwise only ever change what the examples already set, so an optional
// field no example uses (a machine's description, an NFS export, a VM's bridge) would never meet
// hostile text. The schema says where a field may go and what type it has; the values are hostile or
// plain within that type, so validation still decides what reaches gen.
import { isNixExpr, type ValuePath } from "@homelab/nix";
import { homelabJsonSchema } from "@homelab/schema";
import fc from "fast-check";

type Schema = Readonly<Record<string, unknown>>;

/** A field the config could set and does not: where it would go, and what the schema allows there. */
export interface Site {
  readonly path: ValuePath;
  readonly schema: Schema;
}

const root = homelabJsonSchema() as Schema;
const defs = (root["$defs"] ?? {}) as Record<string, Schema>;

function resolved(schema: Schema): Schema {
  const ref = schema["$ref"];
  return typeof ref === "string" ? (defs[ref.replace("#/$defs/", "")] ?? {}) : schema;
}

const branches = (schema: Schema): Schema[] => ((schema["oneOf"] ?? schema["anyOf"]) as Schema[] | undefined) ?? [];

/** The branch of a union the value is an instance of: its `const` properties (a machine's kind) and its type agree. */
function branchFor(schema: Schema, value: unknown): Schema | undefined {
  const fits = (branch: Schema): boolean => {
    const b = resolved(branch);
    if (b["type"] === "object") {
      if (typeof value !== "object" || value === null || Array.isArray(value) || isNixExpr(value)) return false;
      const properties = (b["properties"] ?? {}) as Record<string, Schema>;
      return Object.entries(properties).every(([key, p]) => !("const" in p) || (value as Record<string, unknown>)[key] === p["const"]);
    }
    if (b["type"] === "array") return Array.isArray(value);
    return b["type"] === undefined || typeof value === b["type"] || (typeof value === "number" && b["type"] === "integer");
  };
  return branches(schema).find(fits);
}

/** Every absent property of every object in `value` the schema describes, and a new key in every record. */
export function absentSites(value: unknown, schema: Schema = root, path: ValuePath = []): Site[] {
  const s = resolved(schema);
  if (branches(s).length > 0) {
    const branch = branchFor(s, value);
    return branch === undefined ? [] : absentSites(value, branch, path);
  }
  if (Array.isArray(value)) {
    const items = s["items"] as Schema | undefined;
    return items === undefined ? [] : value.flatMap((item, i) => absentSites(item, items, [...path, i]));
  }
  if (typeof value !== "object" || value === null || isNixExpr(value)) return [];
  const record = value as Record<string, unknown>;
  const properties = s["properties"] as Record<string, Schema> | undefined;
  const rest = s["additionalProperties"];
  if (properties !== undefined) {
    return Object.entries(properties).flatMap(([key, p]) =>
      key in record ? absentSites(record[key], p, [...path, key]) : [{ path: [...path, key], schema: p }],
    );
  }
  if (typeof rest === "object" && rest !== null) {
    const entries = Object.entries(record).flatMap(([key, item]) => absentSites(item, rest as Schema, [...path, key]));
    return [...entries, { path: [...path, "added"], schema: rest as Schema }];
  }
  return [];
}

/** A value the schema describes at `schema`, built `depth` levels down at most (the option tree is recursive). */
export function schemaValue(schema: Schema, text: fc.Arbitrary<string>, number: fc.Arbitrary<number>, depth = 3): fc.Arbitrary<unknown> {
  const s = resolved(schema);
  if ("const" in s) return fc.constant(s["const"]);
  if (Array.isArray(s["enum"])) return fc.oneof(fc.constantFrom(...(s["enum"] as unknown[])), text);
  const options = branches(s);
  if (options.length > 0) return depth === 0 ? text : fc.oneof(...options.map((branch) => schemaValue(branch, text, number, depth - 1)));
  switch (s["type"]) {
    case "string":
      return fc.oneof(text, patterned(s) ?? text);
    case "integer":
    case "number": {
      const min = typeof s["minimum"] === "number" ? s["minimum"] : -1000;
      const max = typeof s["maximum"] === "number" ? s["maximum"] : 100000;
      return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, 2 ** 31)) }), number);
    }
    case "boolean":
      return fc.boolean();
    case "array": {
      const items = s["items"] as Schema | undefined;
      return depth === 0 || items === undefined ? fc.constant([]) : fc.array(schemaValue(items, text, number, depth - 1), { maxLength: 2 });
    }
    case "object": {
      if (depth === 0) return fc.constant({});
      const properties = (s["properties"] ?? {}) as Record<string, Schema>;
      const required = new Set((s["required"] ?? []) as string[]);
      const fields = Object.fromEntries(Object.entries(properties).map(([key, p]) => [key, schemaValue(p, text, number, depth - 1)]));
      const rest = s["additionalProperties"];
      if (Object.keys(fields).length === 0 && typeof rest === "object" && rest !== null) {
        return fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), schemaValue(rest as Schema, text, number, depth - 1), { maxKeys: 2 });
      }
      return fc.record(fields, { requiredKeys: Object.keys(fields).filter((key) => required.has(key)) });
    }
    default:
      return text;
  }
}

/** Strings the field's pattern accepts, where fast-check can build them from it. */
function patterned(schema: Schema): fc.Arbitrary<string> | undefined {
  const pattern = schema["pattern"];
  if (typeof pattern !== "string") return undefined;
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return undefined;
  }
}

/** `value` with `inserted` at `path` (set or replaced), the objects on the way copied and made where missing. */
export function insertAt(value: unknown, path: ValuePath, inserted: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return inserted;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? insertAt(item, rest, inserted) : item));
  const record = (value ?? {}) as Record<string, unknown>;
  return { ...record, [head]: insertAt(record[head], rest, inserted) };
}
