// Storage on the Proxmox side (seed 001): nodes, ZFS datasets and cluster directory mappings.
import { z } from "zod";
import { hostPath, mappingDescriptionText, mappingPath, proxmoxId, proxmoxNodeName, sshHost } from "./formats/fields.js";
import { uid } from "./primitives.js";

export const proxmoxNode = z
  .strictObject({
    address: sshHost.optional().describe("How to reach the node for the runbook, e.g. root@192.168.1.12"),
    maintenance: z.boolean().default(false).describe("A node that takes over during maintenance"),
    storage: proxmoxId
      .optional()
      .describe("Storage that guest disks move to on this node when it has not got theirs (qm migrate --targetstorage), e.g. local-lvm"),
  })
  .describe("A Proxmox node");

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

export const directoryMapping = z
  .strictObject({
    description: mappingDescriptionText.optional().describe("Description shown in Proxmox (pvesh --description)"),
    paths: z
      .record(proxmoxNodeName, mappingPath)
      .refine((paths) => Object.keys(paths).length > 0, "must map at least one node to a path")
      .describe("Node name → host path; one entry per node the VM may run on"),
  })
  .describe("A Proxmox cluster directory mapping (/cluster/mapping/dir), shared with VMs over virtiofs");

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
