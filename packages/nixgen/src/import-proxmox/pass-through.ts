// Keys of a guest config the model has no field for: kept as they are (a container's `extra`, a VM's
// hosts.nix pass-through) and listed in one warning, except what looks like a secret, which is
// dropped and named. `digest` is pmxcfs's checksum of the file and `parent` names a snapshot, which
// are not imported.
import type { GuestContext } from "./guest-context.js";
import { looksSecret } from "./secret-like.js";

const internal = new Set(["digest", "parent"]);

export function passThrough(
  ctx: GuestContext,
  values: ReadonlyMap<string, string>,
  mapped: RegExp,
): Record<string, string> {
  const kept: Record<string, string> = {};
  const secrets: string[] = [];
  for (const [key, value] of [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (mapped.test(key) || internal.has(key)) continue;
    if (looksSecret(key, value)) secrets.push(key);
    else kept[key] = value;
  }
  for (const key of secrets)
    ctx.log.add(
      ctx.file,
      "secret",
      [key],
      `${key} looks like a password or token: not copied into the config (set it again on the new guest)`,
    );
  const names = Object.keys(kept);
  if (names.length > 0)
    ctx.log.add(ctx.file, "pass-through", [], `kept as written, outside the typed model: ${names.join(", ")}`);
  return kept;
}
