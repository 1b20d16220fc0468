import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { closest, didYouMean, editDistance } from "../src/suggest.js";

describe("editDistance (Damerau–Levenshtein, optimal string alignment)", () => {
  test.each([
    ["", "", 0],
    ["abc", "", 3],
    ["dockerEnabel", "dockerEnable", 1],
    ["hostnmae", "hostname", 1],
    ["kitten", "sitting", 3],
    ["ca", "abc", 3],
    ["allowedtcpport", "allowedtcpports", 1],
  ])("%s → %s: %i", (a, b, want) => {
    expect(editDistance(a, b)).toBe(want);
    expect(editDistance(b, a)).toBe(want);
  });
});

// The whole table, as the textbook fills it: what the rolling rows must agree with.
function tableDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

test("editDistance agrees with the whole table on random words", () => {
  const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), maxLength: 9 });
  fc.assert(fc.property(word, word, (a, b) => editDistance(a, b) === tableDistance(a, b)), { numRuns: 2000 });
});

describe("closest", () => {
  const keys = ["hostname", "dockerEnable", "allowedTCPPorts", "vm", "lxc"];
  test.each([
    ["dockerEnabel", "dockerEnable"],
    ["HOSTNAME", "hostname"],
    ["allowedTcpPort", "allowedTCPPorts"],
    ["lxd", "lxc"],
    ["ab", undefined],
    ["VM", "vm"],
    ["hostname", undefined],
    ["something", undefined],
  ])("%s → %s", (word, want) => {
    expect(closest(word, keys)).toBe(want);
  });

  test("didYouMean is a suffix, empty without a close name", () => {
    expect(didYouMean("hostnme", ["hostname"])).toBe(': did you mean "hostname"?');
    expect(didYouMean("zzz", ["hostname"])).toBe("");
  });
});
