// The LXCHOME profile generated from examples/lxchome means exactly what
// a hand-written LXCHOME-config.nix means, evaluated by Nix against the same generated base.
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatIssues, validateConfig, type HomelabConfig } from "@homelab/schema";
import { beforeAll, describe, expect, test } from "vitest";
import example from "../../../examples/lxchome/homelab.config.js";
import { emitLxcEnhancements } from "../src/emit/lxc-enhancements.js";
import { emitProfileConfigs } from "../src/emit/profile-config.js";
import type { GeneratedFile } from "../src/emit/types.js";
import { nixParse, writeTree } from "./helpers/nix-cli.js";
import { evalProfile, packageNames } from "./helpers/profile-eval.js";
import { rendered } from "./helpers/rendered.js";

const seedFile = fileURLToPath(new URL("./fixtures/seed-000/LXCHOME-config.nix", import.meta.url));

let config: HomelabConfig;
let files: GeneratedFile[];
let root: string;

beforeAll(async () => {
  const validation = validateConfig(example);
  if (!validation.ok) throw new Error(formatIssues(validation.issues));
  config = validation.config;
  const ctx = { config, source: "homelab.config.ts" };
  files = [...rendered(emitProfileConfigs(ctx)), ...rendered(emitLxcEnhancements(ctx))];
  root = await writeTree(files);
  // The seed's file beside the generated base it imports.
  await mkdir(join(root, "seed"));
  await copyFile(join(root, "profiles/LXC-base-config.nix"), join(root, "seed/LXC-base-config.nix"));
  await copyFile(seedFile, join(root, "seed/LXCHOME-config.nix"));
});

describe("examples/lxchome", () => {
  test("validates without errors or warnings", () => {
    expect(formatIssues(validateConfig(example).issues)).toBe("");
  });

  test("generates the two profiles and the LXC enhancements module", () => {
    expect(files.map((f) => f.path)).toEqual([
      "profiles/LXC-base-config.nix",
      "profiles/LXCHOME-config.nix",
      "profiles/proxmox-lxc/enhancements.nix",
    ]);
  });

  test("every generated file parses", async () => {
    for (const file of files) await nixParse(join(root, file.path));
  });

  test("LXCHOME-config.nix evaluates to the seed's hand-written profile", async () => {
    const names = packageNames(config);
    const seed = await evalProfile(join(root, "seed/LXCHOME-config.nix"), names);
    const generated = await evalProfile(join(root, "profiles/LXCHOME-config.nix"), names);
    expect(generated).toEqual(seed);
    // Guards against two empty results agreeing: values from the seed, the base and the zsh prompt.
    expect(seed).toMatchObject({
      systemSettings: {
        hostname: "lxchome",
        profile: "proxmox-lxc",
        allowedTCPPorts: [22, 443, 8043, 22000, 111, 4000, 4001, 4002, 2049, 8443, 8080, 8843, 8880, 6789],
        systemPackages: expect.arrayContaining(["nfs-utils", "atuin", "home-manager"]),
        nameServers: ["192.168.8.1"],
      },
      userSettings: {
        username: "admin",
        dockerEnable: true,
        zshinitContent: expect.stringContaining(`%F{green}→%f "\nRPROMPT=`),
      },
    });
  });
});
