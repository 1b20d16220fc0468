// What the typed model cannot say about a hosts.nix, found by comparison rather than by listing: the
// hosts.nix generated from the typed machines is evaluated and set beside the imported one. An
// attribute the import has and the generated file lacks or writes differently passes through
// (`inventory.attrs`, `inventory.proxmox`, `inventory.metadata`); one the generated file adds is
// omitted (`inventory.omit`). The emitter can change what it writes; this follows without a list to keep.
import type { NixValue } from "@homelab/nix";
import type { HomelabConfigInput, MachineInput } from "@homelab/schema";
import type { ImportCode } from "@homelab/schema/internal";
import { asNixValue, isAttrs, sameData, type NixAttrs, type NixData } from "./nix-data.js";
import type { SourceScan } from "./nix-scan.js";
import { inSourceOrder, inSourceOrderDeep } from "./source-order.js";

type MachineInventory = NonNullable<MachineInput["inventory"]>;
type ConfigInventory = NonNullable<HomelabConfigInput["inventory"]>;

export interface HostsInventory {
  readonly machines: Record<string, MachineInventory>;
  readonly config: ConfigInventory | undefined;
  /** Attributes that cannot pass through (functions), by attribute path: the regenerated file lacks them. */
  readonly lost: readonly (readonly string[])[];
}

/** `source` is the imported hosts.nix, `generated` the one generated from the typed machines alone. */
export function reconcileHosts(
  source: NixAttrs,
  generated: NixAttrs,
  machines: Readonly<Record<string, MachineInput>>,
  scan: SourceScan | undefined,
): HostsInventory {
  const lost: string[][] = [];
  const inventories: Record<string, MachineInventory> = {};
  for (const [name, machine] of Object.entries(machines)) {
    const own = source[name];
    const made = generated[name];
    if (!isAttrs(own) || !isAttrs(made)) continue;
    const top = compare(own, made, scan, [name], lost);
    const proxmox =
      machine.kind !== "metal" && isAttrs(own["proxmox"]) && isAttrs(made["proxmox"])
        ? compare(own["proxmox"], made["proxmox"], scan, [name, "proxmox"], lost)
        : undefined;
    if (proxmox !== undefined) delete top.extra["proxmox"];
    const omit = [...top.omit, ...(proxmox?.omit ?? []).map((key) => `proxmox.${key}`)];
    const inventory = {
      ...(Object.keys(top.extra).length === 0 ? {} : { attrs: top.extra }),
      ...(proxmox === undefined || Object.keys(proxmox.extra).length === 0 ? {} : { proxmox: proxmox.extra }),
      ...(omit.length === 0 ? {} : { omit }),
    };
    if (Object.keys(inventory).length > 0) inventories[name] = inventory;
  }
  const isMetadata = (key: string): boolean => key.startsWith("_");
  const meta = compare(pick(source, isMetadata), pick(generated, isMetadata), scan, [], lost);
  const config = {
    ...(Object.keys(meta.extra).length === 0 ? {} : { metadata: meta.extra }),
    ...(meta.omit.length === 0 ? {} : { omit: meta.omit }),
  };
  return { machines: inventories, config: Object.keys(config).length === 0 ? undefined : config, lost };
}

interface Comparison {
  readonly extra: Record<string, NixValue>;
  readonly omit: string[];
}

function compare(
  own: NixAttrs,
  made: NixAttrs,
  scan: SourceScan | undefined,
  at: readonly string[],
  lost: string[][],
): Comparison {
  const extra: Record<string, NixValue> = {};
  for (const key of inSourceOrder(Object.keys(own), scan, at)) {
    const value = own[key] as NixData;
    if (Object.hasOwn(made, key) && sameData(value, made[key])) continue;
    const kept = asNixValue(value);
    if (kept === undefined) lost.push([...at, key]);
    else extra[key] = inSourceOrderDeep(kept, scan, [...at, key]);
  }
  return { extra, omit: Object.keys(made).filter((key) => !Object.hasOwn(own, key)) };
}

function pick(attrs: NixAttrs, keep: (key: string) => boolean): NixAttrs {
  return Object.fromEntries(Object.entries(attrs).filter(([key]) => keep(key)));
}

/** `config` with the inventory in place: each machine's, and the config's own. */
export function applyInventory(config: HomelabConfigInput, inventory: HostsInventory): HomelabConfigInput {
  const machines = Object.fromEntries(
    Object.entries(config.machines ?? {}).map(([name, machine]) => {
      const found = inventory.machines[name];
      return [name, found === undefined ? machine : { ...machine, inventory: found }];
    }),
  );
  return {
    ...config,
    ...(Object.keys(machines).length === 0 ? {} : { machines }),
    ...(inventory.config === undefined ? {} : { inventory: inventory.config }),
  };
}

/** What a user should know about the inventory: what passed through, per machine, and what could not. */
export function inventoryReport(inventory: HostsInventory): { path: string[]; code: ImportCode; message: string }[] {
  const machines = Object.entries(inventory.machines).flatMap(([name, found]) => {
    const kept = [
      ...Object.keys(found.attrs ?? {}),
      ...Object.keys(found.proxmox ?? {}).map((key) => `proxmox.${key}`),
    ];
    return kept.length === 0
      ? []
      : [
          {
            path: [name],
            code: "pass-through" as const,
            message: `kept as written in machines.${name}.inventory (outside the typed model, or typed but not written to hosts.nix): ${kept.join(", ")}`,
          },
        ];
  });
  const metadata = Object.keys(inventory.config?.metadata ?? {});
  return [
    ...machines,
    ...(metadata.length === 0
      ? []
      : [
          {
            path: [],
            code: "pass-through" as const,
            message: `metadata kept as written in inventory.metadata: ${metadata.join(", ")}`,
          },
        ]),
    ...inventory.lost.map((path) => ({
      path: [...path],
      code: "lost" as const,
      message: "not imported: a function has no typed equivalent; it is missing from the regenerated file",
    })),
  ];
}
