// Keeps the README honest: every `ts` example is run and must print the `nix` block below it, and
// every row of the builders table must print its right-hand cell.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import * as nix from "@homelab/nix";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** Runs an example with every export of the package in scope; trees are printed. */
function run(code: string): string {
  // The README is our own, checked-in file; evaluating its examples is the point of this test.
  const result: unknown = new Function(...Object.keys(nix), `return (${code});`)(...Object.values(nix));
  return typeof result === "string" ? result.replace(/\n$/, "") : nix.print(result as nix.NixExpr);
}

const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)\n```\n\n```nix\n([\s\S]*?)\n```/g)].map(([, code = "", want = ""]) => [
  code.split("\n")[0] ?? "",
  { code, want },
] as const);

const rows = [...readme.matchAll(/^\| `(.+)` \| `(.+)` \|$/gm)].map(([, code = "", want = ""]) => [code, { code, want }] as const);

test("the README has examples", () => {
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  expect(rows.length).toBeGreaterThanOrEqual(30);
});

test.each([...blocks, ...rows])("%s", (_, { code, want }) => {
  expect(run(code)).toBe(want);
});
