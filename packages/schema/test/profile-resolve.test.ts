import { describe, expect, test } from "vitest";
import { homelabConfig } from "../src/config.js";
import { isMergeableList } from "../src/internal.js";
import { profileChain } from "../src/profile-resolve.js";
import { resolveProfile, validateConfig, type HomelabConfigInput } from "../src/index.js";

const chains: [name: string, { given: HomelabConfigInput["profiles"]; want: string[] }][] = [
  ["a base profile", { given: { a: {} }, want: ["a"] }],
  ["up to the base", { given: { a: { extends: "b" }, b: { extends: "c" }, c: {} }, want: ["a", "b", "c"] }],
  ["stops before an unknown base", { given: { a: { extends: "missing" } }, want: ["a"] }],
  ["stops before a cycle", { given: { a: { extends: "b" }, b: { extends: "a" } }, want: ["a", "b"] }],
];

describe("profileChain", () => {
  test.each(chains)("%s", (_, { given, want }) => {
    expect(profileChain(homelabConfig.parse({ profiles: given }).profiles, "a")).toEqual(want);
  });
});

describe("isMergeableList", () => {
  test.each([
    ["systemSettings", "allowedTCPPorts", true],
    ["systemSettings", "systemPackages", true],
    ["userSettings", "extraGroups", true],
    ["systemSettings", "nfsMounts", false],
    ["systemSettings", "hostname", false],
    ["userSettings", "unknownKey", false],
  ] as const)("%s.%s → %s", (section, key, want) => {
    expect(isMergeableList(section, key)).toBe(want);
  });
});

describe("resolveProfile", () => {
  test("shallow override per level; extend appends, a plain list replaces; comments dropped", () => {
    const { profiles } = homelabConfig.parse({
      profiles: {
        base: { systemSettings: { hostname: "base", allowedTCPPorts: [22], extra: { a: 1 } }, userSettings: { username: "u" } },
        leaf: {
          extends: "base",
          systemSettings: { allowedTCPPorts: { extend: [{ items: [80, 443], comment: "web" }] }, extra: { b: 2 } },
          userSettings: { extraGroups: { extend: ["docker"] } },
        },
      },
    });
    expect(resolveProfile(profiles, "leaf")).toEqual({
      chain: ["leaf", "base"],
      systemSettings: { hostname: "base", allowedTCPPorts: [22, 80, 443], extra: { b: 2 } },
      userSettings: { username: "u", extraGroups: ["docker"] },
    });
  });

  test("a profile shares what it does not change with its base's resolution", () => {
    const { profiles } = homelabConfig.parse({
      profiles: {
        base: { systemSettings: { allowedTCPPorts: [22], systemPackages: ["vim"] }, userSettings: { extraGroups: ["wheel"] } },
        leaf: { extends: "base", systemSettings: { systemPackages: { extend: ["git"] } } },
      },
    });
    const leaf = resolveProfile(profiles, "leaf");
    const base = resolveProfile(profiles, "base");
    expect(leaf.systemSettings["allowedTCPPorts"]).toBe(base.systemSettings["allowedTCPPorts"]);
    expect(leaf.userSettings["extraGroups"]).toBe(base.userSettings["extraGroups"]);
    expect(leaf.systemSettings["systemPackages"]).toEqual(["vim", "git"]);
    expect(base.systemSettings["systemPackages"]).toEqual(["vim"]);
  });

  // A cycle is an error the checks report; resolving still ends, each profile along its own chain,
  // whichever of the two is asked for first.
  test.each([["a", "b"], ["b", "a"]])("a cycle: %s resolved first, then %s", (first, second) => {
    const { profiles } = homelabConfig.parse({
      profiles: {
        a: { extends: "b", systemSettings: { hostname: "a", allowedTCPPorts: { extend: [1] } } },
        b: { extends: "a", systemSettings: { hostname: "b", locale: "C", allowedTCPPorts: { extend: [2] } } },
      },
    });
    const want = {
      a: { chain: ["a", "b"], systemSettings: { hostname: "a", allowedTCPPorts: [2, 1], locale: "C" }, userSettings: {} },
      b: { chain: ["b", "a"], systemSettings: { hostname: "b", allowedTCPPorts: [1, 2], locale: "C" }, userSettings: {} },
    };
    expect(resolveProfile(profiles, first)).toEqual(want[first as "a" | "b"]);
    expect(resolveProfile(profiles, second)).toEqual(want[second as "a" | "b"]);
  });
});

describe("validateConfig keeps the author's settings order", () => {
  test("known and pass-through keys interleaved as written", () => {
    const validation = validateConfig({
      profiles: { p: { systemSettings: { timezone: "UTC", hostname: "a", locale: "C", allowedTCPPorts: [22], profile: "x" } } },
    });
    if (!validation.ok) throw new Error("invalid");
    expect(Object.keys(validation.config.profiles["p"]?.systemSettings ?? {})).toEqual([
      "timezone",
      "hostname",
      "locale",
      "allowedTCPPorts",
      "profile",
    ]);
  });
});
