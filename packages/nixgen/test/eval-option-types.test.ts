// NixOS option types as the manual spells them, read back into lib.types; and the committed stand-in
// subset (packages/nixgen/nix/nixos-options.tsv), which must hold only real NixOS options.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { print } from "@homelab/nix";
import { describe, expect, test } from "vitest";
import { nixosStandIns } from "../src/eval/nixos-stand-ins.js";
import { parseOptionRows } from "../src/eval/option-rows.js";
import { parseOptionType, type OptionType } from "../src/eval/option-types.js";

const port = { kind: "named", name: "port" } as const;
const str = { kind: "named", name: "str" } as const;

describe("parseOptionType", () => {
  test.each<[string, OptionType]>([
    ["boolean", { kind: "named", name: "bool" }],
    ["list of 16 bit unsigned integer; between 0 and 65535 (both inclusive)", { kind: "listOf", of: port }],
    ["null or string or signed integer", { kind: "nullOr", of: { kind: "either", left: str, right: { kind: "named", name: "int" } } }],
    ["attribute set of (submodule)", { kind: "attrsOf", of: { kind: "submodule" } }],
    ["null or (list of string)", { kind: "nullOr", of: { kind: "listOf", of: str } }],
    ["non-empty (list of string (with check: non-empty))", { kind: "nonEmptyListOf", of: str }],
    ['one of "proxy", "direct"', { kind: "enum", values: ["proxy", "direct"] }],
    ['value "auto" (singular enum)', { kind: "enum", values: ["auto"] }],
    ["string matching the pattern [a-z]+(a|b)", { kind: "strMatching", pattern: "[a-z]+(a|b)" }],
    ["integer between 300 and 399 (both inclusive)", { kind: "between", lowest: 300, highest: 399 }],
    ["(attribute set of boolean) or (list of string) convertible to it", { kind: "either", left: { kind: "attrsOf", of: { kind: "named", name: "bool" } }, right: { kind: "listOf", of: str } }],
    ["unsigned integer, meaning >=0, or string", { kind: "either", left: { kind: "named", name: "ints.unsigned" }, right: str }],
    ["open submodule of (YAML value)", { kind: "submodule", freeform: { kind: "json", description: "YAML value" } }],
    ["JSON value", { kind: "json", description: "JSON value" }],
    ["systemd option", { kind: "json", description: "systemd option" }],
  ])("%s", (text, want) => {
    expect(parseOptionType(text)).toEqual(want);
  });
});

describe("nixosStandIns", () => {
  test("places submodule options in their submodules and gives freeform types to settings with options", () => {
    const expr = nixosStandIns([
      ["users.users", "attribute set of (submodule)"],
      ["users.users.<name>.isNormalUser", "boolean"],
      ["nix.settings", "attribute set of (string)"],
      ["nix.settings.sandbox", "boolean"],
    ]);
    expect(print(expr)).toMatchInlineSnapshot(`
      "{ lib, standIn, formats }:
      {
        nix = {
          settings = standIn "nix.settings" (lib.types.submodule {
            freeformType = lib.types.attrsOf lib.types.str;
            options = {
              sandbox = standIn "nix.settings.sandbox" lib.types.bool;
            };
          });
        };
        users = {
          users = standIn "users.users" (lib.types.attrsOf (lib.types.submodule {
            options = {
              isNormalUser = standIn "users.users.<name>.isNormalUser" lib.types.bool;
            };
          }));
        };
      }"
    `);
  });
});

describe("nix/nixos-options.tsv", () => {
  const subset = parseOptionRows(readFileSync(fileURLToPath(new URL("../nix/nixos-options.tsv", import.meta.url)), "utf8"));
  const full = new Set(
    gunzipSync(readFileSync(fileURLToPath(new URL("../../../test/fixtures/nixos-options.tsv.gz", import.meta.url))))
      .toString("utf8")
      .split("\n"),
  );

  test("holds only rows of the NixOS option list, sorted, without agenix (stubbed with its defaults)", () => {
    expect(subset.length).toBeGreaterThan(50);
    expect(subset.map(([name, type]) => `${name}\t${type}`).filter((row) => !full.has(row))).toEqual([]);
    expect(subset.map(([name]) => name)).toEqual(subset.map(([name]) => name).sort());
    expect(subset.filter(([name]) => name.startsWith("age."))).toEqual([]);
  });
});
