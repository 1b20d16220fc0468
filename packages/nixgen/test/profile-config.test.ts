import { join } from "node:path";
import { call, print, ref } from "@homelab/nix";
import { formatIssues, resolveProfile, validateConfig, type Profile, type ProfileInput } from "@homelab/schema";
import { homelabConfig } from "../../schema/src/config.js";
import { describe, expect, test } from "vitest";
import { emitProfileConfigs, profileConfigExpr } from "../src/emit/profile-config.js";
import { writeTree } from "./helpers/nix-cli.js";
import { evalProfile, packageNames } from "./helpers/profile-eval.js";
import { rendered } from "./helpers/rendered.js";

const cases: [name: string, { given: ProfileInput; want: string }][] = [
  [
    "base profile: both sections as plain sets",
    {
      given: { systemSettings: { hostname: "lxc", profile: "proxmox-lxc" }, userSettings: { username: "admin" } },
      want: `{
  systemSettings = {
    hostname = "lxc";
    profile = "proxmox-lxc";
  };
  userSettings = {
    username = "admin";
  };
}`,
    },
  ],
  [
    "extending profile: imports its base and overrides with //; no user overrides means the base's set",
    {
      given: { extends: "LXC-base", systemSettings: { hostname: "lxchome" } },
      want: `let
  base = import ./LXC-base-config.nix;
in
{
  systemSettings = base.systemSettings // {
    hostname = "lxchome";
  };
  userSettings = base.userSettings;
}`,
    },
  ],
  [
    "lists: extend appends to the base's, replace and plain lists stand alone",
    {
      given: {
        extends: "LXC-base",
        systemSettings: {
          allowedTCPPorts: { extend: [443, 8043] },
          allowedUDPPorts: { replace: [22000] },
          nameServers: ["192.168.8.1", "1.1.1.1"],
        },
        userSettings: { extraGroups: { extend: ["docker"] } },
      },
      want: `let
  base = import ./LXC-base-config.nix;
in
{
  systemSettings = base.systemSettings // {
    allowedTCPPorts = base.systemSettings.allowedTCPPorts ++ [
      443
      8043
    ];
    allowedUDPPorts = [ 22000 ];
    nameServers = [
      "192.168.8.1"
      "1.1.1.1"
    ];
  };
  userSettings = base.userSettings // {
    extraGroups = base.userSettings.extraGroups ++ [ "docker" ];
  };
}`,
    },
  ],
  [
    "extend in a base profile has nothing to append to: the list itself",
    {
      given: { systemSettings: { allowedTCPPorts: { extend: [22] } } },
      want: `{
  systemSettings = {
    allowedTCPPorts = [ 22 ];
  };
  userSettings = { };
}`,
    },
  ],
  [
    "comments: one value gets it beside, a group above its first value, a key above its binding",
    {
      given: {
        systemSettings: {
          allowedTCPPorts: [
            22,
            { items: [8043], comment: "nginx" },
            { items: [111, 2049], comment: "NFS server (if enabled)" },
          ],
          swapFileEnable: false,
        },
        comments: { systemSettings: { swapFileEnable: "Managed by Proxmox\nnot the container" } },
      },
      want: `{
  systemSettings = {
    allowedTCPPorts = [
      22
      8043 # nginx
      # NFS server (if enabled)
      111
      2049
    ];
    # Managed by Proxmox
    # not the container
    swapFileEnable = false;
  };
  userSettings = { };
}`,
    },
  ],
  [
    "packages: a function of both package sets, names resolved with `with pkgs;`",
    {
      given: {
        systemSettings: {
          systemPackages: ["vim", { items: ["nfs-utils"], comment: "NFS client" }, "python3Packages.requests"],
        },
        userSettings: { homePackages: ["git"] },
      },
      want: `{
  systemSettings = {
    systemPackages = pkgs: pkgs-unstable: with pkgs; [
      vim
      nfs-utils # NFS client
      python3Packages.requests
    ];
  };
  userSettings = {
    homePackages = pkgs: pkgs-unstable: with pkgs; [ git ];
  };
}`,
    },
  ],
  [
    "packages extended: the base's function applied, then the new names",
    {
      given: { extends: "LXC-base", systemSettings: { systemPackages: { extend: ["atuin", "btop"] } } },
      want: `let
  base = import ./LXC-base-config.nix;
in
{
  systemSettings = base.systemSettings // {
    systemPackages = pkgs: pkgs-unstable: base.systemSettings.systemPackages pkgs pkgs-unstable ++ (with pkgs; [
      atuin
      btop
    ]);
  };
  userSettings = base.userSettings;
}`,
    },
  ],
  [
    "packages whose bare name a binding or builtin would capture are taken from pkgs explicitly; a package set prefix is kept",
    {
      given: {
        extends: "LXC-base",
        systemSettings: { systemPackages: ["map", "base", "pkgs.hello", "pkgs-unstable.atuin"] },
      },
      want: `let
  base = import ./LXC-base-config.nix;
in
{
  systemSettings = base.systemSettings // {
    systemPackages = pkgs: pkgs-unstable: with pkgs; [
      pkgs.map
      pkgs.base
      pkgs.hello
      pkgs-unstable.atuin
    ];
  };
  userSettings = base.userSettings;
}`,
    },
  ],
  [
    "pass-through keys keep their place and print as Nix values, expressions included",
    {
      given: {
        systemSettings: {
          timezone: "Europe/Madrid",
          hostname: "lxc",
          nfsMounts: [{ what: "truenas:/mnt/media", where: "/mnt/NFS_media" }],
          swapFileSyzeGB: 4,
          grafanaPort: call(ref("lib.mkForce"), 3001),
          extraHosts: null,
        },
      },
      want: `{
  systemSettings = {
    timezone = "Europe/Madrid";
    hostname = "lxc";
    nfsMounts = [
      {
        what = "truenas:/mnt/media";
        where = "/mnt/NFS_media";
      }
    ];
    swapFileSyzeGB = 4;
    grafanaPort = lib.mkForce 3001;
    extraHosts = null;
  };
  userSettings = { };
}`,
    },
  ],
  [
    "multi-line strings print as indented strings, escaped where Nix needs it",
    {
      given: { userSettings: { zshinitContent: "PS1='$ '\necho ${HOME}\n", sshExtraConfig: "Host nas\n  User admin\n" } },
      want: `{
  systemSettings = { };
  userSettings = {
    zshinitContent = ''
      PS1='$ '
      echo ''\${HOME}
    '';
    sshExtraConfig = ''
      Host nas
        User admin
    '';
  };
}`,
    },
  ],
];

