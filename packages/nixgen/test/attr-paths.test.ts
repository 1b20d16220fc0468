import { attrs, call, fromJS, letIn, list, print, raw, ref, str } from "@homelab/nix";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { dottedEntries, mergeBindings, type PathEntry } from "../src/emit/attr-paths.js";
import { nixEval } from "./helpers/nix-cli.js";

const cases: [name: string, { given: PathEntry[]; want: string }][] = [
  [
    "each entry is one binding, grouped as written",
    {
      given: dottedEntries({ "services.grafana": { enable: true, port: 3001 }, "services.loki.enable": true }),
      want: `{
  services.grafana = {
    enable = true;
    port = 3001;
  };
  services.loki.enable = true;
}`,
    },
  ],
  [
    "a set with one attribute prints as a dotted path",
    {
      given: dottedEntries({ users: { users: { admin: { openssh: { authorizedKeys: { keys: ["k"] } } } } } }),
      want: `{
  users.users.admin.openssh.authorizedKeys.keys = [ "k" ];
}`,
    },
  ],
  [
    "sets inside lists collapse too; what holds nothing to collapse prints as it is",
    {
      given: dottedEntries({
        "services.x": { rules: [{ match: { host: "a" }, to: 1 }, { match: { host: "b", port: 2 } }], plain: { a: 1, b: { c: [1, { d: 2, e: 3 }] } } },
        "services.y.settings": { only: { deeper: { still: true } }, list: [[{ k: { v: 1 } }]] },
      }),
      want: `{
  services.x = {
    rules = [
      {
        match.host = "a";
        to = 1;
      }
      {
        match = {
          host = "b";
          port = 2;
        };
      }
    ];
    plain = {
      a = 1;
      b.c = [
        1
        {
          d = 2;
          e = 3;
        }
      ];
    };
  };
  services.y.settings = {
    only.deeper.still = true;
    list = [
      [
        {
          k.v = 1;
        }
      ]
    ];
  };
}`,
    },
  ],
  [
    "a deeper entry merges into the object of an earlier one",
    {
      given: dottedEntries({ "services.caddy": { enable: true }, "services.caddy.email": "a@b.c" }),
      want: `{
  services.caddy = {
    enable = true;
    email = "a@b.c";
  };
}`,
    },
  ],
  [
    "an enclosing entry absorbs earlier deeper ones, at the place of the first, in their order",
    {
      given: dottedEntries({ "a.b": 1, "x.y": 2, "a.c": 3, a: { d: 4 } }),
      want: `{
  a = {
    b = 1;
    c = 3;
    d = 4;
  };
  x.y = 2;
}`,
    },
  ],
  [
    "two lists at one path concatenate",
    {
      given: [
        [["networking", "firewall", "allowedTCPPorts"], [22]],
        [["networking", "firewall", "allowedTCPPorts"], [80, 443]],
      ],
      want: `{
  networking.firewall.allowedTCPPorts = [
    22
    80
    443
  ];
}`,
    },
  ],
  [
    "an expression and anything else at one path go through lib.mkMerge",
    {
      given: [
        [["services", "x"], call(ref("lib.mkIf"), ref("cfg.on"), attrs({ enable: true }))],
        [["services", "x", "port"], 1],
      ],
      want: `{
  services.x = lib.mkMerge [
    (lib.mkIf cfg.on {
      enable = true;
    })
    {
      port = 1;
    }
  ];
}`,
    },
  ],
  [
    "interpolated names never collide at generation time",
    {
      given: [
        [["hosts", str(ref("cfg.a"))], 1],
        [["hosts", str(ref("cfg.b"))], 2],
      ],
      want: `{
  hosts.\${cfg.a} = 1;
  hosts.\${cfg.b} = 2;
}`,
    },
  ],
];

describe("merging settings by path", () => {
  test.each(cases)("%s", (_, { given, want }) => {
    expect(print(attrs(mergeBindings(given)))).toBe(want);
  });
});

// Whatever entries collide, the bindings must be a valid attribute set (Nix rejects an attribute set
// twice) that means the deep merge of the entries: sets merge, lists concatenate. Leaves are lists at
// depth 3, so every collision is one Nix can resolve; some sets arrive as expressions, which go
// through lib.mkMerge (a stand-in with the module system's merge semantics for sets and lists).
describe("merging settings by path: property", () => {
  const key = fc.constantFrom("a", "b", "c");
  type Tree = number[] | { [key: string]: Tree };
  const tree = (depth: number): fc.Arbitrary<Tree> =>
    depth === 0 ? fc.array(fc.nat(9), { maxLength: 2 }) : fc.dictionary(key, tree(depth - 1), { minKeys: 1, maxKeys: 2 });
  const entry = fc
    .integer({ min: 1, max: 3 })
    .chain((length) => fc.tuple(fc.array(key, { minLength: length, maxLength: length }), tree(3 - length), fc.boolean()));

  test("bindings evaluate to the deep merge of the entries", async () => {
    const samples = fc.sample(fc.array(entry, { minLength: 1, maxLength: 6 }), { numRuns: 60, seed: 3 });
    const sets = samples.map((entries) =>
      attrs(mergeBindings(entries.map(([path, value, asExpr]): PathEntry => [path, asExpr && !Array.isArray(value) ? fromJS(value) : value]))),
    );
    const mkMerge = raw(
      "let merge = a: b: if builtins.isAttrs a && builtins.isAttrs b then a // builtins.mapAttrs (k: v: if a ? ${k} then merge a.${k} v else v) b else a ++ b; in xs: builtins.foldl' merge (builtins.head xs) (builtins.tail xs)",
    );
    const got = await nixEval(letIn({ lib: { mkMerge } }, list(sets)));
    expect(got).toEqual(samples.map((entries) => entries.reduce<Tree>((acc, [path, value]) => deepMerge(acc, nested(path, value)), {})));
  });

  function nested(path: readonly string[], value: Tree): Tree {
    return path.reduceRight<Tree>((inner, k) => ({ [k]: inner }), value);
  }

  function deepMerge(a: Tree, b: Tree): Tree {
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    if (Array.isArray(a) || Array.isArray(b)) throw new Error("the generator never mixes lists and sets at one depth");
    const out: { [key: string]: Tree } = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? deepMerge(out[k] as Tree, v) : v;
    return out;
  }
});
