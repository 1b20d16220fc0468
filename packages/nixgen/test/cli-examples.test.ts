// The YAML example (examples/nas-ha) against the JSON Schema editors use, `nixgen schema`, and the
// root flake.nix that wires every generated/<example>/flake-outputs.nix into nixosConfigurations.
import { copyFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { homelabJsonSchema, validateConfig } from "@homelab/schema";
import { Ajv2020 } from "ajv/dist/2020.js";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { configSource, nixgen, tempDir, writeFiles } from "./helpers/cli-run.js";
import { smallHomelab } from "./helpers/small-homelab.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const example = join(root, "examples/nas-ha/homelab.config.yaml");

describe("examples/nas-ha (YAML)", () => {
  test("points editors at the committed JSON Schema", async () => {
    const text = await readFile(example, "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../packages/schema/homelab.schema.json");
  });

  test("is valid for the JSON Schema and for the model, without warnings", async () => {
    const config: unknown = parse(await readFile(example, "utf8"));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const valid = ajv.validate(homelabJsonSchema(), config);
    expect(ajv.errors ?? [], ajv.errorsText()).toEqual([]);
    expect(valid).toBe(true);
    const validation = validateConfig(config);
    expect(validation).toMatchObject({ ok: true, issues: [] });
  });

  test("has a NAS exporting NFS, a Home Assistant box and an LXC container", async () => {
    const validation = validateConfig(parse(await readFile(example, "utf8")));
    if (!validation.ok) throw new Error("invalid example");
    const machines = Object.values(validation.config.machines);
    expect(machines.some((m) => m.nfs.exports.length > 0)).toBe(true);
    expect(machines.some((m) => m.nixos["services.home-assistant.enable"] === true)).toBe(true);
    expect(machines.some((m) => m.kind === "lxc")).toBe(true);
  });
});

describe("nixgen schema", () => {
  test("prints the JSON Schema, pretty-printed", async () => {
    const result = await nixgen(["schema"], await tempDir());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(homelabJsonSchema());
    expect(result.stdout).toBe(JSON.stringify(homelabJsonSchema(), null, 2));
  });

  test("--out writes the file once, then leaves it alone", async () => {
    const dir = await tempDir();
    expect(await nixgen(["schema", "--out", "s.json"], dir)).toMatchObject({ code: 0, stdout: "s.json: written" });
    expect(await readFile(join(dir, "s.json"), "utf8")).toBe(`${JSON.stringify(homelabJsonSchema(), null, 2)}\n`);
    expect(await nixgen(["schema", "--out", "s.json"], dir)).toMatchObject({ code: 0, stdout: "s.json: unchanged" });
  });
});

describe("flake.nix", () => {
  const flake = join(root, "flake.nix");

  test("parses", async () => {
    await expect(execa("nix-instantiate", ["--parse", flake])).resolves.toMatchObject({ exitCode: 0 });
  });

  // No nixpkgs here: a stand-in `nixosSystem` returns its system, which is enough to see the wiring.
  const machinesOf = (dir: string) =>
    execa("nix-instantiate", [
      "--eval",
      "--strict",
      "--json",
      "--expr",
      `((import ${dir}/flake.nix).outputs { nixpkgs.lib.nixosSystem = args: args.system; }).nixosConfigurations`,
    ]);

  test("merges the nixosConfigurations of every generated example, and refuses a machine defined twice", async () => {
    const dir = await tempDir();
    await copyFile(flake, join(dir, "flake.nix"));
    await writeFiles(dir, {
      "examples/one/homelab.config.json": configSource(smallHomelab(["alpha", "beta"]), "json"),
      "examples/two/homelab.config.json": configSource(smallHomelab(["gamma"]), "json"),
    });
    expect((await nixgen(["gen", "--examples", "examples"], dir)).code).toBe(0);
    const { stdout } = await machinesOf(dir);
    expect(JSON.parse(stdout)).toEqual({ alpha: "x86_64-linux", beta: "x86_64-linux", gamma: "x86_64-linux" });

    await writeFiles(dir, { "examples/three/homelab.config.json": configSource(smallHomelab(["beta"]), "json") });
    expect((await nixgen(["gen", "--examples", "examples"], dir)).code).toBe(0);
    await expect(machinesOf(dir)).rejects.toThrow(
      "generated/three defines nixosConfigurations that another example defines too: beta",
    );
  });
});
