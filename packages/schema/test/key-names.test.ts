import { describe, expect, test } from "vitest";
import { keyKind, reachableKeyNames } from "@homelab/schema/internal";
import type { Keys } from "@homelab/schema";

const keys: Keys = {
  users: { alice: "ssh-ed25519 A", bob: ["ssh-ed25519 B1", "ssh-ed25519 B2"] },
  hosts: { nas: "ssh-ed25519 N" },
  groups: { admins: ["alice"], everyone: ["admins", "bob", "alice"] },
};

describe("key names", () => {
  test.each([
    ["a user, a host, a literal key as themselves", ["bob", "nas", "ssh-ed25519 X"], ["bob", "nas", "ssh-ed25519 X"]],
    ["a group before its members, each name once", ["everyone", "alice"], ["everyone", "admins", "alice", "bob"]],
    ["nothing from nothing", [], []],
  ])("%s", (_, roots, want) => {
    expect(reachableKeyNames(keys, roots)).toEqual(want);
  });

  test("the part of the registry a name is bound in", () => {
    expect(["alice", "nas", "admins", "ssh-ed25519 X"].map((name) => keyKind(keys, name))).toEqual([
      "user",
      "host",
      "group",
      undefined,
    ]);
  });
});
