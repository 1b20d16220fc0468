// The key registry and agenix secrets (https://github.com/ryantm/agenix). Each secret names exactly who may decrypt it, so
// `secrets/secrets.nix` encrypts it to those keys only.
import { z } from "zod";
import { name, nixValue, publicKey } from "./primitives.js";

export const keys = z
  .strictObject({
    users: z
      .record(name, z.union([publicKey, z.array(publicKey).min(1)]))
      .default({})
      .describe("People's public keys, by user name"),
    hosts: z.record(name, publicKey).default({}).describe("Machines' SSH host keys, by machine name"),
    groups: z
      .record(name, z.array(name).min(1))
      .default({})
      .describe("Named lists of user or host key names, bound once in `let` and referenced by name"),
  })
  .describe("Public keys of users and machines");

export const fileMode = z.string().regex(/^0?[0-7]{3}$/, "must be an octal mode such as 0400");

export const secret = z
  .strictObject({
    file: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+\.age$/, "must be a file name ending in .age")
      .optional()
      .describe("Encrypted file under secrets/ (default <name>.age)"),
    description: z.string().optional().describe("What the secret holds, printed as a comment in secrets/secrets.nix"),
    recipients: z
      .array(name)
      .min(1)
      .describe("Key names (users, hosts or groups) that may decrypt it; a machine using it must be one"),
    owner: z.string().default("root").describe("Owner of the decrypted file"),
    group: z.string().default("root").describe("Group of the decrypted file"),
    mode: fileMode.default("0400").describe("Mode of the decrypted file"),
    agenix: z
      .record(z.string().regex(/^(?!publicKeys$)[A-Za-z_][A-Za-z0-9_'-]*$/, "must be an attribute name other than publicKeys"), nixValue)
      .optional()
      .describe("Other attributes of the secret's rule in secrets/secrets.nix, e.g. { armor: true }"),
  })
  .describe("An agenix secret");

export type SecretInput = z.input<typeof secret>;
export type Secret = z.output<typeof secret>;
export type KeysInput = z.input<typeof keys>;
export type Keys = z.output<typeof keys>;
