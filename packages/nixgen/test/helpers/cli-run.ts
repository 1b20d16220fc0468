// Runs the built `nixgen` executable (the bundle the `bin` names, built by test/global-setup.ts) in a directory, as a
// user would, and snapshots directories so a test can say "nothing changed" down to the inode.
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { stringify } from "yaml";

// The package's `bin`: the bundle scripts/bundle-cli.mjs builds from dist/cli.js.
const packageRoot = new URL("../../", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", packageRoot), "utf8")) as { bin: { nixgen: string } };
export const cliPath = fileURLToPath(new URL(manifest.bin.nixgen, packageRoot));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function nixgen(args: readonly string[], cwd: string): Promise<CliResult> {
  const result = await execa(process.execPath, [cliPath, ...args], {
    cwd,
    reject: false,
    env: { NO_COLOR: "1" },
    stdin: "ignore",
  });
  return { code: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "nixgen-cli-"));
}

/** Writes `files` (relative path → text) under `root`. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** The same config as TypeScript, JSON or YAML source. */
export function configSource(config: unknown, format: "ts" | "json" | "yaml"): string {
  switch (format) {
    case "ts":
      // A type-only import and `satisfies`: proves the loader strips TypeScript syntax.
      return [
        'import type { HomelabConfigInput } from "@homelab/schema";',
        "",
        `const config = ${JSON.stringify(config, null, 2)} satisfies HomelabConfigInput;`,
        "",
        "export default config;",
        "",
      ].join("\n");
    case "json":
      return `${JSON.stringify(config, null, 2)}\n`;
    case "yaml":
      return `# yaml-language-server: $schema=./homelab.schema.json\n${stringify(config)}`;
  }
}

export interface FileState {
  readonly content: string;
  readonly ino: number;
  readonly mtimeMs: number;
}

/** Every file under `root` (relative path → content, inode and mtime); empty when `root` is absent. */
export async function snapshot(root: string): Promise<Map<string, FileState>> {
  const files = new Map<string, FileState>();
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const info = await stat(path);
        files.set(relative(root, path), { content: await readFile(path, "utf8"), ino: info.ino, mtimeMs: info.mtimeMs });
      }
    }
  };
  await walk(root);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Paths → contents only, for comparing what two runs produced. */
export function contents(files: Map<string, FileState>): Record<string, string> {
  return Object.fromEntries([...files].map(([path, state]) => [path, state.content]));
}

/** The summary line without its timing, which varies from run to run. */
export function withoutTiming(text: string): string {
  return text.replace(/ in \d+ ms/g, " in N ms");
}
