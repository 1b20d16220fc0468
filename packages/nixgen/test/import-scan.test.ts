// The light source scan of `nixgen import`: let binding names, written order, comments, imports and
// identifiers, which evaluation forgets. Values never come from here, so each case checks names only.
import { describe, expect, test } from "vitest";
import { pathKey, scanSource } from "../src/import/nix-scan.js";
import { NixLexError, tokenize } from "../src/import/nix-tokens.js";

describe("scanSource", () => {
  test("top-level let: binding names in order, and where the bindings and the body start", () => {
    const source = 'let\n  admin = "k";\n  inherit (builtins) map;\n  admins = [ admin ];\nin\n{ x = admins; }\n';
    const scan = scanSource(source);
    expect(scan.lets?.names).toEqual(["admin", "map", "admins"]);
    expect(source.slice(scan.lets?.bindingsStart, scan.lets?.bodyStart)).toBe(
      '\n  admin = "k";\n  inherit (builtins) map;\n  admins = [ admin ];\nin',
    );
  });

  test.each<[string, { given: string; path: string[]; want: string[] }]>([
    [
      "written order, not sorted",
      { given: "{ zeta = 1; alpha = 2; mid = 3; }", path: [], want: ["zeta", "alpha", "mid"] },
    ],
    ["dotted bindings record each level", { given: "{ b.y = 1; a = 2; b.x = 3; }", path: ["b"], want: ["y", "x"] }],
    [
      "quoted names",
      { given: '{ "grafana.age".publicKeys = [ ]; "a b" = 1; }', path: [], want: ["grafana.age", "a b"] },
    ],
    [
      "the set after `//` belongs to the binding",
      { given: "{ s = base.s // { z = 1; a = 2; }; }", path: ["s"], want: ["z", "a"] },
    ],
    [
      "a nested let's bindings are not attributes",
      { given: "{ v = let q = 1; in { r = q; }; }", path: ["v"], want: ["r"] },
    ],
    [
      "sets in a list share the list's path",
      { given: "{ l = [ { m = 1; } { c = 2; m = 3; } ]; }", path: ["l", "[]"], want: ["m", "c"] },
    ],
    [
      "`with pkgs;` inside a value does not end the binding",
      { given: "{ p = pkgs: with pkgs; [ vim ]; q = 1; }", path: [], want: ["p", "q"] },
    ],
    [
      "a function's argument set is no attribute set",
      { given: "{ a, b ? { c = 1; } }: { d = a; }", path: [], want: ["d"] },
    ],
    [
      "strings with braces and interpolation",
      { given: "{ s = \"}${ { x = 1; }.x }{\"; t = ''${\"}\"}''; }", path: [], want: ["s", "t"] },
    ],
  ])("order: %s", (_, { given, path, want }) => {
    expect(scanSource(given).order.get(pathKey(path))).toEqual(want);
  });

  test("comments above a binding, beside it, and across a blank line attach to the binding below", () => {
    const source = [
      "{",
      "  # Firewall",
      "  # ports",
      "  a = 1; # beside a",
      "",
      "  # first block",
      "",
      "  # second block",
      "  b = 2;",
      "  /* block",
      "     comment */",
      "  c = 3;",
      "}",
    ].join("\n");
    const { comments } = scanSource(source);
    expect(Object.fromEntries(comments)).toEqual({
      [pathKey(["a"])]: "Firewall\nports\nbeside a",
      [pathKey(["b"])]: "first block\n\nsecond block",
      [pathKey(["c"])]: "block\ncomment",
    });
  });

  test("the file's header comment, imports and identifiers with their selections", () => {
    const scan = scanSource(
      "# LXCHOME\n# profile\nlet base = import ./LXC-base-config.nix; in with pkgs; [ vim python3Packages.requests ]",
    );
    expect(scan.header).toEqual(["LXCHOME", "profile"]);
    expect(scan.imports).toEqual(["./LXC-base-config.nix"]);
    expect(scan.identifiers.map((names) => names.join("."))).toEqual(["pkgs", "vim", "python3Packages.requests"]);
  });
});

describe("tokenize", () => {
  test.each([
    ["a path, not a division", "./hosts/x.nix", ["path:./hosts/x.nix"]],
    ["an identifier with - and '", "pkgs-unstable.foo'", ["id:pkgs-unstable", "punct:.", "id:foo'"]],
    ["escapes in an indented string", "''a '''b ''${c} ''\\n''", ["str:''a '''b ''${c} ''\\n''"]],
    ["an update operator", "a // b", ["id:a", "punct://", "id:b"]],
  ])("%s", (_, source, want) => {
    expect(tokenize(source).map((token) => `${token.kind}:${token.text}`)).toEqual(want);
  });

  test("an unterminated string is a lex error, not a hang", () => {
    expect(() => tokenize('{ a = "x; }')).toThrow(NixLexError);
  });
});
