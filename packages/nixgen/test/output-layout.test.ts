// The one output layout: where each kind of Nix file goes, the way back from a profile file to its
// profile's name, and the one path-based kind guess.
import { describe, expect, test } from "vitest";
import { kindFromPath, profileConfigPath, profileNameOf } from "../src/emit/output-layout.js";

describe("kindFromPath", () => {
  test.each([
    ["hosts.nix", "hosts"],
    ["secrets/secrets.nix", "secrets"],
    ["flake-outputs.nix", "flake"],
    ["profiles/LXCHOME-config.nix", "profile"],
    ["machines/frame1/default.nix", "machine"],
    ["modules/services/grafana.nix", "module"],
    ["profiles/proxmox-lxc/enhancements.nix", "module"],
    ["proxmox/storage.sh", undefined],
    ["INVENTORY.md", undefined],
  ])("%s → %s", (path, kind) => {
    expect(kindFromPath(path)).toBe(kind);
  });
});

describe("profile file names", () => {
  test.each([
    ["LXCHOME", "profiles/LXCHOME-config.nix"],
    ["LXC-base", "profiles/LXC-base-config.nix"],
  ])("%s ⇄ %s", (name, path) => {
    expect(profileConfigPath(name)).toBe(path);
    expect(profileNameOf(path)).toBe(name);
    expect(profileNameOf(`/home/me/nixos/${path}`)).toBe(name);
  });

  test("a file not named as the profile system names them: its stem", () => {
    expect(profileNameOf("/x/desktop.nix")).toBe("desktop");
  });
});
