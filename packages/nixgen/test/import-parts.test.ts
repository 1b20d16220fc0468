// The pure parts of `nixgen import`: naming keys after the file's bindings, and writing values as
// TypeScript (escapes, Nix-only values, shared values as consts).
import { float, path } from "@homelab/nix";
import type { HomelabConfigInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { emitTypeScript } from "../src/import/emit-ts.js";
import { KeyRegistry } from "../src/import/key-registry.js";
import type { NixAttrs } from "../src/import/nix-data.js";

const key = (n: number, comment = "") => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${String(n).repeat(43)}${comment}`;

describe("KeyRegistry.refs", () => {
  const lets: NixAttrs = { admin: key(1), ops: key(2), doc2: key(3), admins: [key(1), key(2)], solo: [key(4)] };

  test.each<[string, { keys: string[]; want: string[]; registry: ReturnType<KeyRegistry["toInput"]> }]>([
    [
      "a bound list where it matches a run, then bound single keys",
      {
        keys: [key(1), key(2), key(3)],
        want: ["admins", "doc2"],
        registry: {
          users: { admin: key(1), ops: key(2) },
          hosts: { doc2: key(3) },
          groups: { admins: ["admin", "ops"] },
        },
      },
    ],
    [
      "a one-key list only where no binding names the key itself",
      {
        keys: [key(4), key(1)],
        want: ["solo", "admin"],
        registry: { users: { "solo-1": key(4), admin: key(1) }, groups: { solo: ["solo-1"] } },
      },
    ],
    [
      "an unbound key is named after its comment, else after where it is",
      {
        keys: [key(5, " abl030@framework"), key(6)],
        want: ["abl030-framework", "doc2-2"],
        registry: { users: { "abl030-framework": key(5, " abl030@framework"), "doc2-2": key(6) } },
      },
    ],
  ])("%s", (_, { keys, want, registry }) => {
    const names = new KeyRegistry(new Set(["doc2"]));
    expect(names.refs(keys, lets, "doc2")).toEqual(want);
    expect(names.toInput()).toEqual(registry);
  });

  test("a name already taken by another key gets a suffix; the same key keeps its name", () => {
    const names = new KeyRegistry(new Set());
    expect(names.refs([key(1, " admin")], undefined, "a")).toEqual(["admin"]);
    expect(names.refs([key(2, " admin"), key(1, " admin")], undefined, "b")).toEqual(["admin-2", "admin"]);
  });
});

describe("emitTypeScript", () => {
  const emit = (config: HomelabConfigInput) => emitTypeScript(config, { sources: ["hosts.nix"] });

  test("strings that TypeScript would read differently are escaped; multi-line ones stay multi-line", async () => {
    const text = await emit({
      profiles: {
        p: { userSettings: { a: 'quote " and \\ and ${x}', zshinitContent: "line `one` ${HOME}\\n\n  line two\r\n" } },
      },
    });
    // prettier picks the quote that needs fewer escapes
    expect(text).toContain("a: 'quote \" and \\\\ and ${x}',");
    expect(text).toContain("zshinitContent: `line \\`one\\` \\${HOME}\\\\n\n  line two\\u000d\n`,");
  });

  test("paths and floats through @homelab/nix, big and negative numbers as they are, odd keys quoted", async () => {
    const text = await emit({
      inventory: {
        metadata: {
          _x: {
            file: path("./hosts/a.nix"),
            ratio: float(-0.5),
            big: 9007199254740993n,
            low: -3,
            "a-b": 1,
            ["__proto__"]: 2,
          },
        },
      },
    });
    expect(text).toContain('import { float, path } from "@homelab/nix";');
    expect(text).toContain(
      [
        "      _x: {",
        '        file: path("./hosts/a.nix"),',
        "        ratio: float(-0.5),",
        "        big: 9007199254740993n,",
        "        low: -3,",
        '        "a-b": 1,',
        '        ["__proto__"]: 2,',
        "      },",
      ].join("\n"),
    );
  });

  test("a pass-through value used twice is one const; one used once stays inline", async () => {
    const ignore = ["description", "tags"];
    const text = await emitTypeScript(
      {
        inventory: {
          metadata: {
            _a: { x: 1 },
            _b: ignore,
            _c: ignore,
            _d: ["description"],
            _e: [path("./a"), path("./b")],
            _f: [path("./a"), path("./b")],
          },
        },
      },
      { sources: ["hosts.nix"], names: [[["description", "tags"], "imported-ignores"]] },
    );
    expect(text).toContain('const importedIgnores = ["description", "tags"];');
    expect(text).toContain("_b: importedIgnores,");
    expect(text).toContain('_d: ["description"],');
    // A helper only a const uses is imported too.
    expect(text).toContain('import { path } from "@homelab/nix";');
    expect(text).toContain('const _e = [path("./a"), path("./b")];');
  });
});
