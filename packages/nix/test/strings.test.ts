// Escaping: what each string prints as, and that Nix reads every one back as exactly the text given.
import { beforeAll, describe, expect, test } from "vitest";
import { indented, print, str, type StringNode } from "@homelab/nix";
import { node } from "../src/ast.js";
import { evalNixJson, requireNix } from "./nix-eval.js";

interface Case {
  readonly given: StringNode;
  /** The text the string stands for. */
  readonly text: string;
  readonly want: string;
}

const double = (text: string): StringNode => node<StringNode>({ kind: "string", parts: [text], style: "double" });
const auto = (text: string): StringNode => str(text);

const cases: Record<string, [string, Case][]> = {
  "double quotes": [
    ["plain", { given: auto("hello"), text: "hello", want: '"hello"' }],
    ["empty", { given: auto(""), text: "", want: '""' }],
    ["quote and backslash", { given: auto('say "hi" \\o/'), text: 'say "hi" \\o/', want: '"say \\"hi\\" \\\\o/"' }],
    ["interpolation start", { given: auto("${x}"), text: "${x}", want: '"\\${x}"' }],
    ["lone dollar", { given: auto("5$ and $x"), text: "5$ and $x", want: '"5$ and $x"' }],
    ["dollar dollar brace", { given: auto("$${x}"), text: "$${x}", want: '"$\\${x}"' }],
    ["trailing dollar", { given: auto("a$"), text: "a$", want: '"a$"' }],
    ["dollar before an interpolation", { given: str("a$", str("b")), text: "a$b", want: '"a\\$${"b"}"' }],
    ["control characters", { given: auto("\t\r\x01\x7f"), text: "\t\r\x01\x7f", want: '"\\t\\r\x01\x7f"' }],
    ["unicode", { given: auto("é 😀 \u2028"), text: "é 😀 \u2028", want: '"é 😀 \u2028"' }],
    ["forced double keeps newlines escaped", { given: double("a\nb\n"), text: "a\nb\n", want: '"a\\nb\\n"' }],
    ["nested interpolation", { given: str("<", str("in", str("ner")), ">"), text: "<inner>", want: '"<${"in${"ner"}"}>"' }],
  ],
  "indented strings": [
    ["multi-line text", { given: auto("a\n  b\n"), text: "a\n  b\n", want: "''\n  a\n    b\n''" }],
    ["no final newline", { given: auto("a\nb"), text: "a\nb", want: "''\n  a\n  b''" }],
    ["first line empty", { given: auto("\na\n"), text: "\na\n", want: "''\n\n  a\n''" }],
    ["empty lines carry no spaces", { given: auto("a\n\nb\n"), text: "a\n\nb\n", want: "''\n  a\n\n  b\n''" }],
    ["blank line keeps its spaces", { given: auto("a\n   \nb\n"), text: "a\n   \nb\n", want: "''\n  a\n     \n  b\n''" }],
    ["two quotes", { given: auto("x''y\n"), text: "x''y\n", want: "''\n  x'''y\n''" }],
    ["three quotes", { given: auto("'''\n"), text: "'''\n", want: "''\n  ''''\n''" }],
    ["interpolation start", { given: auto("${x}\n"), text: "${x}\n", want: "''\n  ''${x}\n''" }],
    ["quote before an escape", { given: auto("'${x}\n"), text: "'${x}\n", want: "''\n  ''\\'''${x}\n''" }],
    ["quote before the closing quotes", { given: auto("a\nit's'"), text: "a\nit's'", want: "''\n  a\n  it's''\\'''" }],
    ["backslashes stay", { given: auto("\\n\\\n"), text: "\\n\\\n", want: "''\n  \\n\\\n''" }],
    ["tab indentation is content", { given: auto("\tx\ny\n"), text: "\tx\ny\n", want: "''\n  \tx\n  y\n''" }],
    ["dollar before an interpolation", { given: str("a$", str("b"), "\n"), text: "a$b\n", want: "''\n  a''$${\"b\"}\n''" }],
    ["indented style, one line", { given: indented("echo hi"), text: "echo hi", want: "''echo hi''" }],
    ["indented style, empty", { given: indented(""), text: "", want: "''''" }],
    ["indented style, carriage return", { given: indented("a\r\nb\r\n"), text: "a\r\nb\r\n", want: "''\n  a''\\r\n  b''\\r\n''" }],
    // No line starts at the left edge, so the first space is escaped: an escape is not indentation.
    ["indented style, all lines indented", { given: indented("  a\n  b\n"), text: "  a\n  b\n", want: "''\n  ''\\  a\n    b\n''" }],
  ],
  // Where `''…''` would not read back as the same text, the printer falls back to `"…"`.
  "fallbacks to double quotes": [
    ["every line indented", { given: auto("  a\n  b\n"), text: "  a\n  b\n", want: '"  a\\n  b\\n"' }],
    ["last line of spaces", { given: auto("a\n  "), text: "a\n  ", want: '"a\\n  "' }],
    ["only blank lines", { given: auto("\n\n"), text: "\n\n", want: '"\\n\\n"' }],
    ["carriage returns", { given: auto("a\r\nb\r\n"), text: "a\r\nb\r\n", want: '"a\\r\\nb\\r\\n"' }],
    ["indented style, leading space on one line", { given: indented(" x"), text: " x", want: '" x"' }],
    ["indented style, last line of spaces", { given: indented("a\n "), text: "a\n ", want: '"a\\n "' }],
  ],
};

beforeAll(requireNix);

for (const [section, table] of Object.entries(cases)) {
  describe(section, () => {
    test.each(table)("%s", (_, { given, want }) => {
      expect(print(given)).toBe(want);
    });
  });
}

test("Nix reads every string back as exactly its text", () => {
  const strings = Object.values(cases).flat();
  const got = evalNixJson(strings.map(([, { given }]) => print(given)));
  expect(got).toEqual(strings.map(([, { text }]) => text));
});
