// `nixgen diff` on a real git repository made here: main holds a homelab and its generated output, a
// branch moves a guest, opens a port and gives a secret a new reader. The summary must name exactly
// those three changes, and the re-encryption list exactly the one affected file; `gen` says the same.
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { configSource, nixgen, tempDir, writeFiles } from "./helpers/cli-run.js";
import { ed25519Key } from "./helpers/test-keys.js";

const key = (n: number) => ed25519Key(n, `k${n}`);

function homelab(change: boolean) {
  return {
    name: "lab",
    proxmox: { nodes: { pve: {}, pve2: {} } },
    keys: { users: { admin: key(1) }, hosts: { app: key(2), web: key(3) } },
    secrets: {
      token: { recipients: change ? ["admin", "app", "web"] : ["admin", "app"] },
      other: { recipients: ["admin", "web"] },
    },
    machines: {
      app: guest("app", 101, change ? "pve2" : "pve", change ? [8080] : []),
      web: guest("web", 102, "pve", []),
    },
  };
}

function guest(hostname: string, vmid: number, node: string, tcp: number[]) {
  return {
    kind: "vm",
    hostname,
    stateVersion: "25.05",
    firewall: { tcp },
    secrets: hostname === "app" ? { token: true } : { other: true },
    proxmox: { node, vmid, cores: 2, memory: 2048, disk: "16G", storage: "local-lvm" },
  };
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const env = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" };
  return (await execa("git", args, { cwd, env })).stdout;
}

/** main: the homelab and its output; branch `change`: the changed config, not regenerated yet. */
async function repository(): Promise<string> {
  const dir = await tempDir();
  await git(dir, "init", "-q", "-b", "main");
  await writeFiles(dir, {
    "homelab.config.json": configSource(homelab(false), "json"),
    // The user's encrypted secrets (gen refuses to write without them); only their presence matters here.
    "generated/secrets/token.age": "age-encryption.org/v1\n",
    "generated/secrets/other.age": "age-encryption.org/v1\n",
  });
  const generated = await nixgen(["gen"], dir);
  expect(generated.code, generated.stderr).toBe(0);
  await git(dir, "add", "-A");
  await git(dir, "commit", "-qm", "homelab");
  await git(dir, "checkout", "-qb", "change");
  await writeFiles(dir, { "homelab.config.json": configSource(homelab(true), "json") });
  await git(dir, "commit", "-qam", "move app, open 8080, web reads token");
  return dir;
}

const expected = [
  "### generated: 3 changes since `BASE`",
  "",
  "- **app** moved from node `pve` to `pve2`",
  "- **app**: port tcp 8080 opened",
  "- secret **token**: reader `web` added",
  "",
  "#### Re-encrypt 1 file",
  "",
  "Their readers changed, but each file is still encrypted to its old readers. In `generated/secrets/` (beside secrets.nix), run `agenix --rekey` for every file, or one at a time (in a terminal):",
  "",
  "- `secrets/token.age` (`web` added): `EDITOR=: agenix -e token.age`",
].join("\n");

describe("nixgen diff", () => {
  /** Shared by the tests that only read it. */
  let shared: Promise<string> | undefined;
  const readOnly = () => (shared ??= repository());

  test("against the merge base with main: exactly the three changes, and the one file to re-encrypt", async () => {
    const dir = await readOnly();
    const base = await git(dir, "rev-parse", "--short", "main");
    const result = await nixgen(["diff"], dir);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(expected.replace("BASE", base));
  });

  test("--json for bots, against a revision given", async () => {
    const dir = await readOnly();
    const result = await nixgen(["diff", "--json", "HEAD~1"], dir);
    expect(result.code).toBe(0);
    const { targets } = JSON.parse(result.stdout) as { targets: { changes: unknown[]; rekey: { file: string }[] }[] };
    expect(targets[0]?.changes).toEqual([
      { kind: "machine-moved", machine: "app", from: "pve", to: "pve2" },
      { kind: "port-opened", machine: "app", protocol: "tcp", port: 8080 },
      { kind: "reader-added", secret: "token", file: "secrets/token.age", reader: "web" },
    ]);
    expect(targets[0]?.rekey.map((rekey) => rekey.file)).toEqual(["secrets/token.age"]);
  });

  test("after regenerating, the committed output is the base: nothing left to report", async () => {
    const dir = await repository();
    const gen = await nixgen(["gen"], dir);
    // `gen` names the file to re-encrypt as it writes the new rules.
    expect(gen.stdout).toContain("- `secrets/token.age` (`web` added): `EDITOR=: agenix -e token.age`");
    expect(gen.stdout).not.toContain("other.age");
    await git(dir, "commit", "-qam", "regenerate");
    const result = await nixgen(["diff", "HEAD"], dir);
    expect(result.stdout).toBe(`### generated: no change in meaning since \`${await git(dir, "rev-parse", "--short", "HEAD")}\``);
  });

  test("an unknown revision is an error", async () => {
    const dir = await readOnly();
    expect(await nixgen(["diff", "no-such-rev"], dir)).toMatchObject({ code: 1, stderr: '✖ unknown git revision "no-such-rev"' });
  });
});
