// The virtiofs example: doc2 and igpu2 share the ZFS dataset nvmeprom/containers through the virtiofs
// mapping `containers`. The whole plan must be valid Nix; the inventory, the storage script and the
// runbook are checked against the committed golden files in generated/virtiofs (`pnpm gen` rewrites them).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatIssues, validateConfig } from "@homelab/schema";
import { beforeAll, describe, expect, test } from "vitest";
import example from "../../../examples/virtiofs/homelab.config.js";
import type { GeneratedFile } from "../src/emit/types.js";
import { plan } from "../src/plan.js";
import { nixParse, writeTree } from "./helpers/nix-cli.js";
import { bashFences, bashSyntax, runStubbed, stubCall } from "./helpers/shell-stub.js";

const golden = fileURLToPath(new URL("../../../generated/virtiofs/", import.meta.url));

let files: readonly GeneratedFile[];
let root: string;

const file = (path: string): string => {
  const found = files.find((f) => f.path === path);
  if (found === undefined) throw new Error(`${path} was not generated`);
  return found.content;
};

beforeAll(async () => {
  // The source as `pnpm gen` names it, so the output is byte for byte the committed golden file.
  files = plan(example, { source: "examples/virtiofs/homelab.config.ts" }).files;
  root = await writeTree(files);
});

describe("examples/virtiofs", () => {
  test("validates without errors or warnings", () => {
    expect(formatIssues(validateConfig(example).issues)).toBe("");
  });

  test("generates the inventory, the storage script and the runbook; no LXC files", () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(["hosts.nix", "proxmox/storage.sh", "MIGRATION.md", "machines/doc2/default.nix"]),
    );
    expect(paths.filter((path) => path.startsWith("proxmox/lxc/"))).toEqual([]);
  });

  test("every generated .nix file parses", async () => {
    const nix = files.filter((f) => f.path.endsWith(".nix"));
    expect(nix.length).toBeGreaterThan(0);
    for (const f of nix) await nixParse(join(root, f.path));
  });

  test.each(["hosts.nix", "proxmox/storage.sh", "MIGRATION.md"])("%s matches generated/virtiofs", async (path) => {
    expect(file(path)).toBe(await readFile(join(golden, path), "utf8"));
  });

  test("the storage steps run the seed's commands", async () => {
    const script = file("proxmox/storage.sh");
    await bashSyntax(script);
    // On a cluster without the mapping yet: the lookup finds nothing, so the mapping is created.
    expect(await runStubbed(script, ["zfs", "chown", "pvesh"], ["mappings"], { failing: ["pvesh get"] })).toBe(
      stubCall("pvesh", "get", "/cluster/mapping/dir/containers") +
        stubCall(
        "pvesh",
        "create",
        "/cluster/mapping/dir",
        "--id",
        "containers",
        "--map",
        "node=prom,path=/nvmeprom/containers",
        "--description",
        "Podman containers dataset",
      ),
    );
  });

  test("every command block of the runbook is valid bash", async () => {
    const fences = bashFences(file("MIGRATION.md"));
    expect(fences.length).toBeGreaterThan(3);
    for (const fence of fences) await bashSyntax(fence);
  });
});
