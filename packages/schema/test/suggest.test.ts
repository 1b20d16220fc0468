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
