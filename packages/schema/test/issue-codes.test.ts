// The README tables of issue codes (the schema's, and nixgen's own) list exactly the `IssueCode`s:
// a code added without a row, or a row left after its code went, fails here.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { issueCodes } from "../src/issue.js";

const readme = (pkg: string) => readFileSync(new URL(`../../${pkg}/README.md`, import.meta.url), "utf8");

/** Every backquoted code in the first column of each table whose first header is `code`. */
function tableCodes(markdown: string): string[] {
  const codes: string[] = [];
  let inTable = false;
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) inTable = false;
    else if (/^\|\s*code\s*\|/.test(line)) inTable = true;
    else if (inTable && !/^\|\s*-+/.test(line)) {
      const first = line.split("|")[1] ?? "";
      codes.push(...[...first.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string));
    }
  }
  return codes;
}

describe("issue codes", () => {
  const documented = [...tableCodes(readme("schema")), ...tableCodes(readme("nixgen"))];

  test("the README tables list every IssueCode", () => {
    expect(issueCodes.filter((code) => !documented.includes(code))).toEqual([]);
  });

  test("every code in the README tables is an IssueCode, listed once", () => {
    expect(documented.filter((code) => !(issueCodes as readonly string[]).includes(code))).toEqual([]);
    expect(documented.filter((code, index) => documented.indexOf(code) !== index)).toEqual([]);
  });

  test("the parser reads codes from the first column of code tables only", () => {
    const markdown = ["| code | sample |", "|---|---|", "| `a`, `b` | `not-a-code` |", "", "| flag | x |", "|---|---|", "| `c` | y |"].join("\n");
    expect(tableCodes(markdown)).toEqual(["a", "b"]);
  });
});
