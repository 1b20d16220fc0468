// The safety net of plan()'s totality: a value error an emitter throws becomes an issue at the config
// field holding the value; any other error is a bug and is not turned into an issue.
import { NixValueError } from "@homelab/nix";
import { describe, expect, test } from "vitest";
import { TextValueError } from "../src/text/escape.js";
import { unrepresentableIssue } from "../src/unrepresentable.js";

const config = { machines: { nas: { lxc: { mounts: [{ host: "/srv/a,b", path: "/a" }] }, description: "a" } } };

describe("unrepresentableIssue", () => {
  test.each([
    [
      "a TextValueError quoting a config string: at that string's field",
      new TextValueError(`mp0: "/srv/a,b" contains a comma`),
      { code: "unrepresentable-value", severity: "error", path: ["machines", "nas", "lxc", "mounts", 0, "host"], message: `no output format can hold this value: mp0: "/srv/a,b" contains a comma` },
    ],
    [
      "the longest quoted string wins over a short one quoted by chance",
      new TextValueError(`"a" in "/srv/a,b"`),
      { code: "unrepresentable-value", severity: "error", path: ["machines", "nas", "lxc", "mounts", 0, "host"], message: `no output format can hold this value: "a" in "/srv/a,b"` },
    ],
    [
      "a NixValueError quoting nothing of the config: at the root",
      new NixValueError(["x"], "integer 1e20 is not exact"),
      { code: "unrepresentable-value", severity: "error", path: [], message: "no output format can hold this value: integer 1e20 is not exact → at x" },
    ],
  ])("%s", (_, error, want) => {
    expect(unrepresentableIssue(error, config)).toEqual(want);
  });

  test("another error is no issue", () => {
    expect(unrepresentableIssue(new TypeError("x is undefined"), config)).toBeUndefined();
  });
});
