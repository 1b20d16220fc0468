// The seed scenarios under examples/ must validate cleanly: no errors and no warnings.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { formatIssues, validateConfig } from "../src/index.js";

const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
const names = readdirSync(examples).filter((name) => existsSync(`${examples}${name}/homelab.config.ts`));

describe("examples", () => {
  test("there are examples to check", () => {
    expect(names.length).toBeGreaterThan(0);
  });

  test.each(names)("%s validates without issues", async (name) => {
    const config: unknown = ((await import(`${examples}${name}/homelab.config.ts`)) as { default: unknown }).default;
    const validation = validateConfig(config);
    expect(formatIssues(validation.issues)).toBe("");
    expect(validation.ok).toBe(true);
  });
});
