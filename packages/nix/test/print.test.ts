// What the printer writes for each kind of node and each layout rule. Every expected text is also
// parsed by Nix itself at the end.
import { describe, expect, test } from "vitest";
import {
  assertThen,
  attrs,
  bind,
  bool,
  call,
  concat,
  float,
  fn,
  id,
  ifThen,
  indented,
  inherit,
  int,
  item,
  lambda,
  letIn,
  list,
  neg,
  nil,
  not,
  op,
  path,
  print,
  raw,
  recAttrs,
  ref,
  select,
  str,
  update,
  withScope,
  type NixExpr,
} from "@homelab/nix";
import { parseNix } from "./nix-eval.js";

interface Case {
  readonly given: NixExpr;
  readonly want: string;
  readonly width?: number;
}

const tables: Record<string, [string, Case][]> = {
  scalars: [
    ["null", { given: nil, want: "null" }],
    ["true", { given: bool(true), want: "true" }],
    ["false", { given: bool(false), want: "false" }],
    ["int", { given: int(42), want: "42" }],
    ["negative int", { given: int(-5), want: "-5" }],
    ["int64 max", { given: int(2n ** 63n - 1n), want: "9223372036854775807" }],
    // The literal 9223372036854775808 does not lex, so INT64_MIN is a subtraction.
    ["int64 min", { given: int(-(2n ** 63n)), want: "-9223372036854775807 - 1" }],
    ["float with fraction", { given: float(0.5), want: "0.5" }],
    ["integral float keeps a dot", { given: float(1), want: "1.0" }],
    ["small float", { given: float(1e-7), want: "1.0e-7" }],
    ["large float", { given: float(1.5e300), want: "1.5e300" }],
    ["negative float", { given: float(-2.25), want: "-2.25" }],
    ["negative zero", { given: float(-0), want: "0.0" }],
    // Nix 2.8 rejects subnormal literals, so they are an exact product of normal floats.
    ["subnormal float", { given: float(5e-324), want: "(2.220446049250313e-16 * 2.2250738585072014e-308)" }],
    ["negative subnormal", { given: float(-1e-310), want: "(-0.004494232837155776 * 2.2250738585072014e-308)" }],
    ["identifier", { given: id("pkgs"), want: "pkgs" }],
    ["identifier with quote and dash", { given: id("pkgs-unstable'"), want: "pkgs-unstable'" }],
  ],
  paths: [
    ["relative", { given: path("./hosts/nas.nix"), want: "./hosts/nas.nix" }],
    ["parent", { given: path("../lib"), want: "../lib" }],
    ["bare relative gets ./", { given: path("foo/bar"), want: "./foo/bar" }],
    ["dot", { given: path("."), want: "./." }],
    ["dot dot", { given: path(".."), want: "./.." }],
    ["absolute", { given: path("/etc/nixos"), want: "/etc/nixos" }],
    ["root", { given: path("/"), want: "/." }],
    ["trailing slash dropped", { given: path("./modules/"), want: "./modules" }],
    ["home", { given: path("~/src"), want: "~/src" }],
    ["search path", { given: path("<nixpkgs>"), want: "<nixpkgs>" }],
    ["search path with subpath", { given: path("<nixpkgs/lib>"), want: "<nixpkgs/lib>" }],
    ["space in relative path", { given: path("./with space"), want: './. + "/with space"' }],
    ["space in absolute path", { given: path("/abs path/x"), want: '/. + "/abs path/x"' }],
    ["interpolation in path is escaped", { given: path("./${x}"), want: './. + "/\\${x}"' }],
    ["double slash", { given: path("a//b"), want: './. + "/a//b"' }],
    ["search path that is no literal", { given: path("<my repo>"), want: '__findFile __nixPath "my repo"' }],
    ["path sum as a list item", { given: list([path("a b")]), want: '[ (./. + "/a b") ]' }],
  ],
  lists: [
    ["empty", { given: list([]), want: "[ ]" }],
    ["one short scalar stays inline", { given: list(["x"]), want: '[ "x" ]' }],
    ["one reference stays inline", { given: list([ref("pkgs.git")]), want: "[ pkgs.git ]" }],
    ["two items expand", { given: list([1, 2]), want: "[\n  1\n  2\n]" }],
    ["one set expands", { given: list([{ a: 1 }]), want: "[\n  {\n    a = 1;\n  }\n]" }],
    ["one call expands", { given: list([call(id("f"), 1)]), want: "[\n  (f 1)\n]" }],
    ["negative numbers in parentheses", { given: list([-1, 2, float(-0.5)]), want: "[\n  (-1)\n  2\n  (-0.5)\n]" }],
    ["single negative inline", { given: list([-1]), want: "[ (-1) ]" }],
    [
      "comments",
      {
        given: list([item(22, { comment: "ssh" }), item(8043, { trailingComment: "nginx" })]),
        want: "[\n  # ssh\n  22\n  8043 # nginx\n]",
      },
    ],
    ["a comment expands one item", { given: list([item("x", { trailingComment: "why" })]), want: '[\n  "x" # why\n]' }],
    ["nested", { given: list([[], [1], [1, 2]]), want: "[\n  [ ]\n  [ 1 ]\n  [\n    1\n    2\n  ]\n]" }],
    [
      "one long item stays inline while it fits",
      { given: list(["a".repeat(90)]), want: `[ "${"a".repeat(90)}" ]` },
    ],
    ["one item too long", { given: list(["a".repeat(97)]), want: `[\n  "${"a".repeat(97)}"\n]` }],
  ],
  sets: [
    ["empty", { given: attrs({}), want: "{ }" }],
    ["empty rec", { given: recAttrs({}), want: "rec { }" }],
    ["one binding expands", { given: attrs({ a: 1 }), want: "{\n  a = 1;\n}" }],
    ["rec", { given: recAttrs({ a: 1, b: id("a") }), want: "rec {\n  a = 1;\n  b = a;\n}" }],
    ["nested", { given: attrs({ a: { b: { c: true } } }), want: "{\n  a = {\n    b = {\n      c = true;\n    };\n  };\n}" }],
    ["attribute path", { given: attrs([bind(["services", "nginx", "enable"], true)]), want: "{\n  services.nginx.enable = true;\n}" }],
    [
      "names that need quotes",
      {
        given: attrs({ "foo.bar": 1, let: 2, or: 3, "1abc": 4, "": 5, "${x}": 6, "a b": 7, "é": 8 }),
        want: '{\n  "foo.bar" = 1;\n  "let" = 2;\n  "or" = 3;\n  "1abc" = 4;\n  "" = 5;\n  "\\${x}" = 6;\n  "a b" = 7;\n  "é" = 8;\n}',
      },
    ],
    ["names that stay bare", { given: attrs({ _a: 1, "x'": 2, "a-b": 3, true: 4 }), want: "{\n  _a = 1;\n  x' = 2;\n  a-b = 3;\n  true = 4;\n}" }],
    [
      "interpolated names",
      { given: attrs([bind([str(id("name"))], 1), bind([str("p-", id("name"))], 2)]), want: '{\n  ${name} = 1;\n  "p-${name}" = 2;\n}' },
    ],
    [
      "comments",
      {
        given: attrs([bind("port", 8080, { comment: "The port.\n\nSee the manual.", trailingComment: "http" })]),
        want: "{\n  # The port.\n  #\n  # See the manual.\n  port = 8080; # http\n}",
      },
    ],
    ["multi-line trailing comment", { given: attrs([bind("a", 1, { trailingComment: "one\ntwo" })]), want: "{\n  a = 1; # one\n  # two\n}" }],
    [
      "inherit",
      { given: attrs([inherit(["a", "b"]), inherit(["c"], id("lib")), inherit(["let"])]), want: '{\n  inherit a b;\n  inherit (lib) c;\n  inherit "let";\n}' },
    ],
    [
      "long inherit breaks",
      {
        given: attrs([inherit(["mkOption", "mkEnableOption", "mkIf", "mkMerge", "types"], id("lib"))]),
        width: 40,
        want: "{\n  inherit (lib)\n    mkOption\n    mkEnableOption\n    mkIf\n    mkMerge\n    types\n    ;\n}",
      },
    ],
    [
      "long value goes to the next line",
      { given: attrs({ description: "x".repeat(95) }), want: `{\n  description =\n    "${"x".repeat(95)}";\n}` },
    ],
  ],
  let: [
    ["let", { given: letIn({ a: 1 }, id("a")), want: "let\n  a = 1;\nin\na" }],
    ["empty let", { given: letIn({}, 1), want: "let\nin\n1" }],
    [
      "let with a set body",
      { given: letIn({ base: call(id("import"), path("./LXC-base-config.nix")) }, attrs({ a: 1 })), want: "let\n  base = import ./LXC-base-config.nix;\nin\n{\n  a = 1;\n}" },
    ],
    ["let as a binding value", { given: attrs({ x: letIn({ a: 1 }, id("a")) }), want: "{\n  x =\n    let\n      a = 1;\n    in\n    a;\n}" }],
    ["let as an argument", { given: call(id("f"), letIn({ a: 1 }, id("a"))), want: "f (\n  let\n    a = 1;\n  in\n  a\n)" }],
  ],
  functions: [
    ["simple", { given: lambda("x", id("x")), want: "x: x" }],
    ["curried", { given: lambda("pkgs", lambda("pkgs-unstable", withScope(id("pkgs"), list([id("git")])))), want: "pkgs: pkgs-unstable: with pkgs; [ git ]" }],
    [
      "curried with a list body",
      {
        given: lambda("pkgs", lambda("pkgs-unstable", withScope(id("pkgs"), list([id("git"), ref("pkgs-unstable.helix")])))),
        want: "pkgs: pkgs-unstable: with pkgs; [\n  git\n  pkgs-unstable.helix\n]",
      },
    ],
    ["formals that fit", { given: fn(["a", ["b", 1]], op("+", id("a"), id("b"))), want: "{ a, b ? 1 }: a + b" }],
    ["module", { given: fn(["config", "lib", "pkgs"], attrs({ a: 1 }), { ellipsis: true }), want: "{ config, lib, pkgs, ... }:\n{\n  a = 1;\n}" }],
    [
      "module with let",
      { given: fn(["lib"], letIn({ a: 1 }, attrs({ b: id("a") })), { ellipsis: true }), want: "{ lib, ... }:\nlet\n  a = 1;\nin\n{\n  b = a;\n}" },
    ],
    [
      "long formals break",
      {
        given: fn(["config", "lib", "pkgs", "modulesPath"], id("lib"), { ellipsis: true }),
        width: 30,
        want: "{\n  config,\n  lib,\n  pkgs,\n  modulesPath,\n  ...\n}:\nlib",
      },
    ],
    ["empty formals", { given: fn([], 1), want: "{ }: 1" }],
    ["ellipsis only", { given: fn([], 1, { ellipsis: true }), want: "{ ... }: 1" }],
    ["at pattern", { given: fn(["a"], id("args"), { at: "args", ellipsis: true }), want: "args@{ a, ... }: args" }],
    ["lambda as a binding value", { given: attrs({ overlay: lambda("final", lambda("prev", attrs({ a: 1 }))) }), want: "{\n  overlay = final: prev: {\n    a = 1;\n  };\n}" }],
    ["formals lambda as a binding value", { given: attrs({ f: fn(["a"], attrs({ b: id("a") })) }), want: "{\n  f =\n    { a }:\n    {\n      b = a;\n    };\n}" }],
    ["lambda with a let body", { given: lambda("x", letIn({ y: id("x") }, id("y"))), want: "x:\nlet\n  y = x;\nin\ny" }],
  ],
  calls: [
    ["call", { given: call(ref("lib.mkEnableOption"), "foo"), want: 'lib.mkEnableOption "foo"' }],
    ["two arguments", { given: call(id("f"), 1, id("x")), want: "f 1 x" }],
    [
      "set argument hangs off the line",
      {
        given: attrs({ port: call(ref("lib.mkOption"), attrs({ type: ref("lib.types.port"), default: 8080 })) }),
        want: "{\n  port = lib.mkOption {\n    type = lib.types.port;\n    default = 8080;\n  };\n}",
      },
    ],
    [
      "nested hanging calls",
      {
        given: call(ref("lib.mkIf"), ref("cfg.enable"), call(ref("lib.mkMerge"), list([{ a: 1 }, { b: 2 }]))),
        want: "lib.mkIf cfg.enable (lib.mkMerge [\n  {\n    a = 1;\n  }\n  {\n    b = 2;\n  }\n])",
      },
    ],
    [
      "lambda argument hangs",
      {
        given: call(ref("lib.mapAttrs'"), ref("cfg.hosts"), lambda("name", lambda("value", attrs({ inherit: id("name") })))),
        want: "lib.mapAttrs' cfg.hosts (name: value: {\n  \"inherit\" = name;\n})",
      },
    ],
    [
      "arguments one per line when too long",
      { given: call(id("f"), "a".repeat(30), "b".repeat(30)), width: 40, want: `f\n  "${"a".repeat(30)}"\n  "${"b".repeat(30)}"` },
    ],
    ["function in parentheses", { given: call(lambda("x", id("x")), 1), want: "(x: x) 1" }],
    ["call as an argument", { given: call(id("f"), call(id("g"), id("x"))), want: "f (g x)" }],
    ["negative argument", { given: call(id("f"), -1), want: "f (-1)" }],
    ["select argument", { given: call(id("f"), ref("a.b")), want: "f a.b" }],
  ],
  selects: [
    ["dotted", { given: ref("config.services.foo.port"), want: "config.services.foo.port" }],
    ["quoted name", { given: select(id("x"), ["a.b", "c"]), want: 'x."a.b".c' }],
    ["interpolated name", { given: select(id("x"), [str(id("y"))]), want: "x.${y}" }],
    ["or default", { given: select(id("x"), "a", 1), want: "x.a or 1" }],
    ["negative default", { given: select(id("x"), "a", -1), want: "x.a or (-1)" }],
    ["select of a default", { given: select(select(id("x"), "a", 1), "b"), want: "(x.a or 1).b" }],
    ["select of a number", { given: select(int(1), "a"), want: "(1).a" }],
    ["select of a path", { given: select(path("./x"), "a"), want: "(./x).a" }],
    ["select of a call", { given: select(call(id("f"), 1), "a"), want: "(f 1).a" }],
  ],
  operators: [
    ["has attribute", { given: op("?", id("x"), id("a")), want: "x ? a" }],
    ["has quoted attribute", { given: op("?", id("x"), str("a b")), want: 'x ? "a b"' }],
    ["has attribute path", { given: op("?", id("x"), ref("a.b")), want: "x ? a.b" }],
    ["left associative", { given: op("-", op("-", 1, 2), 3), want: "1 - 2 - 3" }],
    ["right operand of a left associative", { given: op("-", 1, op("-", 2, 3)), want: "1 - (2 - 3)" }],
    ["right associative", { given: update(id("a"), update(id("b"), id("c"))), want: "a // b // c" }],
    ["left operand of a right associative", { given: update(update(id("a"), id("b")), id("c")), want: "(a // b) // c" }],
    ["non-associative", { given: op("==", op("==", id("a"), id("b")), id("c")), want: "(a == b) == c" }],
    ["implication", { given: op("->", id("a"), op("->", id("b"), id("c"))), want: "a -> b -> c" }],
    ["precedence", { given: op("*", op("+", 1, 2), 3), want: "(1 + 2) * 3" }],
    ["no needless parentheses", { given: op("+", 1, op("*", 2, 3)), want: "1 + 2 * 3" }],
    ["and over or", { given: op("||", id("a"), op("&&", id("b"), id("c"))), want: "a || b && c" }],
    ["concat binds tighter than update", { given: update(id("a"), concat(id("b"), id("c"))), want: "a // b ++ c" }],
    ["minus a negative", { given: op("-", id("a"), -1), want: "a - -1" }],
    ["int64 min as an operand", { given: op("*", int(-(2n ** 63n)), 1), want: "(-9223372036854775807 - 1) * 1" }],
    ["negate", { given: neg(id("x")), want: "-x" }],
    ["negate a negative", { given: neg(-1), want: "- -1" }],
    ["negate a call", { given: neg(call(id("f"), id("x"))), want: "-f x" }],
    ["negate a sum", { given: neg(op("+", 1, 2)), want: "-(1 + 2)" }],
    ["not", { given: not(id("x")), want: "!x" }],
    ["not not", { given: not(not(id("x"))), want: "!!x" }],
    ["not a comparison", { given: not(op("==", id("a"), 1)), want: "!(a == 1)" }],
    ["not a sum, for the reader", { given: not(op("+", id("a"), 1)), want: "!(a + 1)" }],
    ["not as a sum operand", { given: op("+", not(id("a")), 1), want: "(!a) + 1" }],
    ["not in a conjunction", { given: op("&&", not(id("a")), id("b")), want: "!a && b" }],
    ["not as has operand", { given: op("?", not(id("x")), id("a")), want: "(!x) ? a" }],
    ["lambda as operand", { given: op("+", lambda("x", id("x")), 1), want: "(x: x) + 1" }],
    ["update hangs its set", { given: update(ref("base.systemSettings"), attrs({ a: 1 })), want: "base.systemSettings // {\n  a = 1;\n}" }],
    [
      "chain breaks before operators",
      {
        given: op("&&", op("&&", op("==", id("a".repeat(20)), 1), op("==", id("b".repeat(20)), 2)), op("==", id("c".repeat(20)), 3)),
        width: 40,
        want: `${"a".repeat(20)} == 1\n&& ${"b".repeat(20)} == 2\n&& ${"c".repeat(20)} == 3`,
      },
    ],
    [
      "chain as a binding value",
      { given: attrs({ x: concat(id("a".repeat(30)), id("b".repeat(30))) }), width: 40, want: `{\n  x =\n    ${"a".repeat(30)}\n    ++ ${"b".repeat(30)};\n}` },
    ],
  ],
  scopes: [
    ["with", { given: withScope(id("pkgs"), list([id("git")])), want: "with pkgs; [ git ]" }],
    [
      "with list as a binding value",
      { given: attrs({ environment: { systemPackages: withScope(id("pkgs"), list([id("git"), id("vim")])) } }), want: "{\n  environment = {\n    systemPackages = with pkgs; [\n      git\n      vim\n    ];\n  };\n}" },
    ],
    ["with a lambda scope", { given: withScope(lambda("x", id("x")), 1), want: "with (x: x); 1" }],
    ["if", { given: ifThen(op("==", ref("cfg.port"), 80), "http", "https"), want: 'if cfg.port == 80 then "http" else "https"' }],
    [
      "long if",
      { given: ifThen(id("a"), "x".repeat(40), "y".repeat(40)), width: 50, want: `if a then\n  "${"x".repeat(40)}"\nelse\n  "${"y".repeat(40)}"` },
    ],
    [
      "else if chain",
      {
        given: ifThen(id("a"), "x".repeat(30), ifThen(id("b"), "y".repeat(30), "z".repeat(30))),
        width: 40,
        want: `if a then\n  "${"x".repeat(30)}"\nelse if b then\n  "${"y".repeat(30)}"\nelse\n  "${"z".repeat(30)}"`,
      },
    ],
    ["if with sets", { given: ifThen(id("a"), attrs({ x: 1 }), attrs({})), want: "if a then\n  {\n    x = 1;\n  }\nelse\n  { }" }],
    ["if as an operand", { given: call(ifThen(id("a"), id("f"), id("g")), 1), want: "(if a then f else g) 1" }],
    ["assert", { given: assertThen(op("!=", id("x"), nil), attrs({ a: 1 })), want: "assert x != null;\n{\n  a = 1;\n}" }],
    ["short assert", { given: assertThen(id("x"), 1), want: "assert x; 1" }],
  ],
  raw: [
    ["verbatim", { given: raw("builtins.currentSystem"), want: "builtins.currentSystem" }],
    ["parenthesised unless simple", { given: list([raw("pkgs.hello"), raw("f x")]), want: "[\n  pkgs.hello\n  (f x)\n]" }],
    ["continuation lines re-indented", { given: attrs({ a: raw("lib.mkForce {\n  x = 1;\n}") }), want: "{\n  a =\n    lib.mkForce {\n      x = 1;\n    };\n}" }],
  ],
  strings: [
    ["plain", { given: str("hello"), want: '"hello"' }],
    ["interpolation", { given: str("http://", id("host"), ":", call(id("toString"), id("port"))), want: '"http://${host}:${toString port}"' }],
    ["multi-line becomes indented", { given: str("a\nb\n"), want: "''\n  a\n  b\n''" }],
    ["indented as a binding value", { given: attrs({ text: str("a\n  b\n") }), want: "{\n  text = ''\n    a\n      b\n  '';\n}" }],
    ["indented single line", { given: indented("echo hi"), want: "''echo hi''" }],
  ],
  widths: [
    [
      "width 1 breaks everything that can break",
      { given: attrs({ a: call(id("f"), op("+", 1, 2)) }), width: 1, want: "{\n  a =\n    f\n      (\n        1\n        + 2\n      );\n}" },
    ],
    ["a wide width keeps short things flat", { given: attrs({ a: call(id("f"), op("+", 1, 2)) }), width: 200, want: "{\n  a = f (1 + 2);\n}" }],
  ],
};

for (const [section, cases] of Object.entries(tables)) {
  describe(section, () => {
    test.each(cases)("%s", (_, { given, width, want }) => {
      expect(print(given, width === undefined ? {} : { width })).toBe(want);
    });
  });
}

test("every expected text parses with Nix", () => {
  const all = Object.values(tables).flatMap((cases) => cases.map(([, { want }]) => want));
  parseNix(`[\n${all.map((want) => `(\n${want}\n)\n`).join("")}]`);
});