/** Through `validateConfig`, which keeps the author's key order, beside the base these cases extend. */
function parseProfile(given: ProfileInput): Profile {
  const validation = validateConfig({ profiles: { "LXC-base": {}, P: given } });
  if (!validation.ok) throw new Error(formatIssues(validation.issues));
  return validation.config.profiles["P"] as Profile;
}

describe("profileConfigExpr", () => {
  test.each(cases)("%s", (_, { given, want }) => {
    expect(print(profileConfigExpr(parseProfile(given)))).toBe(want);
  });
});

describe("emitProfileConfigs", () => {
  test("one file per profile, with the header and the description as leading comments", () => {
    const config = homelabConfig.parse({
      profiles: {
        "LXC-base": { systemSettings: { hostname: "lxc" } },
        LXCHOME: { extends: "LXC-base", description: "LXCHOME Profile Configuration\nHomelab services in LXC container" },
      },
    });
    const files = rendered(emitProfileConfigs({ config, source: "homelab.config.ts" }));
    expect(files.map((f) => f.path)).toEqual(["profiles/LXC-base-config.nix", "profiles/LXCHOME-config.nix"]);
    expect(files[1]?.content).toBe(`# Generated by nixgen from homelab.config.ts: do not edit; run \`pnpm gen\`.
#
# LXCHOME Profile Configuration
# Homelab services in LXC container

let
  base = import ./LXC-base-config.nix;
in
{
  systemSettings = base.systemSettings;
  userSettings = base.userSettings;
}
`);
  });
});

describe("generated profiles in Nix", () => {
  // Nix's reading of the generated files is the meaning; resolveProfile must agree with it.
  test("evaluate to what resolveProfile says, through two levels of extend, replace and plain lists", async () => {
    const config = homelabConfig.parse({
      profiles: {
        base: {
          systemSettings: { hostname: "base", allowedTCPPorts: [22], nameServers: ["1.1.1.1"], systemPackages: ["vim"] },
          userSettings: { username: "admin", extraGroups: ["wheel"], homePackages: ["git"] },
        },
        middle: {
          extends: "base",
          systemSettings: {
            allowedTCPPorts: { extend: [{ items: [80, 443], comment: "web" }] },
            systemPackages: { extend: ["python3Packages.requests"] },
          },
        },
        leaf: {
          extends: "middle",
          systemSettings: {
            hostname: "leaf",
            allowedTCPPorts: { extend: [{ items: [8043], comment: "nginx" }] },
            nameServers: { replace: ["192.168.8.1"] },
            systemPackages: { extend: ["map", "nfs-utils"] },
          },
          userSettings: { extraGroups: ["docker"], homePackages: { extend: ["atuin"] } },
        },
      },
    });
    const root = await writeTree(rendered(emitProfileConfigs({ config, source: "homelab.config.ts" })));
    const evaluated = await evalProfile(join(root, "profiles/leaf-config.nix"), packageNames(config));
    const { systemSettings, userSettings } = resolveProfile(config.profiles, "leaf");
    expect(evaluated).toEqual({ systemSettings, userSettings });
    expect(systemSettings).toEqual({
      hostname: "leaf",
      allowedTCPPorts: [22, 80, 443, 8043],
      nameServers: ["192.168.8.1"],
      systemPackages: ["vim", "python3Packages.requests", "map", "nfs-utils"],
    });
    expect(userSettings).toEqual({ username: "admin", extraGroups: ["docker"], homePackages: ["git", "atuin"] });
  });
});
