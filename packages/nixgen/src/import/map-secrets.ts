// agenix's secrets.nix → `secrets`. Each `"<name>.age".publicKeys` list becomes the secret's recipients,
// named through the key registry after the file's `let` bindings (`admins ++ [ doc2 ]` → ["admins",
// "doc2"]); other attributes of a rule (`armor`) pass through. The comment above a rule is its description.
import { name as nameSchema, secret as secretSchema } from "@homelab/schema/internal";
import type { SecretInput } from "@homelab/schema";
import type { IssueLog } from "./issues.js";
import type { KeyRegistry } from "./key-registry.js";
import { asNixValue, describe, isAttrs, type NixAttrs, type NixData } from "./nix-data.js";
import { pathKey, type SourceScan } from "./nix-scan.js";
import { inSourceOrder, inSourceOrderDeep } from "./source-order.js";

export interface SecretsContext {
  readonly file: string;
  readonly scan: SourceScan | undefined;
  readonly lets: NixAttrs | undefined;
  readonly keys: KeyRegistry;
  readonly log: IssueLog;
}

export function mapSecrets(value: NixAttrs, ctx: SecretsContext): Record<string, SecretInput> {
  const secrets: Record<string, SecretInput> = {};
  for (const file of inSourceOrder(Object.keys(value), ctx.scan, [])) {
    const rule = value[file] as NixData;
    if (!file.endsWith(".age") || !isAttrs(rule)) {
      ctx.log.error(
        ctx.file,
        "secret",
        [file],
        `an agenix rule is "<name>.age" = { publicKeys = [ … ]; }, found ${describe(rule)}`,
      );
      continue;
    }
    const recipients = recipientsOf(file, rule["publicKeys"], ctx);
    if (recipients === undefined) continue;
    const name = secretName(file);
    const extra = Object.entries(rule).filter(([key]) => key !== "publicKeys");
    const agenix = Object.fromEntries(
      extra.flatMap(([key, item]) => {
        const kept = asNixValue(item);
        if (kept === undefined)
          ctx.log.add(ctx.file, "lost", [file, key], "not imported: a function has no typed equivalent");
        return kept === undefined ? [] : [[key, inSourceOrderDeep(kept, ctx.scan, [file, key])]];
      }),
    );
    const description = ctx.scan?.comments.get(pathKey([file]));
    const candidate: SecretInput = {
      ...(file === `${name}.age` ? {} : { file }),
      ...(description === undefined ? {} : { description }),
      recipients,
      ...(Object.keys(agenix).length === 0 ? {} : { agenix }),
    };
    const parsed = secretSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const found of parsed.error.issues)
        ctx.log.error(ctx.file, "invalid", [file, ...found.path.map(String)], found.message);
      continue;
    }
    if (Object.hasOwn(secrets, name)) {
      ctx.log.error(ctx.file, "secret-name", [file], `two rules would both be the secret "${name}"; rename one file`);
      continue;
    }
    secrets[name] = candidate;
  }
  return secrets;
}

function recipientsOf(file: string, keys: NixData | undefined, ctx: SecretsContext): string[] | undefined {
  const at = [file, "publicKeys"];
  if (!Array.isArray(keys) || keys.length === 0) {
    ctx.log.error(
      ctx.file,
      "recipients",
      at,
      "must be a non-empty list of public keys: a secret nobody can decrypt is no use",
    );
    return undefined;
  }
  const bad = keys.findIndex((key) => !ctx.keys.isKey(key));
  if (bad !== -1) {
    ctx.log.error(
      ctx.file,
      "recipients",
      [...at, bad],
      "must be a public key: ssh-ed25519 …, ssh-rsa …, ecdsa-sha2-… or age1…",
    );
    return undefined;
  }
  return ctx.keys.refs(keys as string[], ctx.lets, secretName(file));
}

/** `grafana-admin-password.age` → `grafana-admin-password`; `wifi.psk.age` → `wifi-psk` (a name holds no dots). */
function secretName(file: string): string {
  const stem = file.slice(0, -".age".length);
  if (nameSchema.safeParse(stem).success) return stem;
  const cleaned = stem.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^[^A-Za-z_]+/, "");
  return cleaned === "" ? "secret" : cleaned;
}
