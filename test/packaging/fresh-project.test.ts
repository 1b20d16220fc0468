// The three packages as a user gets them: packed to tarballs, installed into a fresh project outside the
// workspace, type-checked and run with that project's own TypeScript and Node, and completed in an
// editor. One pack and one install (offline, from the store the workspace install filled) serve every case.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { editor, schemaFields, type TypeScript } from "./language-service.js";
import { offlineProject, type PackedPackage } from "./offline-lockfile.js";

const workspace = fileURLToPath(new URL("../..", import.meta.url));
const folders = ["packages/nix", "packages/schema", "packages/nixgen"];

interface PackResult {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

let root: string;
let project: string;
const packs = new Map<string, PackResult>();
const packedFrom = new Map<string, PackResult>();

// Asynchronous, so the worker keeps answering vitest while pnpm and tsc run.
const run = async (command: string, args: readonly string[], cwd: string): Promise<string> =>
  (await promisify(execFile)(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } })).stdout;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "nixgen-fresh-"));
  project = join(root, "project");
  mkdirSync(project);
  const packed: PackedPackage[] = [];
  for (const folder of folders) {
    // Scripts off: the global set-up built dist/ already, and `prepack` would rewrite it under the
    // feet of the CLI tests running beside this one.
    const output = await run("pnpm", ["pack", "--json", "--pack-destination", join(root, "tarballs"), "--config.ignore-scripts=true"], join(workspace, folder));
    const pack = JSON.parse(output) as PackResult;
    packs.set(pack.name, pack);
    packedFrom.set(folder, pack);
    packed.push({ name: pack.name, version: pack.version, folder, tarball: pack.filename, spec: `file:${relative(project, pack.filename)}` });
  }
  const { manifest, lockfile } = offlineProject(join(workspace, "pnpm-lock.yaml"), packed, ["typescript", "@types/node"]);
  writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(project, "pnpm-lock.yaml"), lockfile);
  // The workspace's store, named: pnpm would otherwise pick a store of its own when the temporary
  // folder is on another file system, and that store is empty.
  const store = (await run("pnpm", ["store", "path"], workspace)).trim();
  await run("pnpm", ["install", "--offline", "--frozen-lockfile", "--reporter=silent", `--config.store-dir=${store}`], project);
}, 240_000);

