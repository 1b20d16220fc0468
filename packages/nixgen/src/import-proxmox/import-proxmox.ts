// `nixgen import --proxmox DIR`: a copy of /etc/pve → one typed config.
//   read the node folders, storage.cfg and mapping/directory.cfg (read-pve-tree.ts) → parse each file
//   as Proxmox does (parse-guest-config.ts, parse-section-config.ts) → map containers, VMs, storages and
//   mappings onto the model → validate → write TypeScript (ts-morph, prettier, as the Nix import does).
// Nothing is connected to; what is not imported (snapshots, pending changes, secrets, parts the model
// has no field for) is named in the warnings, and what the model needs but Proxmox does not keep
// (a container's template) is named by validation.
import { issue } from "@homelab/schema/internal";
import { validateConfig, type HomelabConfigInput, type Issue, type MachineInput } from "@homelab/schema";
import { ImportError, IssueLog, type FileIssues } from "../import/issues.js";
import type { GuestContext } from "./guest-context.js";
import { mapLxc } from "./map-lxc.js";
import { mapQemu } from "./map-qemu.js";
import { mapDirectoryMappings, mapStorages } from "./map-storage.js";
import { parseGuestConfig, type GuestConfig } from "./parse-guest-config.js";
import { parseSectionConfig, type SectionFile } from "./parse-section-config.js";
import { readPveTree, type GuestFile } from "./read-pve-tree.js";

export interface ProxmoxImportResult {
  /** The config as a TypeScript module, formatted. */
  readonly text: string;
  readonly config: HomelabConfigInput;
  /** Per file what was not imported or was defaulted; then what validation says of the config. */
  readonly warnings: readonly FileIssues[];
  /** Validation errors: the fields the user must still set before `nixgen gen`. */
  readonly missing: readonly Issue[];
}

const CONFIG = "the imported config";

/** `dir` as the user named it (for the header); `root` where it is. */
export async function importProxmox(dir: string, root: string): Promise<ProxmoxImportResult> {
  const tree = await readPveTree(root);
  if (tree.guests.length === 0 && tree.storage === undefined && tree.directoryMappings === undefined)
    throw new ImportError([
      {
        file: dir,
        issues: [
          issue(
            "import/not-pve",
            [],
            "holds no nodes/<node>/lxc or nodes/<node>/qemu-server configs, storage.cfg or mapping/directory.cfg: is it a copy of /etc/pve?",
          ),
        ],
      },
    ]);
  const log = new IssueLog();
  const machines = guestMachines(tree.guests, log);
  const storage = {
    ...(tree.storage === undefined
      ? {}
      : nonEmpty("storages", mapStorages("storage.cfg", sections(tree.storage, "typed", "storage.cfg", log), log))),
    ...(tree.directoryMappings === undefined
      ? {}
      : nonEmpty(
          "mappings",
          mapDirectoryMappings(
            "mapping/directory.cfg",
            sections(tree.directoryMappings, "id", "mapping/directory.cfg", log),
            log,
          ),
        )),
  };
  const config: HomelabConfigInput = {
    ...(tree.nodes.length === 0
      ? {}
      : { proxmox: { nodes: Object.fromEntries(tree.nodes.map((node) => [node, {}])) } }),
    ...(Object.keys(storage).length === 0 ? {} : { storage }),
    ...(Object.keys(machines).length === 0 ? {} : { machines }),
  };
  const validation = validateConfig(config);
  const warnings = [
    ...log.finish(),
    ...(validation.issues.length === 0 ? [] : [{ file: CONFIG, issues: validation.issues }]),
  ];
  const { emitTypeScript } = await import("../import/emit-ts.js");
  const text = await emitTypeScript(config, { sources: [dir] });
  return { text, config, warnings, missing: validation.issues.filter((found) => found.severity === "error") };
}

function nonEmpty<K extends string, V extends object>(key: K, value: V): Partial<Record<K, V>> {
  return Object.keys(value).length === 0 ? {} : ({ [key]: value } as Record<K, V>);
}

function sections(text: string, header: "typed" | "id", file: string, log: IssueLog): SectionFile {
  const parsed = parseSectionConfig(text, header);
  for (const [line] of parsed.unreadable)
    log.add(file, "unreadable", [], `line ${line} is not a section header or option; not imported`);
  return parsed;
}

/** Machines by name, in vmid order: the host name, made unique with the vmid where two guests share one. */
function guestMachines(guests: readonly GuestFile[], log: IssueLog): Record<string, MachineInput> {
  const mapped = guests.map((guest) => {
    const ctx: GuestContext = { file: guest.path, log };
    const conf = parseGuestConfig(guest.text);
    reportSections(ctx, conf);
    const machine =
      guest.kind === "lxc" ? mapLxc(ctx, guest.node, guest.vmid, conf) : mapQemu(ctx, guest.node, guest.vmid, conf);
    if (machine.kind === "lxc")
      log.add(
        guest.path,
        "must-tell",
        ["template"],
        "Proxmox does not keep the template a container was made from: set proxmox.template (e.g. local:vztmpl/nixos-24.11-x86_64.tar.xz)",
      );
    return { guest, machine, name: machineName(machine.hostname) };
  });
  const counts = new Map<string, number>();
  for (const { name } of mapped) counts.set(name, (counts.get(name) ?? 0) + 1);
  return Object.fromEntries(
    mapped.map(({ guest, machine, name }) => [(counts.get(name) ?? 0) > 1 ? `${name}-${guest.vmid}` : name, machine]),
  );
}

/** A host name as a flake attribute name (`name` in the schema: no leading digit). */
function machineName(hostname: string): string {
  return /^[A-Za-z_]/.test(hostname) ? hostname : `host-${hostname}`;
}

function reportSections(ctx: GuestContext, conf: GuestConfig): void {
  if (conf.snapshots.length > 0)
    ctx.log.add(
      ctx.file,
      "snapshot",
      [],
      `snapshots ${conf.snapshots.join(", ")} are not imported (only the current config is)`,
    );
  if (conf.pending)
    ctx.log.add(
      ctx.file,
      "pending",
      [],
      "[pve:pending] changes are not imported (the config is as it runs now): apply or revert them in Proxmox first",
    );
  // The line itself is not shown: it could hold anything, a password included.
  for (const [line] of conf.unreadable)
    ctx.log.add(ctx.file, "unreadable", [], `line ${line} is not a Proxmox config line; not imported`);
}
