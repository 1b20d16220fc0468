import { describe, expect, test } from "vitest";
import { frameFixture, lxcFixture } from "./fixtures.js";
import { edit, report } from "./report.js";

describe("profiles", () => {
  test("a machine names a profile that does not exist", () => {
    const config = edit(lxcFixture(), (c) => {
      c.machines.home.profile = "hom";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unknown-profile: ✖ profile "hom" is not in profiles: did you mean "home"? → at machines.home.profile",
      ]
    `);
  });

  test("extends names a profile that does not exist", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.extends = "bsae";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unknown-base-profile: ✖ profile "bsae" is not in profiles: did you mean "base"? → at profiles.home.extends",
      ]
    `);
  });

  test("an extends cycle is reported once", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.base.extends = "middle";
      c.profiles.middle = { extends: "home" };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "profile-cycle: ✖ profiles extend each other in a cycle: base → middle → home → base → at profiles.base.extends",
      ]
    `);
  });

  test("a profile extending itself", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.base.extends = "base";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "profile-cycle: ✖ profiles extend each other in a cycle: base → base → at profiles.base.extends",
      ]
    `);
  });

  test("the profile's hostname differs from the machine's, or is inherited from the base", () => {
    const differs = edit(lxcFixture(), (c) => {
      c.profiles.home.systemSettings.hostname = "lxchome2";
    });
    const inherited = edit(lxcFixture(), (c) => {
      delete c.profiles.home.systemSettings.hostname;
    });
    expect([...report(differs), ...report(inherited)]).toMatchInlineSnapshot(`
      [
        "profile-hostname: ✖ profile home has hostname "lxchome2" but machine home has hostname "lxchome" → at profiles.home.systemSettings.hostname",
        "profile-hostname: ✖ profile home has hostname "nixos-lxc" (from base) but machine home has hostname "lxchome" → at profiles.home.systemSettings.hostname",
      ]
    `);
  });

  test("a machine's profile sets no hostname or profile system", () => {
    const config = edit(lxcFixture(), (c) => {
      delete c.profiles.base.systemSettings.hostname;
      delete c.profiles.base.systemSettings.profile;
      delete c.profiles.home.systemSettings.hostname;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "profile-hostname: ✖ profile home sets no hostname; machine home needs hostname "lxchome" → at profiles.home.systemSettings",
        "profile-system: ✖ profile home sets no systemSettings.profile (the profile system directory, e.g. "proxmox-lxc") → at profiles.home.systemSettings",
      ]
    `);
  });

  test("a plain list in an extending profile drops the base's entries", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.base.systemSettings.allowedTCPPorts = [22, 443, 8080];
      c.profiles.home.systemSettings.allowedTCPPorts = [8043];
      c.profiles.home.systemSettings.systemPackages = [{ items: ["vim", "gocryptfs"], comment: "editing, vaults" }];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "profile-list-replaced: ⚠ systemSettings.allowedTCPPorts replaces base.systemSettings.allowedTCPPorts and drops 22, 443, 8080; write { extend: [...] } to append or { replace: [...] } to mean it → at profiles.home.systemSettings.allowedTCPPorts",
        "profile-list-replaced: ⚠ systemSettings.systemPackages replaces base.systemSettings.systemPackages and drops git; write { extend: [...] } to append or { replace: [...] } to mean it → at profiles.home.systemSettings.systemPackages",
      ]
    `);
  });

  test("a long list of dropped entries is cut short", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.base.systemSettings.systemPackages = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"];
      c.profiles.home.systemSettings.systemPackages = ["gocryptfs"];
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "profile-list-replaced: ⚠ systemSettings.systemPackages replaces base.systemSettings.systemPackages and drops a, b, c, d, e, f, g, h and 3 more; write { extend: [...] } to append or { replace: [...] } to mean it → at profiles.home.systemSettings.systemPackages",
      ]
    `);
  });

  test("a plain list that keeps every base entry, { replace }, and { extend } are fine", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.systemSettings.allowedTCPPorts = [22, 443];
      c.profiles.home.systemSettings.systemPackages = { replace: ["gocryptfs"] };
      c.profiles.home.userSettings.extraGroups = { extend: ["docker"] };
    });
    expect(report(config)).toEqual([]);
  });

  test("settings keys one or two edits from a known key, or in the wrong section", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.userSettings.dockerEnabel = true;
      c.profiles.home.systemSettings.HostName = "x";
      c.profiles.home.systemSettings.allowedTcpPort = [80];
      c.profiles.home.systemSettings.dockerEnable = true;
      c.profiles.home.systemSettings.timezone = "Europe/Madrid";
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unknown-setting: ⚠ unknown systemSettings key "HostName": did you mean "hostname"? → at profiles.home.systemSettings.HostName",
        "unknown-setting: ⚠ unknown systemSettings key "allowedTcpPort": did you mean "allowedTCPPorts"? → at profiles.home.systemSettings.allowedTcpPort",
        "unknown-setting: ⚠ unknown systemSettings key "dockerEnable": it is a userSettings key → at profiles.home.systemSettings.dockerEnable",
        "unknown-setting: ⚠ unknown userSettings key "dockerEnabel": did you mean "dockerEnable"? → at profiles.home.userSettings.dockerEnabel",
      ]
    `);
  });

  test("a comment for a key the profile does not set", () => {
    const config = edit(lxcFixture(), (c) => {
      c.profiles.home.comments = { systemSettings: { allowedTCPPort: "web" }, userSettings: {} };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "profile-comment-key: ⚠ comment for systemSettings.allowedTCPPort, which this profile does not set: did you mean "allowedTCPPorts"? → at profiles.home.comments.systemSettings.allowedTCPPort",
      ]
    `);
  });
});

describe("state version", () => {
  test("a machine without stateVersion and without a profile", () => {
    const config = edit(frameFixture(), (c) => {
      delete c.machines.frame1.stateVersion;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "missing-state-version: ⚠ no state version: it silently defaults to 24.11; set stateVersion to the release the machine was installed with → at machines.frame1.stateVersion",
      ]
    `);
  });

  test("a machine whose profile chain sets no systemStateVersion", () => {
    const config = edit(lxcFixture(), (c) => {
      delete c.profiles.base.systemSettings.systemStateVersion;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "missing-state-version: ⚠ no state version: it silently defaults to 24.11; set stateVersion, or systemStateVersion in profile home to the release the machine was installed with → at machines.home.stateVersion",
      ]
    `);
  });
});
