// The root of the model: everything a homelab repository is generated from.
import { z } from "zod";
import { proxmoxNodeName } from "./formats/fields.js";
import { machine } from "./machine.js";
import { serviceModule } from "./module.js";
import { name, nixValue } from "./primitives.js";
import { profile } from "./profile.js";
import { keys, secret } from "./secrets.js";
import { openTofuTarget, proxmoxNode, storage } from "./storage.js";

export const homelabConfig = z
  .strictObject({
    $schema: z.string().optional().describe("JSON Schema of this file, for editors"),
    name: z.string().optional().describe("Name of the homelab, used in generated headers and runbooks"),
    proxmox: z
      .strictObject({
        nodes: z.record(proxmoxNodeName, proxmoxNode).default({}).describe("Proxmox nodes by name"),
        ...openTofuTarget,
      })
      .default({ nodes: {}, defaultStorage: "local-lvm" })
      .describe("Proxmox cluster nodes"),
    storage: storage.default({ datasets: [], mappings: {}, storages: {} }),
    keys: keys.default({ users: {}, hosts: {}, groups: {} }),
    secrets: z.record(name, secret).default({}).describe("agenix secrets by name (the age.secrets attribute)"),
    profiles: z.record(name, profile).default({}).describe("Profiles by name (profiles/<name>-config.nix)"),
    modules: z.record(name, serviceModule).default({}).describe("Service modules by name"),
    machines: z.record(name, machine).default({}).describe("Machines by flake attribute name"),
    inventory: z
      .strictObject({
        metadata: z
          .record(z.string().regex(/^_/, "must start with _ (metadata, not a machine)"), nixValue)
          .default({})
          .describe("hosts.nix entries named _…, metadata for tooling, printed as they are; one named like a generated entry (_proxmox) replaces it"),
        omit: z
          .array(z.string().regex(/^_/, "must start with _ (metadata, not a machine)"))
          .default([])
          .describe("Generated metadata entries (_proxmox) left out of hosts.nix"),
      })
      .optional()
      .describe("Pass-through of hosts.nix beyond its machines: what `nixgen import` found outside the typed model"),
  })
  .describe("A homelab: machines, profiles, service modules, secrets and storage");

export type HomelabConfigInput = z.input<typeof homelabConfig>;
export type HomelabConfig = z.output<typeof homelabConfig>;
