// `nixgen import`: existing Nix files (a hosts.nix, profiles, a secrets.nix) → one typed config.
//   load (read, scan, evaluate with Nix, tell the kind) → map each kind onto the model → generate
//   hosts.nix from it and keep what differs as pass-through (reconcile) → generate everything again
//   and compare with what was imported (verify) → write TypeScript (ts-morph, prettier).
// The result regenerates to the same values; what cannot is listed in the warnings.
import { formatValuePath, importedFiles } from "@homelab/nix";
import { issue } from "@homelab/schema/internal";
import type { HomelabConfigInput, Issue, ProfileInput, SecretInput } from "@homelab/schema";
import { InvalidConfigError, plan } from "../plan.js";
import { hostsPath, profileConfigPath, profileNameOf, secretsPath } from "../emit/output-layout.js";
import type { ImportKind } from "./detect.js";
import { evaluateLets } from "./evaluate-file.js";
import { ImportError, IssueLog, type FileIssues } from "./issues.js";
import { KeyRegistry } from "./key-registry.js";
import { loadFiles, type LoadedFile } from "./load-files.js";
import { mapHosts, type HostsImport, type MappingPaths } from "./map-hosts.js";
import { mapProfile } from "./map-profile.js";
import { mapSecrets } from "./map-secrets.js";
import { differences, isAttrs, type NixAttrs, type NixData } from "./nix-data.js";
import { generatedValues } from "./generated-values.js";
import { applyInventory, inventoryReport, reconcileHosts } from "./reconcile-hosts.js";

export interface ImportOptions {
  /** What the files are; `auto` (the default) tells each by its shape. */
  readonly as?: ImportKind | "auto";
  /** Directory relative file names are resolved against (default: the process's). */
  readonly cwd?: string;
  /** Host paths of virtiofs directory mappings that hosts.nix does not give: id → node → path. */
  readonly mappings?: MappingPaths;
}

export interface ImportResult {
  /** The config as a TypeScript module, formatted. */
  readonly text: string;
  /** The same config as data (what the module's `defineConfig` receives). */
  readonly config: HomelabConfigInput;
  /** Per file: what was defaulted, passed through or lost, and the config's own check warnings. */
  readonly warnings: readonly FileIssues[];
}

/** Where the generated counterpart of each kind of imported file lands. */
const generatedPath: Readonly<Record<ImportKind, (file: string) => string>> = {
  hosts: () => hostsPath,
  secrets: () => secretsPath,
  profile: (file) => profileConfigPath(profileNameOf(file)),
};

const CONFIG = "the imported config";

export async function importNix(files: readonly string[], options: ImportOptions = {}): Promise<ImportResult> {
  const loaded = await loadFiles(files, options.as ?? "auto", options.cwd ?? process.cwd());
  const hosts = single(loaded, "hosts");
  const secrets = single(loaded, "secrets");
  const profiles = loaded.filter((file) => file.kind === "profile");
  const log = new IssueLog();
  for (const file of loaded) reportEvaluated(file, log);
  const hostsValue = hosts === undefined ? {} : (hosts.evaluation.value as NixAttrs);
  const keys = new KeyRegistry(new Set(Object.keys(hostsValue).filter((name) => !name.startsWith("_"))));
  const lets = new Map<LoadedFile, NixAttrs | undefined>();
  for (const file of [hosts, secrets])
    if (file !== undefined) lets.set(file, await evaluateLets(file, file.source, file.scan));
  for (const bound of lets.values()) keys.hint(bound);

  const mappedHosts: HostsImport | undefined =
    hosts === undefined
      ? undefined
      : mapHosts(hostsValue, {
          file: hosts.display,
          scan: hosts.scan,
          lets: lets.get(hosts),
          keys,
          log,
          mappings: options.mappings ?? {},
        });
  const mappedProfiles = mapProfiles(profiles, loaded, log);
  const mappedSecrets =
    secrets === undefined
      ? undefined
      : mapSecrets(secrets.evaluation.value as NixAttrs, {
          file: secrets.display,
          scan: secrets.scan,
          lets: lets.get(secrets),
          keys,
          log,
        });
  log.stopOnErrors();

  const typed = assemble(mappedHosts, mappedProfiles, mappedSecrets, keys);
  const config = hosts === undefined ? typed : await withPassThrough(typed, hosts, log);
  const planned = planConfig(config);
  await verify(planned.files, loaded, log);
  const warnings = [
    ...log.finish(),
    ...(planned.warnings.length === 0 ? [] : [{ file: CONFIG, issues: planned.warnings }]),
  ];

  const { emitTypeScript } = await import("./emit-ts.js");
  const names = [...lets.values()].flatMap((bound) =>
    Object.entries(bound ?? {}).map(([name, value]) => [value, name] as const),
  );
  const text = await emitTypeScript(config, { sources: loaded.map((file) => file.display), names });
  return { text, config, warnings };
}

/**
 * What evaluation froze (`if builtins.pathExists …`, computed lists), at the expression's
 * file:line:col, and the files whose values stayed references.
 */
