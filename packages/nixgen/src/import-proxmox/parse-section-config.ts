// Reads Proxmox's section config files, /etc/pve/storage.cfg and /etc/pve/mapping/directory.cfg, as
// pve-common src/PVE/SectionConfig.pm parse_config does:
//   - a section starts with its header line: `type: id` (storage.cfg), or the id alone
//     (pve-guest-common src/PVE/Mapping/Dir.pm overrides parse_section_header: `^(\S+)\s*$`);
//   - then indented `key value` lines (`^\s+(\S+)(\s+(.*\S))?\s*$`); a key without a value is a flag (1);
//     a key given twice is a list (mapping's `map` lines), each line one entry;
//   - a blank line ends the section; `#` lines are comments.

export interface Section {
  /** `dir`, `lvmthin`, … ; undefined where the header names only the id. */
  readonly type: string | undefined;
  readonly id: string;
  /** Every value of each key, in the order written. */
  readonly values: ReadonlyMap<string, readonly string[]>;
  /** 1-based line of the header, for messages. */
  readonly line: number;
}

export interface SectionFile {
  readonly sections: readonly Section[];
  readonly unreadable: readonly (readonly [line: number, text: string])[];
}

export function parseSectionConfig(text: string, header: "typed" | "id"): SectionFile {
  const sections: Section[] = [];
  const unreadable: [number, string][] = [];
  let current: { type: string | undefined; id: string; values: Map<string, string[]>; line: number } | undefined;
  text.split("\n").forEach((raw, index) => {
    const line = raw.replace(/\r$/, "");
    if (/^\s*#/.test(line)) return;
    if (/^\s*$/.test(line)) {
      current = undefined;
      return;
    }
    if (current !== undefined) {
      const entry = /^\s+(\S+)(?:\s+(.*\S))?\s*$/.exec(line);
      if (entry !== null) {
        const [, key, value = "1"] = entry as unknown as [string, string, string | undefined];
        current.values.set(key, [...(current.values.get(key) ?? []), value]);
        return;
      }
    }
    const start = header === "typed" ? /^(\S+):\s*(\S+)\s*$/.exec(line) : /^(\S+)\s*$/.exec(line);
    if (start === null) {
      unreadable.push([index + 1, line]);
      return;
    }
    current =
      header === "typed"
        ? { type: start[1], id: start[2] as string, values: new Map(), line: index + 1 }
        : { type: undefined, id: start[1] as string, values: new Map(), line: index + 1 };
    sections.push(current);
  });
  return { sections, unreadable };
}
