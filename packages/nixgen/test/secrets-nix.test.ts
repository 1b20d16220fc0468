import { call, id, path, print } from "@homelab/nix";
import type { HomelabConfigInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { emitSecretsNix, secretsNixExpr } from "../src/emit/secrets-nix.js";
import { homelab } from "./helpers/homelab-config.js";
import { nixEval, writeTree } from "./helpers/nix-cli.js";
import { rendered } from "./helpers/rendered.js";

const key = (n: number) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${String(n).repeat(43)}`;

const keys = {
  users: { alice: key(1), bob: [key(2), key(3)] },
  hosts: { frame1: key(4), nas: key(5), unused: key(6) },
  groups: { admins: ["alice"], everyone: ["alice", "bob"] },
};

const cases: [name: string, { given: HomelabConfigInput; want: string; recipients: Record<string, string[]> }][] = [
  [
    "keys bound once; groups by name; list bindings join with ++; unused keys left out",
    {
      given: {
        keys,
        secrets: {
          "grafana-admin-password": { recipients: ["admins", "frame1"] },
          backup: { file: "restic-password.age", recipients: ["bob", "frame1", "nas"] },
          shared: { recipients: ["everyone"] },
        },
      },
      want: `let
  alice = "${key(1)}";
  bob = [
    "${key(2)}"
    "${key(3)}"
  ];
  frame1 = "${key(4)}";
  nas = "${key(5)}";
  admins = [ alice ];
  everyone = [ alice ] ++ bob;
in
{
  "grafana-admin-password.age".publicKeys = admins ++ [ frame1 ];
  "restic-password.age".publicKeys = bob ++ [
    frame1
    nas
  ];
  "shared.age".publicKeys = everyone;
}`,
      recipients: {
        "grafana-admin-password.age": [key(1), key(4)],
        "restic-password.age": [key(2), key(3), key(4), key(5)],
        "shared.age": [key(1), key(2), key(3)],
      },
    },
  ],
  [
    "only single keys: one list literal; a description is a comment above its secret",
    {
      given: { keys, secrets: { token: { description: "API token", recipients: ["alice", "nas"] } } },
      want: `let
  alice = "${key(1)}";
  nas = "${key(5)}";
in
{
  # API token
  "token.age".publicKeys = [
    alice
    nas
  ];
}`,
      recipients: { "token.age": [key(1), key(5)] },
    },
  ],
];

describe("secrets.nix", () => {
  test.each(cases)("%s", async (_, { given, want, recipients }) => {
    const config = homelab(given);
    expect(print(secretsNixExpr(config))).toBe(want);
    // agenix reads each publicKeys as a flat list of strings: check what Nix makes of the file.
    const [file] = rendered(emitSecretsNix({ config, source: "c.ts" }));
    const root = await writeTree([file!]);
    expect(await nixEval(call(id("import"), path(`${root}/secrets/secrets.nix`)))).toEqual(
      Object.fromEntries(Object.entries(recipients).map(([name, publicKeys]) => [name, { publicKeys }])),
    );
  });

  test("no secrets, no rules file", () => {
    expect(rendered(emitSecretsNix({ config: homelab({ keys }), source: "c.ts" }))).toEqual([]);
  });

  test("a key binding stays on one line however long the key", () => {
    const long = `ssh-rsa ${"A".repeat(700)} admin@laptop`;
    const config = homelab({ keys: { users: { admin: long } }, secrets: { s: { recipients: ["admin"] } } });
    const [file] = rendered(emitSecretsNix({ config, source: "c.ts" }));
    expect(file?.content).toContain(`\n  admin = "${long}";\n`);
  });
});