function reportEvaluated(file: LoadedFile, log: IssueLog): void {
  for (const found of file.scan?.computed ?? []) {
    const inLet = found.path[0] === "<let>";
    const at = found.path.filter((segment) => segment !== "[]" && segment !== "<let>");
    log.add(
      file.display,
      "evaluated",
      inLet ? [] : at,
      `${file.display}:${found.line}:${found.column}: \`${found.what} …\`${inLet ? ` (let ${at.join(".")})` : ""} was evaluated on this machine: the config holds its result here and now, not the expression`,
    );
  }
  for (const reference of importedFiles(file.evaluation.value)) {
    log.add(
      file.display,
      "reference",
      [],
      `${reference} was not given to import: what this file reads from it stays a reference, (import ${reference}).…, and none of its values is written`,
    );
  }
}

function single(loaded: readonly LoadedFile[], kind: "hosts" | "secrets"): LoadedFile | undefined {
  const found = loaded.filter((file) => file.kind === kind);
  if (found.length > 1) {
    const names = found.map((file) => file.display).join(" and ");
    throw new ImportError(
      found.map((file) => ({
        file: file.display,
        issues: [issue("import/two-files", [], `${names} are both ${kind} files; a config has one`)],
      })),
    );
  }
  return found[0];
}

function mapProfiles(
  profiles: readonly LoadedFile[],
  loaded: readonly LoadedFile[],
  log: IssueLog,
): Record<string, ProfileInput> {
  const mapped: Record<string, ProfileInput> = {};
  // Bases first: a profile is written after the one it extends, as a reader would look them up.
  const ordered = [...profiles].sort((a, b) => depth(a, loaded) - depth(b, loaded));
  for (const file of ordered) {
    const name = profileNameOf(file.file);
    if (Object.hasOwn(mapped, name)) {
      log.error(file.display, "profile-name", [], `another imported file is also the profile ${name}`);
      continue;
    }
    const base = loaded.find((candidate) => candidate.file === file.base);
    const profile = mapProfile(
      {
        file: file.display,
        name,
        value: file.evaluation.value as NixAttrs,
        scan: file.scan,
        ...(base === undefined
          ? {}
          : { base: { name: profileNameOf(base.file), value: base.evaluation.value as NixAttrs } }),
        ...(file.evaluation.own === undefined ? {} : { own: file.evaluation.own }),
      },
      log,
    );
    if (profile !== undefined) mapped[name] = profile;
  }
  return mapped;
}

function depth(file: LoadedFile, loaded: readonly LoadedFile[]): number {
  let levels = 0;
  for (let at = file.base; at !== undefined && levels < loaded.length; at = loaded.find((f) => f.file === at)?.base)
    levels += 1;
  return levels;
}

function assemble(
  hosts: HostsImport | undefined,
  profiles: Record<string, ProfileInput>,
  secrets: Record<string, SecretInput> | undefined,
  keys: KeyRegistry,
): HomelabConfigInput {
  const present = <T extends object>(value: T | undefined): value is T =>
    value !== undefined && Object.keys(value).length > 0;
  return {
    ...(present(hosts?.nodes) || present(hosts?.target)
      ? { proxmox: { ...(present(hosts.nodes) ? { nodes: hosts.nodes } : {}), ...hosts.target } }
      : {}),
    ...(present(hosts?.mappings) ? { storage: { mappings: hosts.mappings } } : {}),
    ...(keys.isEmpty ? {} : { keys: keys.toInput() }),
    ...(present(secrets) ? { secrets } : {}),
    ...(present(profiles) ? { profiles } : {}),
    ...(present(hosts?.machines) ? { machines: hosts.machines } : {}),
  };
}

/**
 * Generates hosts.nix from the typed machines and keeps in `inventory` whatever the imported one
 * has that it does not say, or says differently (see reconcile-hosts.ts).
 */
async function withPassThrough(
  config: HomelabConfigInput,
  hosts: LoadedFile,
  log: IssueLog,
): Promise<HomelabConfigInput> {
  const generated = (await generatedValues(planConfig(config).files, [hostsPath])).get(hostsPath);
  if (!isAttrs(generated)) return config;
  const inventory = reconcileHosts(hosts.evaluation.value as NixAttrs, generated, config.machines ?? {}, hosts.scan);
  for (const found of inventoryReport(inventory)) log.add(hosts.display, found.code, found.path, found.message);
  return applyInventory(config, inventory);
}

/** Generates everything again and says where a generated file does not evaluate to what was imported. */
async function verify(
  files: Parameters<typeof generatedValues>[0],
  loaded: readonly LoadedFile[],
  log: IssueLog,
): Promise<void> {
  const paths = new Map(loaded.map((file) => [file, generatedPath[file.kind](file.file)]));
  const values = await generatedValues(files, [...paths.values()]);
  for (const [file, path] of paths) {
    const found = differences(file.evaluation.value, values.get(path) as NixData | undefined).filter(
      (at) => !log.isLost(file.display, at),
    );
    if (found.length === 0) continue;
    const shown = found
      .slice(0, 8)
      .map((at) => formatValuePath(at) || "(the whole file)")
      .join(", ");
    log.add(
      file.display,
      "not-identical",
      [],
      `the regenerated ${path} evaluates differently at ${shown}${found.length > 8 ? ` and ${found.length - 8} more` : ""}`,
    );
  }
}

/** The files of `config`; a config the model refuses is reported at its own paths. */
function planConfig(config: HomelabConfigInput): ReturnType<typeof plan> {
  try {
    return plan(config);
  } catch (error) {
    if (error instanceof InvalidConfigError)
      throw new ImportError([{ file: CONFIG, issues: error.issues.filter((i: Issue) => i.severity === "error") }]);
    throw error;
  }
}
