import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import { isNixNode } from "@homelab/nix";
import { homelabJsonSchema, type HomelabConfigInput } from "../src/index.js";
import { frameFixture, lxcFixture, vmFixture } from "./fixtures.js";
import { edit } from "./report.js";

const committed = fileURLToPath(new URL("../homelab.schema.json", import.meta.url));
const schema = homelabJsonSchema();
const text = `${JSON.stringify(schema, null, 2)}\n`;

describe("homelab.schema.json", () => {
  test("the committed file is what homelabJsonSchema() generates", () => {
    if (process.env["UPDATE_SCHEMA"] === "1") writeFileSync(committed, text);
    const refresh = "refresh it with UPDATE_SCHEMA=1 npx vitest run packages/schema/test/json-schema.test.ts";
    expect(existsSync(committed), `packages/schema/homelab.schema.json is missing; ${refresh}`).toBe(true);
    expect(readFileSync(committed, "utf8"), `packages/schema/homelab.schema.json is stale; ${refresh}`).toBe(text);
  });

  test("names itself and its draft", () => {
    expect([schema["$schema"], schema["$id"], schema["title"]]).toMatchInlineSnapshot(`
      [
        "https://json-schema.org/draft/2020-12/schema",
        "urn:homelab-nixgen:homelab.schema.json",
        "homelab-nixgen config",
      ]
    `);
  });

  test("every field has a description", () => {
    expect(undescribedFields(schema, "#")).toEqual([]);
  });
});

describe("validating JSON configs with ajv", () => {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  const errors = (config: unknown) => {
    validate(config);
    return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
  };
  /** The fixture as a JSON file would hold it; fixtures with Nix expressions have no JSON form. */
  const asJson = (config: HomelabConfigInput): unknown => JSON.parse(JSON.stringify(config));

  test.each([
    ["lxc", lxcFixture],
    ["vm", vmFixture],
  ])("accepts the %s fixture", (_, fixture) => {
    expect(errors(asJson(fixture()))).toEqual([]);
  });

  test("the frame fixture is JSON apart from its Nix expressions", () => {
    expect(containsNixNode(frameFixture())).toBe(true);
    expect(errors(asJson(edit(frameFixture(), (c) => (c.modules.web.config = {}))))).toEqual([]);
  });

  test.each([
    ["a bad hostname", (c: Draft) => (c.machines.doc2.hostname = "doc2-"), "/machines/doc2/hostname"],
    ["a wrong kind", (c: Draft) => (c.machines.doc2.kind = "lxd"), "/machines/doc2"],
    ["an unknown field", (c: Draft) => (c.machines.doc2.proxmox.storag = "x"), "/machines/doc2/proxmox"],
    ["port 70000", (c: Draft) => (c.machines.doc2.firewall = { tcp: [70000] }), "/machines/doc2/firewall/tcp/0"],
    ["a missing vmid", (c: Draft) => delete c.machines.doc2.proxmox.vmid, "/machines/doc2/proxmox"],
  ])("rejects %s", (_, change, where) => {
    const found = errors(asJson(edit(vmFixture(), change)));
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((e) => e.startsWith(`${where} `))).toBe(true);
  });
});

// `any`: the rejected configs are invalid on purpose.
type Draft = any;

/** Paths of object properties without a description (their own, or their `$ref` target's). */
function undescribedFields(node: unknown, path: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => undescribedFields(item, `${path}/${i}`));
  if (typeof node !== "object" || node === null) return [];
  const record = node as Record<string, unknown>;
  const properties = (record["properties"] ?? {}) as Record<string, Record<string, unknown>>;
  const missing = Object.entries(properties)
    .filter(([, field]) => typeof field["description"] !== "string" && !refIsDescribed(field["$ref"]))
    .map(([key]) => `${path}/properties/${key}`);
  return [...missing, ...Object.entries(record).flatMap(([key, value]) => undescribedFields(value, `${path}/${key}`))];
}

function refIsDescribed(ref: unknown): boolean {
  if (typeof ref !== "string" || !ref.startsWith("#/$defs/")) return false;
  const defs = schema["$defs"] as Record<string, { description?: unknown }>;
  return typeof defs[ref.slice("#/$defs/".length)]?.description === "string";
}

function containsNixNode(value: unknown): boolean {
  if (isNixNode(value)) return true;
  return typeof value === "object" && value !== null && Object.values(value).some(containsNixNode);
}
