// A pnpm lockfile for a project outside the workspace that depends on packed tarballs, built from the
// workspace's own lockfile. `pnpm install --offline` resolves a version range only from cached
// registry metadata, which an install from a lockfile never writes, so a fresh project could not
// resolve `zod@^4` offline; with a frozen lockfile pnpm resolves nothing and takes every package from
// the store the workspace install filled.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";

export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  /** The workspace folder it was packed from, relative to the workspace root: `packages/nix`. */
  readonly folder: string;
  /** The tarball as the fresh project names it: `file:../tarballs/homelab-nix-0.1.0.tgz`. */
  readonly spec: string;
  readonly tarball: string;
}

interface Dependency {
  readonly specifier: string;
  readonly version: string;
}

interface Snapshot {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

interface Lockfile {
  readonly lockfileVersion: string;
  readonly settings?: unknown;
  readonly importers: Record<string, Partial<Record<"dependencies" | "devDependencies" | "optionalDependencies", Record<string, Dependency>>>>;
  readonly packages: Record<string, Record<string, unknown>>;
  readonly snapshots: Record<string, Snapshot>;
}

/** What the fresh project's package.json and pnpm-lock.yaml hold; `tools` are workspace dev dependencies it also needs. */
export function offlineProject(workspaceLockfile: string, packed: readonly PackedPackage[], tools: readonly string[]): { manifest: object; lockfile: string } {
  const lock = parse(readFileSync(workspaceLockfile, "utf8")) as Lockfile;
  const byName = new Map(packed.map((pkg) => [pkg.name, pkg]));
  const versionOf = (name: string, version: string): string => (version.startsWith("link:") ? spec(name) : version);
  const spec = (name: string): string => {
    const pkg = byName.get(name);
    if (pkg === undefined) throw new Error(`${name} is a workspace dependency that was not packed`);
    return pkg.spec;
  };

  const packages: Record<string, Record<string, unknown>> = {};
  const snapshots: Record<string, Snapshot> = {};
  const pending: string[] = [];
  for (const pkg of packed) {
    const dependencies = Object.fromEntries(
      Object.entries(lock.importers[pkg.folder]?.dependencies ?? {}).map(([name, dep]) => [name, versionOf(name, dep.version)]),
    );
    const key = `${pkg.name}@${pkg.spec}`;
    packages[key] = { resolution: { integrity: integrity(pkg.tarball), tarball: pkg.spec }, version: pkg.version };
    snapshots[key] = Object.keys(dependencies).length === 0 ? {} : { dependencies };
    pending.push(...Object.entries(dependencies).map(([name, version]) => `${name}@${version}`));
  }

  const root = lock.importers["."]?.devDependencies ?? {};
  const direct: Record<string, Dependency> = {};
  for (const pkg of packed) direct[pkg.name] = { specifier: pkg.spec, version: pkg.spec };
  for (const name of tools) {
    const dep = root[name];
    if (dep === undefined) throw new Error(`${name} is not a dev dependency of the workspace`);
    direct[name] = { specifier: dep.version, version: dep.version };
    pending.push(`${name}@${dep.version}`);
  }

  // Every package the direct dependencies reach, with the versions the workspace resolved.
  while (pending.length > 0) {
    const key = pending.pop() as string;
    if (key in snapshots) continue;
    const snapshot = lock.snapshots[key];
    const entry = lock.packages[key.replace(/\(.*$/, "")];
    if (snapshot === undefined || entry === undefined) throw new Error(`the workspace lockfile has no ${key}`);
    snapshots[key] = snapshot;
    packages[key.replace(/\(.*$/, "")] = entry;
    for (const [name, version] of Object.entries({ ...snapshot.dependencies, ...snapshot.optionalDependencies })) pending.push(`${name}@${version}`);
  }

  const overrides = Object.fromEntries(packed.map((pkg) => [pkg.name, pkg.spec]));
  const manifest = {
    name: "fresh-project",
    private: true,
    type: "module",
    dependencies: Object.fromEntries(Object.entries(direct).map(([name, dep]) => [name, dep.specifier])),
    // The packed manifests name each other by version (`"@homelab/nix": "0.1.0"`): the tarballs stand in for the registry.
    pnpm: { overrides },
  };
  const lockfile = stringify({ lockfileVersion: lock.lockfileVersion, settings: lock.settings, overrides, importers: { ".": { dependencies: direct } }, packages, snapshots });
  return { manifest, lockfile };
}

function integrity(file: string): string {
  return `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
}
