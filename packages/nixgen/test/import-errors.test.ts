// What `nixgen import` refuses, and how it says so: each error names the file and, inside it, the
// attribute path; a file that does not evaluate gets Nix's own message and location.
import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { formatIssue } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { importNix, type ImportOptions } from "../src/import/import-nix.js";
import { ImportError } from "../src/import/issues.js";

const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFLyJmWmDBLSiRhdlQ7ogTYJFm9rET0XjWwP05Af8jmh admin@laptop";

const vm = (proxmox: string) =>
  `{ doc2 = { hostname = "doc2"; user = "admin"; authorizedKeys = [ "${key}" ]; proxmox = { ${proxmox} }; }; }`;

/** Imports `files` (name → Nix text) from a fresh directory; the error lines, or "imported". */
async function outcome(files: Record<string, string>, options: ImportOptions = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "nixgen-import-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  try {
    await importNix(Object.keys(files), { ...options, cwd: dir });
    return "imported";
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return error.found
      .flatMap(({ file, issues }) => issues.map((found) => `${file}: ${formatIssue(found)}`))
      .join("\n");
  }
}

describe.concurrent("import refuses", () => {
  test("a file with a syntax error, with Nix's message and where", async ({ expect }) => {
    expect(await outcome({ "hosts.nix": "{\n  doc2 = ;\n}\n" })).toMatchInlineSnapshot(
      `"hosts.nix: ✖ does not evaluate: syntax error, unexpected ';' (at hosts.nix:2:10)"`,
    );
  });

  test("a file that fails while evaluating", async ({ expect }) => {
    expect(await outcome({ "hosts.nix": "{ doc2 = { hostname = missing; }; }" })).toMatchInlineSnapshot(
      `"hosts.nix: ✖ does not evaluate: undefined variable 'missing' (at hosts.nix:1:23)"`,
    );
  });

  test.each([
    ["a number", "42", "an integer"],
    ["a list", "[ 1 2 ]", "a list"],
    ["a function", "{ pkgs }: { }", "a function"],
    ["a set of another shape", "{ answer = 42; }", "an attribute set of another shape"],
  ])("a file that evaluates to %s", async (_, text, what) => {
    expect(await outcome({ "x.nix": text })).toBe(
      `x.nix: ✖ evaluates to ${what}, not an agenix secrets.nix ({ "<name>.age".publicKeys = [ … ]; }), or a profile ({ systemSettings = { … }; userSettings = { … }; }), or a hosts.nix (machines by name: { doc2 = { hostname = …; proxmox = { … }; }; })`,
    );
  });

  test("a file that is not there", async () => {
    const dir = await mkdtemp(join(tmpdir(), "nixgen-import-"));
    await expect(importNix(["hosts.nix"], { cwd: dir })).rejects.toThrow("hosts.nix: cannot read: no such file");
  });

  test.each([
    [
      "a vmid out of range",
      vm('vmid = 42; cores = 4; memory = 8192; disk = "64G";'),
      "hosts.nix: ✖ must be 100–999999999 (found 42) → at doc2.proxmox.vmid",
    ],
    [
      "a vmid that is a string",
      vm('vmid = "114"; cores = 4; memory = 8192; disk = "64G";'),
      'hosts.nix: ✖ Invalid input: expected number, received string (found "114") → at doc2.proxmox.vmid',
    ],
    [
      "no vmid and no disk",
      vm("cores = 4; memory = 8192;"),
      [
        "hosts.nix: ✖ no vmid: a Proxmox guest is known by its id, and there is no default for it → at doc2.proxmox.vmid",
        'hosts.nix: ✖ no disk: the size of the guest\'s root disk, e.g. "32G", and there is no default for it → at doc2.proxmox.disk',
      ].join("\n"),
    ],
    [
      "a disk size Proxmox cannot parse",
      vm('vmid = 114; cores = 4; memory = 8192; disk = "64 GB";'),
      'hosts.nix: ✖ must be a size Proxmox parses, such as 32G, 512M, 1.5T, or passthrough (found "64 GB") → at doc2.proxmox.disk',
    ],
    [
      "a hostname NixOS refuses",
      '{ doc2 = { hostname = "doc2.lan"; }; }',
      'hosts.nix: ✖ must be a NixOS host name: 1–63 of letters, digits, _ and -, starting and ending with a letter or digit (found "doc2.lan") → at doc2.hostname',
    ],
    [
      "a machine that is no attribute set",
      '{ doc2 = { hostname = "doc2"; }; nas = "nas"; }',
      "hosts.nix: ✖ a machine must be an attribute set, found a string → at nas",
    ],
  ])("a hosts.nix with %s, at the attribute path", async (_, text, want) => {
    expect(await outcome({ "hosts.nix": text })).toBe(want);
  });

  test("a virtiofs share whose mapping has host paths, but not on its node, until --mapping gives one", async ({
    expect,
  }) => {
    const hosts = vm(
      'node = "prom"; vmid = 114; cores = 4; memory = 8192; disk = "64G"; virtiofs = [ { mapping = "containers"; } ];',
    ).replace("{", '{ _proxmox.mappings.containers.prom2 = "/srv/containers";');
    expect(await outcome({ "hosts.nix": hosts })).toMatchInlineSnapshot(`"hosts.nix: ✖ directory mapping "containers" has no host path on node prom: pass --mapping containers=prom:/path, or add _proxmox.mappings.containers.prom → at doc2.proxmox.virtiofs[0].mapping"`);
    expect(await outcome({ "hosts.nix": hosts }, { mappings: { containers: { prom: "/nvmeprom/containers" } } })).toBe(
      "imported",
    );
  });

  test("a secrets.nix rule without keys, or with something that is no public key", async ({ expect }) => {
    const secrets = `{ "a.age".publicKeys = [ ]; "b.age".publicKeys = [ "${key}" "not a key" ]; }`;
    expect(await outcome({ "secrets.nix": secrets })).toMatchInlineSnapshot(`
      "secrets.nix: ✖ must be a non-empty list of public keys: a secret nobody can decrypt is no use → at ["a.age"].publicKeys
      secrets.nix: ✖ must be a public key: ssh-ed25519 …, ssh-rsa …, ecdsa-sha2-… or age1… → at ["b.age"].publicKeys[1]"
    `);
  });

  test("a profile setting the model types differently", async ({ expect }) => {
    const profile = '{ systemSettings = { hostname = "lxc"; serverEnv = "STAGING"; allowedTCPPorts = [ "22" ]; }; }';
    expect(await outcome({ "X-config.nix": profile })).toMatchInlineSnapshot(`
      "X-config.nix: ✖ Invalid option: expected one of "DEV"|"TEST"|"PROD" (found "STAGING") → at systemSettings.serverEnv
      X-config.nix: ✖ Invalid input (found ["22"]) → at systemSettings.allowedTCPPorts"
    `);
  });

  test("two hosts files for one config", async ({ expect }) => {
    const hosts = '{ doc2 = { hostname = "doc2"; }; }';
    expect(await outcome({ "a/hosts.nix": hosts, "b/hosts.nix": hosts })).toMatchInlineSnapshot(`
      "a/hosts.nix: ✖ a/hosts.nix and b/hosts.nix are both hosts files; a config has one
      b/hosts.nix: ✖ a/hosts.nix and b/hosts.nix are both hosts files; a config has one"
    `);
  });

  test("--as a kind the file is not: the mapper of that kind says what does not fit", async ({ expect }) => {
    expect(
      await outcome({ "hosts.nix": '{ doc2 = { hostname = "doc2"; }; }' }, { as: "secrets" }),
    ).toMatchInlineSnapshot(
      `"hosts.nix: ✖ an agenix rule is "<name>.age" = { publicKeys = [ … ]; }, found an attribute set → at doc2"`,
    );
  });
});
