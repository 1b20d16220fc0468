// The pass-through of hosts.nix (`inventory` on a machine and on the config): attributes the typed
// model does not have, kept so that an imported hosts.nix regenerates to the same value.
import { bind, type BindingNode, type NixValue } from "@homelab/nix";

/**
 * The generated bindings without the omitted ones, a generated binding replaced where `extra` names
 * it, and the other `extra` attributes after them in their own order.
 */
export function withInventory(
  generated: readonly BindingNode[],
  extra: Readonly<Record<string, NixValue>> = {},
  omit: readonly string[] = [],
): BindingNode[] {
  // Most machines carry no inventory pass-through.
  if (omit.length === 0 && !hasKeys(extra)) return [...generated];
  const nameOf = (binding: BindingNode): string | undefined =>
    binding.path.length === 1 && typeof binding.path[0] === "string" ? binding.path[0] : undefined;
  const kept = generated
    .filter((binding) => !omit.includes(nameOf(binding) ?? ""))
    .map((binding) => {
      const name = nameOf(binding);
      return name !== undefined && Object.hasOwn(extra, name) ? bind(name, extra[name] as NixValue) : binding;
    });
  const present = new Set(generated.map(nameOf));
  return [
    ...kept,
    ...Object.entries(extra)
      .filter(([name]) => !present.has(name))
      .map(([name, value]) => bind(name, value)),
  ];
}

function hasKeys(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/** `proxmox.cores` in a machine's `inventory.omit` → `cores` for the proxmox block. */
export function omittedIn(omit: readonly string[], block?: "proxmox"): string[] {
  return block === undefined
    ? omit.filter((name) => !name.includes("."))
    : omit.filter((name) => name.startsWith(`${block}.`)).map((name) => name.slice(block.length + 1));
}
