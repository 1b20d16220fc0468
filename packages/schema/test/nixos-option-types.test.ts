// The NixOS option list's type phrases, read back into the lib.types constructors they were printed
// from; every distinct phrase of the table must map to a real type, never to an untyped fallback.
import { describe, expect, test } from "vitest";
import { fitsNixosType, nixosOptionRows, parseNixosType, type NixosType } from "../src/index.js";
import { untypedPhrases } from "../src/nixos/custom-types.js";

const named = (name: string) => ({ kind: "named", name }) as NixosType;
const port = named("port");
const str = named("str");

describe("parseNixosType", () => {
  test.each<[string, NixosType]>([
    ["boolean", named("bool")],
    ["list of 16 bit unsigned integer; between 0 and 65535 (both inclusive)", { kind: "listOf", of: port }],
    ["null or string or signed integer", { kind: "nullOr", of: { kind: "either", left: str, right: named("int") } }],
    ["attribute set of (submodule)", { kind: "attrsOf", of: { kind: "submodule" } }],
    ["lazy attribute set of (null or boolean)", { kind: "lazyAttrsOf", of: { kind: "nullOr", of: named("bool") } }],
    ["non-empty (list of string (with check: non-empty))", { kind: "nonEmptyListOf", of: { kind: "addCheck", of: str, check: "non-empty" } }],
    ['one of "proxy", "direct"', { kind: "enum", values: ["proxy", "direct"] }],
    ['value "auto" (singular enum)', { kind: "enum", values: ["auto"] }],
    ["string matching the pattern [a-z]+(a|b)", { kind: "strMatching", pattern: "[a-z]+(a|b)" }],
    ["integer between 300 and 399 (both inclusive)", { kind: "intsBetween", lowest: 300, highest: 399 }],
    ["8 bit unsigned integer; between 0 and 255 (both inclusive)", named("ints.u8")],
    ["string, not containing newlines or colons", { kind: "passwdEntry", of: str }],
    ["(optionally newline-terminated) single-line string", named("singleLineStr")],
    ['strings concatenated with ","', { kind: "separatedString", separator: "," }],
    ["function that evaluates to a(n) list of package", { kind: "functionTo", of: { kind: "listOf", of: named("package") } }],
    ["pair of signed integer", { kind: "pairOf", of: named("int") }],
    [
      "(attribute set of boolean) or (list of string) convertible to it",
      { kind: "coercedTo", to: { kind: "attrsOf", of: named("bool") }, from: { kind: "listOf", of: str } },
    ],
    ["unsigned integer, meaning >=0, or string", { kind: "either", left: named("ints.unsigned"), right: str }],
    // ` or ` splits only outside quotes and parentheses, and never inside a module's own phrase.
    ['one of "a or b", "c" or signed integer', { kind: "either", left: { kind: "enum", values: ["a or b", "c"] }, right: named("int") }],
    ["(boolean or string) or signed integer", { kind: "either", left: { kind: "either", left: named("bool"), right: str }, right: named("int") }],
    [
      "signed integer or string without line breaks or quotes",
      {
        kind: "either",
        left: named("int"),
        right: { kind: "custom", description: "string without line breaks or quotes", standIn: { kind: "strMatching", pattern: '[^\n"]*' } },
      },
    ],
    ["open submodule of (YAML value)", { kind: "submodule", freeform: { kind: "format", format: "YAML value" } }],
    ["integer or floating point number between 0.01 and 1 (both inclusive)", { kind: "numbersBetween", lowest: 0.01, highest: 1 }],
    [
      "null or string without spaces",
      { kind: "nullOr", of: { kind: "custom", description: "string without spaces", standIn: { kind: "strMatching", pattern: "[^ ]*" } } },
    ],
    ["frobnicator setting", { kind: "unknown", description: "frobnicator setting" }],
  ])("%s", (text, want) => {
    expect(parseNixosType(text)).toEqual(want);
  });
});

/** The untyped leaves of `type`: NixOS's own untyped types, the table's untyped entries, and unknown phrases. */
function untypedLeaves(type: NixosType): string[] {
  switch (type.kind) {
    case "unknown":
      return [`unknown: ${type.description}`];
    case "named":
      return ["anything", "unspecified", "raw"].includes(type.name) ? [`lib.types.${type.name}`] : [];
    case "custom":
      return untypedPhrases.has(type.description) ? [type.description] : untypedLeaves(type.standIn).map((leaf) => `${type.description} → ${leaf}`);
    case "either":
      return [...untypedLeaves(type.left), ...untypedLeaves(type.right)];
    case "coercedTo":
      return [...untypedLeaves(type.from), ...untypedLeaves(type.to)];
    case "submodule":
      return type.freeform === undefined ? [] : untypedLeaves(type.freeform);
    case "enum":
    case "strMatching":
    case "separatedString":
    case "intsBetween":
    case "numbersBetween":
    case "format":
      return [];
    default:
      return untypedLeaves(type.of);
  }
}

describe("the NixOS option table (data/nixos-options.tsv)", () => {
  const phrases = [...new Set(nixosOptionRows().map(([, type]) => type))].sort();

  test("has every option and about a thousand distinct type phrases", () => {
    expect(nixosOptionRows()).toHaveLength(20392);
    expect(phrases.length).toBeGreaterThan(950);
  });

  test("maps every type phrase to lib.types: untyped only where NixOS itself is, each listed", () => {
    const leaves = new Set(phrases.flatMap((phrase) => untypedLeaves(parseNixosType(phrase))));
    // NixOS's own untyped types, `?` (no type in the manual) and systemd's unchecked unit option:
    // nothing else, in particular no unknown phrase and no module type whose stand-in checks nothing.
    expect([...leaves].sort()).toEqual(["?", "lib.types.anything", "lib.types.raw", "lib.types.unspecified", "systemd option"]);
  });

  test.each([
    ["time.timeZone", "Europe/Prague", true],
    ["time.timeZone", "Europe/New York", false],
    ["time.timeZone", null, true],
    ["users.users.<name>.description", "Alice Liddell", true],
    ["users.users.<name>.description", "Alice: admin", false],
    ["networking.hostName", "nas-1", true],
    ["networking.hostName", "nas.lan", false],
    ["services.home-assistant.config.http.server_port", 8123, true],
    ["services.home-assistant.config.http.server_port", 70000, false],
  ])("%s accepts %j: %s", (option, value, want) => {
    const row = nixosOptionRows().find(([name]) => name === option);
    expect(row).toBeDefined();
    expect(fitsNixosType(value, parseNixosType(row?.[1] ?? ""))).toBe(want);
  });
});
