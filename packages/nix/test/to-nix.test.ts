// `toNix` and `printFile`: plain data in, a file's worth of Nix out; and the literals whose meaning
// is easy to get wrong (numbers, paths) checked against Nix itself.
import { homedir } from "node:os";
import { beforeAll, describe, expect, test } from "vitest";
import { attrs, call, float, fn, id, item, path, print, printFile, ref, toNix } from "@homelab/nix";
import { evalNixJson, parseNix, requireNix } from "./nix-eval.js";

beforeAll(requireNix);

describe("toNix", () => {
  test.each<[string, { given: unknown; options?: Parameters<typeof toNix>[1]; want: string }]>([
    [
      "the doc comment example",
      {
        given: { networking: { hostName: "nas" }, ports: [22, item(8043, { trailingComment: "nginx" })] },
        want: '{\n  networking = {\n    hostName = "nas";\n  };\n  ports = [\n    22\n    8043 # nginx\n  ];\n}',
      },
    ],
    ["scalars", { given: [null, true, 1, 1.5, "s", 2n ** 62n], want: '[\n  null\n  true\n  1\n  1.5\n  "s"\n  4611686018427387904\n]' }],
    ["undefined properties are skipped", { given: { a: 1, b: undefined }, want: "{\n  a = 1;\n}" }],
    ["null-prototype objects", { given: Object.assign(Object.create(null) as object, { a: 1 }), want: "{\n  a = 1;\n}" }],
    [
      "nodes mixed into data",
      {
        given: { imports: [path("./hardware.nix")], port: call(ref("lib.mkDefault"), 8080), pkg: ref("pkgs.hello") },
        want: "{\n  imports = [ ./hardware.nix ];\n  port = lib.mkDefault 8080;\n  pkg = pkgs.hello;\n}",
      },
    ],
    ["file", { given: { a: 1 }, options: { file: true }, want: "{\n  a = 1;\n}\n" }],
    [
      "header implies a file",
      { given: [], options: { header: ["Generated from homelab.yaml", "", "do not edit; run `pnpm gen`"] }, want: "# Generated from homelab.yaml\n#\n# do not edit; run `pnpm gen`\n\n[ ]\n" },
    ],
    ["width", { given: { a: call(id("f"), "x".repeat(20)) }, options: { width: 20 }, want: `{\n  a =\n    f\n      "${"x".repeat(20)}";\n}` }],
  ])("%s", (_, { given, options, want }) => {
    expect(toNix(given, options)).toBe(want);
  });
});

describe("long output", () => {
  // The printer sets its text aside in pieces as it grows (a few thousand, then a few dozen of those):
  // sizes around and well past each step must all come out whole and in order.
  test.each([1, 4095, 4096, 4097, 65_535, 65_536, 65_537, 300_000])("a list printed in %i pieces", (pieces) => {
    const items = Array.from({ length: Math.floor((pieces - 3) / 2) }, (_, i) => i);
    const want = items.length === 0 ? "[ ]" : `[\n${items.map((i) => `  ${i}\n`).join("")}]`;
    expect(toNix(items)).toBe(items.length === 1 ? "[ 0 ]" : want);
  });
});

describe("printFile", () => {
  test("no header: the expression and one newline", () => {
    expect(printFile(attrs({}))).toBe("{ }\n");
  });

  test("a header line with a newline becomes two comment lines", () => {
    expect(printFile(id("x"), { header: ["one\ntwo  "] })).toBe("# one\n# two\n\nx\n");
  });

  test("a module file parses", () => {
    const text = printFile(fn(["config", "lib"], attrs({ a: ref("config.a") }), { ellipsis: true }), { header: ["generated"] });
    expect(text).toBe("# generated\n\n{ config, lib, ... }:\n{\n  a = config.a;\n}\n");
    parseNix(text);
  });
});

describe("numbers read back exactly", () => {
  const ints = [0n, 1n, -1n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), -(2n ** 63n) + 1n];
  const floats = [0.1, -0.1, 1, -1, 1e-7, 1.5e300, 1.7976931348623157e308, 2.2250738585072014e-308, 5e-324, -5e-324, 1e-310, 1e21, 123456.789];

  test("ints", () => {
    expect(evalNixJson(ints.map((i) => toNix(i)))).toEqual(ints);
  });

  test("floats stay floats", () => {
    expect(evalNixJson(floats.map((f) => toNix(float(f))))).toEqual(floats.map((f) => float(f)));
  });

  test("negative numbers as arguments and list items", () => {
    expect(evalNixJson([print(call(ref("builtins.head"), [-1, float(-2.5)])), toNix([-1, float(-0.5), -(2n ** 63n)])])).toEqual([
      -1n,
      [-1n, float(-0.5), -(2n ** 63n)],
    ]);
  });
});

describe("paths mean what was asked", () => {
  // Relative paths resolve against the evaluated file's directory, which `toString ./.` names.
  const relative: [string, string][] = [
    ["./a", "/a"],
    ["a/b", "/a/b"],
    ["./with space", "/with space"],
    ["./a//b/", "/a/b"],
    ["./${x}", "/${x}"],
  ];
  const absolute: [string, string][] = [
    ["/etc/nixos", "/etc/nixos"],
    ["/", "/"],
    ["/abs path/x", "/abs path/x"],
    ["~/src dir", `${homedir()}/src dir`],
  ];

  test("all evaluate to the expected absolute path", () => {
    const exprs = [...relative, ...absolute].map(([p]) => `toString (${print(path(p))})`);
    const [base, ...got] = evalNixJson(["toString ./.", ...exprs]) as string[];
    const parent = (base ?? "").replace(/\/[^/]*$/, "");
    expect(got).toEqual([...relative.map(([, rel]) => base + rel), ...absolute.map(([, abs]) => abs)]);
    expect(evalNixJson([`toString (${print(path("../up"))})`])[0]).toMatch(/\/up$/);
    expect(parent).not.toBe("");
  });
});
