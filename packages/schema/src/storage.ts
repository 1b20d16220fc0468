// Storage on the Proxmox side (pvesm(5) storage, zfs(8) datasets, `pvesh create /cluster/mapping/dir`): nodes, ZFS datasets and cluster directory mappings.
import { z } from "zod";
import { hostAddressText, hostPath, mappingDescriptionText, mappingPath, proxmoxId, proxmoxNodeName, sshHost } from "./formats/fields.js";
import { uid } from "./primitives.js";

export const proxmoxNode = z
  .strictObject({
    address: sshHost
      .optional()
      .describe("How to reach the node over SSH, e.g. root@192.168.1.12; without the login, also its API address (_proxmox.host)"),
    maintenance: z.boolean().default(false).describe("A node that takes over during maintenance"),
    storage: proxmoxId
      .optional()
      .describe("Storage that guest disks move to on this node when it has not got theirs (qm migrate --targetstorage), e.g. local-lvm"),
  })
  .describe("A Proxmox node");

/**
 * Where hosts.nix's OpenTofu consumer creates VMs (`_proxmox` in hosts.nix): the node it talks to at
 * `https://<host>:8006/`, the template it clones, and the storage of disks that name none.
 */
export const openTofuTarget = {
  host: hostAddressText
    .optional()
    .describe("Address of the Proxmox API (_proxmox.host, https://<host>:8006/); default: proxmox.node's address without its login"),
  node: proxmoxNodeName
    .optional()
    .describe("Node OpenTofu creates VMs on (_proxmox.node); default: the one node every VM runs on, else the one main node"),
  templateVmid: z
    .number()
    .int()
    .min(100, "must be 100–999999999")
    .max(999_999_999, "must be 100–999999999")
    .optional()
    .describe("VM template that VMs are cloned from (_proxmox.templateVmid)"),
  defaultStorage: z
    .string()
    .regex(/^[a-z][a-z0-9_-]+$/i, "must be a Proxmox storage id such as local-lvm")
    .default("local-lvm")
    .describe("Storage of VM disks that name none (_proxmox.defaultStorage; Proxmox default local-lvm)"),
};

export const owner = z
  .strictObject({
    uid: uid.describe("Numeric owner, as the guest sees it"),
    gid: uid.describe("Numeric group"),
  })
  .describe("Numeric owner of a directory");

export const dataset = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*(\/[A-Za-z0-9][A-Za-z0-9_.:-]*)+$/, "must be pool/dataset, e.g. nvmeprom/containers")
      .describe("Dataset name, pool/dataset, e.g. nvmeprom/containers"),
    node: proxmoxNodeName.describe("Proxmox node that holds the pool"),
    mountpoint: hostPath.describe("Where the dataset is mounted on the node, e.g. /nvmeprom/containers"),
    owner: owner.optional(),
  })
  .describe("A ZFS dataset created on a Proxmox node");

export const managedMapping = z
  .strictObject({
    managed: z.literal(true).default(true).describe("Created by proxmox/storage.sh (the default)"),
    description: mappingDescriptionText.optional().describe("Description shown in Proxmox (pvesh --description)"),
    paths: z
      .record(proxmoxNodeName, mappingPath)
      .refine((paths) => Object.keys(paths).length > 0, "must map at least one node to a path")
      .describe("Node name → host path; one entry per node the VM may run on"),
  })
  .describe("A Proxmox cluster directory mapping (/cluster/mapping/dir) this config creates, shared with VMs over virtiofs");

/**
 * A mapping someone created elsewhere (the Proxmox UI): VMs may share it and its nodes are checked,
 * but nothing is generated to create it, so no made-up path can reach a command.
 */
export const unmanagedMapping = z
  .strictObject({
    managed: z.literal(false).describe("Created outside this config; referenced, never created"),
    description: mappingDescriptionText.optional().describe("What it holds, for the reader"),
    nodes: z.array(proxmoxNodeName).min(1, "must name at least one node").describe("Nodes the mapping has a path on"),
  })
  .describe("A Proxmox cluster directory mapping created outside this config (e.g. in the Proxmox UI)");

export const directoryMapping = z
  .union([managedMapping, unmanagedMapping])
  .describe("A Proxmox cluster directory mapping: { paths } to create it, or { managed: false, nodes } when it exists already");

export type DirectoryMapping = z.output<typeof directoryMapping>;
export type ManagedMapping = z.output<typeof managedMapping>;

/** The nodes a mapping has a path on. */
export function mappingNodes(mapping: DirectoryMapping): string[] {
  return mapping.managed ? Object.keys(mapping.paths) : mapping.nodes;
}

/** The mappings this config creates, with their paths. */
export function managedMappings(mappings: Readonly<Record<string, DirectoryMapping>>): [string, ManagedMapping][] {
  return Object.entries(mappings).filter((entry): entry is [string, ManagedMapping] => entry[1].managed);
}

export const proxmoxStorage = z
  .strictObject({
    type: z.string().regex(/^[a-z][a-z0-9]*$/, "must be a storage type such as dir, lvmthin or zfspool").describe("Storage type"),
    options: z.record(z.string(), z.string()).default({}).describe("Its storage.cfg options as written, e.g. pool, content, nodes"),
  })
  .describe("A storage of /etc/pve/storage.cfg, listed in hosts.nix for tooling (not created by the generator)");

export const storage = z
  .strictObject({
    datasets: z.array(dataset).default([]).describe("ZFS datasets created on Proxmox nodes"),
    mappings: z.record(proxmoxId, directoryMapping).default({}).describe("Directory mappings by id"),
    storages: z.record(proxmoxId, proxmoxStorage).default({}).describe("Proxmox storages by id (storage.cfg)"),
  })
  .describe("Proxmox storage");

export type StorageInput = z.input<typeof storage>;
export type Storage = z.output<typeof storage>;
