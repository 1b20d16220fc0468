// The scenarios under examples/ must validate cleanly: no errors and no warnings. YAML and JSON ones
// must also pass the committed JSON Schema, as an editor would check them.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { formatIssues, homelabJsonSchema, validateConfig } from "../src/index.js";

const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
const files = readdirSync(examples, { withFileTypes: true }).filter((entry) => entry.isDirectory()).flatMap(({ name }) =>
  readdirSync(`${examples}${name}`)
    .filter((file) => /^homelab\.config\.(ts|json|ya?ml)$/.test(file))
    .map((file) => `${name}/${file}`),
);
const data = files.filter((file) => !file.endsWith(".ts"));

async function load(file: string): Promise<unknown> {
  const path = `${examples}${file}`;
  if (file.endsWith(".ts")) return ((await import(path)) as { default: unknown }).default;
  const text = readFileSync(path, "utf8");
  return file.endsWith(".json") ? JSON.parse(text) : parse(text);
}

describe("examples", () => {
  test("there are examples to check", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  test.each(files)("%s validates without issues", async (file) => {
    const validation = validateConfig(await load(file));
    expect(formatIssues(validation.issues)).toBe("");
    expect(validation.ok).toBe(true);
  });

  test.runIf(data.length > 0).each(data)("%s passes the JSON Schema", async (file) => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(homelabJsonSchema());
    validate(await load(file));
    expect(validate.errors ?? []).toEqual([]);
  });
});
