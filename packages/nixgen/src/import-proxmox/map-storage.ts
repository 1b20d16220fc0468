// storage.cfg and mapping/directory.cfg onto `storage.storages` and `storage.mappings`.
// storage.cfg: `type: id` sections of options (pve-storage src/PVE/Storage/Plugin.pm); a password
// never is one (Proxmox keeps those in /etc/pve/priv, which is not read), but an option that looks like
// one is dropped all the same. directory.cfg: a section per mapping id with `map node=…,path=…` lines
// (one per node) and a description (pve-guest-common src/PVE/Mapping/Dir.pm, $map_fmt).
import type { StorageInput } from "@homelab/schema";
import type { IssueLog } from "../import/issues.js";
import { parsePropertyString, PropertyStringError } from "./parse-property-string.js";
import type { SectionFile } from "./parse-section-config.js";
import { looksSecret } from "./secret-like.js";

const id = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function mapStorages(file: string, parsed: SectionFile, log: IssueLog): NonNullable<StorageInput["storages"]> {
  const storages: NonNullable<StorageInput["storages"]> = {};
  for (const section of parsed.sections) {
    if (!id.test(section.id)) {
      log.add(file, "lost", [section.id], `storage id ${section.id} is not a name the model takes; not imported`);
      continue;
    }
    const options: Record<string, string> = {};
    for (const [key, values] of [...section.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const value = values.join(",");
      if (looksSecret(key, value))
        log.add(
          file,
          "secret",
          [section.id, key],
          `${section.id}.${key} looks like a password or token: not copied into the config`,
        );
      else options[key] = value;
    }
    storages[section.id] = { type: section.type as string, options };
  }
  return storages;
}

export function mapDirectoryMappings(
  file: string,
  parsed: SectionFile,
  log: IssueLog,
): NonNullable<StorageInput["mappings"]> {
  const mappings: NonNullable<StorageInput["mappings"]> = {};
  for (const section of parsed.sections) {
    const paths: Record<string, string> = {};
    for (const entry of section.values.get("map") ?? []) {
      try {
        const parts = parsePropertyString(entry);
        const node = parts.get("node");
        const path = parts.get("path");
        if (node === undefined || path === undefined) throw new PropertyStringError(`"${entry}" needs node= and path=`);
        paths[node] = path;
      } catch (error) {
        if (!(error instanceof PropertyStringError)) throw error;
        log.add(file, "unreadable", [section.id, "map"], `${section.id}: ${error.message}; that entry is not imported`);
      }
    }
    const other = [...section.values.keys()].filter((key) => key !== "map" && key !== "description");
    if (other.length > 0)
      log.add(file, "lost", [section.id], `${section.id}: ${other.join(", ")} not imported (the model has no field)`);
    const description = section.values.get("description")?.join("\n");
    mappings[section.id] = { ...(description === undefined ? {} : { description }), paths };
  }
  return mappings;
}