afterAll(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

const installed = (name: string, file: string): string => join(project, "node_modules", name, file);

describe("the tarballs", () => {
  test.each(folders)("%s holds its entry points, the LICENSE and no build info", (folder) => {
    const manifest = JSON.parse(readFileSync(join(workspace, folder, "package.json"), "utf8")) as Record<string, unknown>;
    const pack = packs.get(manifest["name"] as string);
    const files = new Set(pack?.files.map((file) => file.path));
    expect([...files].filter((file) => /(^|\/)(\.tsbuildinfo|[^/]*\.tsbuildinfo|test\/)/.test(file))).toEqual([]);
    expect(readFileSync(installed(manifest["name"] as string, "LICENSE"), "utf8")).toBe(readFileSync(join(workspace, "LICENSE"), "utf8"));
    const missing = entryPoints(manifest).filter((target) => !files.has(target.replace(/^\.\//, "")));
    expect(missing).toEqual([]);
  });

  // Both read the tarball alone, offline; attw's esm-only profile leaves out require() from CommonJS,
  // which an ES-module-only package does not offer.
  test.each(folders)("%s passes publint --strict and are-the-types-wrong", async (folder) => {
    const tarball = packedFrom.get(folder)?.filename as string;
    await run(join(workspace, "node_modules/.bin/publint"), ["run", "--strict", tarball], root);
    await run(join(workspace, "node_modules/.bin/attw"), [tarball, "--profile", "esm-only", "--format", "ascii"], root);
  });

  test("the packed manifests name each other by version, not workspace:", () => {
    for (const name of packs.keys()) {
      const text = readFileSync(installed(name, "package.json"), "utf8");
      expect(text).not.toContain("workspace:");
    }
    const nixgen = JSON.parse(readFileSync(installed("@homelab/nixgen", "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(nixgen.dependencies["@homelab/schema"]).toBe(packs.get("@homelab/schema")?.version);
  });
});

// A user's first program: a config, its plan, and a value printed as Nix.
const program = `import { defineConfig } from "@homelab/schema";
import { plan, toNix } from "@homelab/nixgen";

const config = defineConfig({
  name: "fresh",
  proxmox: { templateVmid: 9000 },
  keys: { users: { admin: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBlST+ehM8M3Q2Tg3WsZ9mT5ic6tLxLbTk0hRTZ3/pJv admin@laptop" } },
  machines: {
    web: {
      kind: "vm",
      hostname: "web",
      stateVersion: "25.05",
      users: { admin: { admin: true, authorizedKeys: ["admin"] } },
      proxmox: { node: "pve", vmid: 101, cores: 2, memory: 2048, disk: "16G", storage: "local-lvm" },
    },
  },
});

// The types are real, not any: a misspelt field is an error.
// @ts-expect-error hostnme is not a field of a machine
defineConfig({ machines: { web: { kind: "vm", hostnme: "web" } } });

const files: string[] = plan(config).files.map((file) => file.path);
console.log(JSON.stringify({ files, nix: toNix({ services: { openssh: { enable: true } } }) }));
`;

const resolutions: Record<string, object> = {
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
  bundler: { module: "preserve", moduleResolution: "bundler" },
  // Resolvers older than `exports` read the top-level `types`.
  node10: { module: "commonjs", moduleResolution: "node10", esModuleInterop: true },
};

describe("a program against the installed packages", () => {
  test.each(Object.keys(resolutions))("type-checks under moduleResolution %s", async (resolution) => {
    const dir = join(project, resolution);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "main.ts"), program);
    const compilerOptions = { ...resolutions[resolution], target: "es2022", strict: true, skipLibCheck: true, types: ["node"], outDir: "out" };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["main.ts"] }));
    // Rejects with tsc's output on any error.
    await run(process.execPath, [installed("typescript", "bin/tsc"), "-p", dir, ...(resolution === "nodenext" ? [] : ["--noEmit"])], project);
  });

  test("runs with node and prints the plan and the Nix", async () => {
    // The nodenext case above emitted nodenext/out/main.js: an ES module, as `type: module` makes it.
    const output = JSON.parse(await run(process.execPath, [join(project, "nodenext", "out", "main.js")], project)) as { files: string[]; nix: string };
    expect(output.files).toContain("hosts.nix");
    expect(output.files.some((file) => file.startsWith("machines/web/"))).toBe(true);
    expect(output.nix).toBe("{\n  services = {\n    openssh = {\n      enable = true;\n    };\n  };\n}");
  });
});

describe("an editor on the user's homelab.config.ts", () => {
  let edit: ReturnType<typeof editor>;
  let fields: ReturnType<typeof schemaFields>;
  beforeAll(() => {
    const typescript = createRequire(join(project, "package.json"))("typescript") as TypeScript;
    const options = { module: typescript.ModuleKind.NodeNext, moduleResolution: typescript.ModuleResolutionKind.NodeNext, strict: true, types: ["node"] };
    edit = editor(typescript, join(project, "homelab.config.ts"), options, project);
    fields = schemaFields(installed("@homelab/schema", "homelab.schema.json"));
  });
  const config = (machine: string): string => `import { defineConfig } from "@homelab/schema";\n\nexport default defineConfig({ machines: { x: { ${machine} } } });\n`;

  test("completes every field of a machine inside defineConfig", () => {
    expect(fields.machine).toEqual(expect.arrayContaining(["kind", "hostname", "proxmox"]));
    expect(edit.completions(config("/*|*/"))).toEqual(expect.arrayContaining(fields.machine));
  });

  test("completes the top level of the config", () => {
    const text = `import { defineConfig } from "@homelab/schema";\n\nexport default defineConfig({ /*|*/ });\n`;
    expect(edit.completions(text)).toEqual(expect.arrayContaining(fields.config));
  });

  test("underlines a misspelt field and shows a field's type on hover", () => {
    const machine = 'kind: "vm", hostname: "x", proxmox: { node: "pve", vmid: 101, cores: 2, memory: 2048, disk: "16G", storage: "local-lvm" }';
    expect(edit.errors(config(machine))).toEqual([]);
    expect(edit.errors(config(machine.replace("hostname", "hostnme")))).toEqual([expect.stringMatching(/^TS\d+: .*'hostnme' does not exist/)]);
    expect(edit.hover(config(machine.replace("hostname", "host/*|*/name")))).toMatch(/hostname\??: string/);
  });
});

/** Every file a manifest points a resolver at: main, types, bin and each `exports` target. */
function entryPoints(manifest: Record<string, unknown>): string[] {
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === "string") targets.push(value);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect([manifest["main"], manifest["types"], manifest["bin"], manifest["exports"]]);
  return [...new Set(targets)].filter((target) => !target.includes("*"));
}
