// Machines: Proxmox LXC containers, VMs and bare metal, with what runs on them.
import { z } from "zod";
import { defaultDiskInterface } from "./disk-interface.js";
import { packageName } from "./profile.js";
import {
  absolutePath,
  cidr,
  diskSize,
  hostname,
  ipv4,
  mac,
  name,
  nixValue,
  port,
  stateVersion,
  system,
} from "./primitives.js";
import { fileMode } from "./secrets.js";
import {
  account,
  bindMountSource,
  bindMountTarget,
  containerConfigValue,
  interfaceName,
  exportPath,
  exportsClients,
  exportsOptionValue,
  hostPath,
  lxcRaw,
  mountOptionValue,
  hostAddressText,
  passwdText,
  proxmoxId,
  proxmoxNodeName,
  sshHost,
  timeZoneName,
} from "./formats/fields.js";

const network = z
  .strictObject({
    bridge: interfaceName.default("vmbr0").describe("Proxmox bridge, e.g. vmbr0"),
    ip: z
      .union([
        z.literal("dhcp"),
        z.strictObject({
          address: cidr.describe("Static address with prefix length, e.g. 192.168.1.80/24"),
          gateway: ipv4.describe("Default gateway, e.g. 192.168.1.1"),
        }),
      ])
      .default("dhcp")
      .describe('"dhcp" or a static { address: "192.168.1.80/24", gateway: "192.168.1.1" }'),
    mac: mac.optional().describe("Fixed MAC address (hwaddr), e.g. for a DHCP reservation"),
    name: interfaceName.optional().describe("Interface name inside a container (default eth<N>)"),
    model: z.enum(["virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"]).optional().describe("VM network card model (Proxmox default virtio)"),
    firewall: z.boolean().optional().describe("Proxmox firewall on this interface (firewall=1)"),
    vlan: z.number().int().min(1).max(4094).optional().describe("VLAN tag (tag=)"),
  })
  .describe("A network interface (netN)");

const tag = z.string().regex(/^[a-z0-9_][a-z0-9_+.-]*$/i, "must be a Proxmox tag: letters, digits, _ + . -");

const placement = {
  node: proxmoxNodeName.describe("Proxmox node the guest runs on"),
  vmid: z
    .number()
    .int()
    .min(100, "must be 100–999999999")
    .max(999_999_999, "must be 100–999999999")
    .describe("Proxmox guest id, unique across containers and VMs"),
  cores: z.number().int().min(1).describe("CPU cores"),
  memory: z.number().int().min(16).describe("Memory in MB"),
  disk: diskSize.describe("Root disk size, e.g. 32G"),
  storage: proxmoxId.describe("Proxmox storage of the root disk, e.g. local-lvm"),
  network: network.default({ bridge: "vmbr0", ip: "dhcp" }).describe("The first network interface (net0)"),
  extraNetworks: z.array(network).default([]).describe("Further network interfaces: net1, net2, …"),
  onBoot: z.boolean().optional().describe("Start with the node"),
  tags: z
    .array(tag)
    .optional()
    .describe('Proxmox tags of the guest; for a VM hosts.nix creates, absent means the OpenTofu consumer\'s ["opentofu" "nixos" "managed"], [] none'),
};

const bindMount = z
  .strictObject({
    host: bindMountSource.describe("Path on the Proxmox host"),
    container: bindMountTarget.describe("Path inside the container"),
    readOnly: z.boolean().default(false).describe("Mount read-only (ro=1)"),
    comment: z.string().optional().describe("Printed above the mpN line"),
  })
  .describe("A bind mount point (mpN)");

const volumeMount = z
  .strictObject({
    storage: proxmoxId.describe("Proxmox storage of the volume, e.g. local-lvm"),
    size: diskSize.describe("Volume size in whole GiB, e.g. 16G"),
    container: bindMountTarget.describe("Path inside the container"),
    readOnly: z.boolean().default(false).describe("Mount read-only (ro=1)"),
    backup: z.boolean().optional().describe("Include in vzdump backups (backup=1)"),
  })
  .describe("A storage volume mounted into the container (mpN), numbered after the bind mounts");

const lxcProxmox = z.strictObject({
  ...placement,
  swap: z.number().int().min(0).optional().describe("Swap in MB (Proxmox default 512)"),
  template: z.string().min(1).describe("OS template, e.g. local:vztmpl/nixos-24.11-x86_64.tar.xz"),
  privileged: z.boolean().default(false).describe("Privileged container (--unprivileged 0)"),
  features: z
    .strictObject({
      nesting: z.boolean().default(false).describe("Needed by Docker"),
      keyctl: z.boolean().default(false).describe("Needed by Docker"),
      fuse: z.boolean().default(false).describe("Needed by FUSE file systems (gocryptfs, sshfs, rclone mount)"),
      mknod: z.boolean().default(false).describe("Allow mknod (device nodes)"),
      mount: z.array(z.string().regex(/^[a-z0-9]+$/)).default([]).describe("File system types the container may mount, e.g. nfs"),
    })
    .default({ nesting: false, keyctl: false, fuse: false, mknod: false, mount: [] })
    .describe("LXC features (--features): Docker needs nesting and keyctl, FUSE needs fuse"),
  bindMounts: z
    .array(bindMount)
    .max(256, "Proxmox allows at most 256 mount points")
    .default([])
    .describe("Bind mounts from the Proxmox host (mp0, mp1, …)"),
  raw: z
    .array(lxcRaw)
    .default([])
    .describe("Raw lxc.* lines appended to the container config"),
  volumes: z.array(volumeMount).default([]).describe("Storage volumes mounted into the container (mpN)"),
  extra: z
    .record(z.string().regex(/^[a-z][a-z_]*[0-9]*$/, "must be a pct.conf key such as ostype"), containerConfigValue)
    .default({})
    .describe("Further keys of the container config, written as they are (what `nixgen import --proxmox` found outside the model)"),
});

const virtiofsShare = z
  .strictObject({
    mapping: proxmoxId.describe("Directory mapping id (storage.mappings)"),
    mountPoint: hostPath.optional().describe("Where the guest mounts it; fileSystems.<path>.device is the mapping id"),
    owner: z
      .strictObject({
        user: account.describe("Owning user, e.g. abl030"),
        group: account.describe("Owning group, e.g. users"),
      })
      .optional()
      .describe("Owner of the mount point, set with systemd.tmpfiles"),
    mode: fileMode.default("0755").describe("Mode of the mount point"),
    cache: z.enum(["auto", "always", "metadata", "never"]).optional().describe("virtiofs cache mode (Proxmox default auto)"),
    directIo: z.boolean().optional().describe("Honour O_DIRECT (direct_io)"),
    exposeAcl: z.boolean().optional().describe("Needs exposeXattr"),
    exposeXattr: z.boolean().optional().describe("Expose extended attributes (expose_xattr)"),
  })
  .describe("A virtiofs share of a directory mapping");

const diskSlot = z
  .string()
  .regex(
    /^(ide[0-3]|sata[0-5]|scsi([0-9]|[12][0-9]|30)|virtio([0-9]|1[0-5]))$/,
    "must be a Proxmox disk slot: ide0–3, sata0–5, scsi0–30 or virtio0–15",
  );

const vmProxmox = z.strictObject({
  ...placement,
  extraDisks: z
    .array(
      z.strictObject({
        slot: diskSlot.describe("Bus and slot, e.g. scsi1"),
        storage: proxmoxId.describe("Proxmox storage, e.g. local-lvm"),
        size: diskSize.describe("Size, e.g. 100G"),
      }),
    )
    .default([])
    .describe("Disks besides the root disk"),
  sockets: z.number().int().min(1).optional().describe("CPU sockets (Proxmox default 1)"),
  // Defaults as Proxmox's (and hosts.nix's OpenTofu consumer's): SeaBIOS, x86-64-v2-AES.
  cpuType: z.string().min(1).default("x86-64-v2-AES").describe("CPU type, e.g. host (Proxmox default x86-64-v2-AES)"),
  bios: z.enum(["seabios", "ovmf"]).default("seabios").describe("Firmware: seabios (the Proxmox default; GRUB on the disk) or ovmf (UEFI: systemd-boot, ESP labelled ESP at /boot)"),
  machine: z
    .string()
    .regex(/^[a-z0-9_.+-]+$/, "must be a QEMU machine type such as q35 or pc-q35-9.0")
    .optional()
    .describe("QEMU machine type, e.g. q35 (Proxmox default: i440fx)"),
  diskInterface: diskSlot
    .optional()
    .describe(
      `Slot of the root disk (absent: ${defaultDiskInterface}, what hosts.nix's OpenTofu consumer creates); its bus decides the boot disk's device: scsi and sata /dev/sda, virtio /dev/vda`,
    ),
  cloneFromTemplate: z
    .boolean()
    .optional()
    .describe("Created as a full clone of proxmox.templateVmid (OpenTofu consumer default: true); false for an imported VM"),
  readonly: z.boolean().optional().describe("Left alone by OpenTofu (an existing VM it must not recreate)"),
  description: z
    .string()
    .optional()
    .describe('The VM\'s description in Proxmox (OpenTofu consumer default for clones: "Managed by OpenTofu - <hostname>")'),
  agent: z.boolean().default(true).describe("QEMU guest agent"),
  virtiofs: z.array(virtiofsShare).default([]).describe("virtiofs shares (proxmox.virtiofs in hosts.nix)"),
  passthrough: z
    .array(
      z.strictObject({
        id: z
          .string()
          .regex(/^([0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}(\.[0-9a-f])?$/, "must be a PCI address such as 0000:00:02.0")
          .describe("PCI address of the device"),
        deferred: z.boolean().default(false).describe("Planned, not attached yet"),
        note: z.string().optional().describe("Why, or what is still to be done"),
      }),
    )
    .default([])
    .describe("PCI devices passed through (hostpciN)"),
});

/** A file of the machine the user writes, relative to machines/<name>/. */
const machineFile = z.string().regex(/^\.\.?\//, "must be a relative path such as ./hardware.nix");

const user = z.strictObject({
  description: passwdText.optional().describe("Full name or purpose of the account"),
  uid: z.number().int().min(0).optional().describe("Fixed numeric user id"),
  admin: z.boolean().default(false).describe("Member of wheel"),
  extraGroups: z.array(account).default([]).describe("Groups besides the user's own"),
  authorizedKeys: z
    .array(z.string())
    .default([])
    .describe("Key names from keys.users / keys.groups, or literal public keys"),
});

const serviceUse = z
  .union([z.literal(true), z.record(z.string(), nixValue)])
  .describe("true to enable with defaults, or option overrides (nested for option groups)");

const secretUse = z
  .union([
    z.literal(true),
    z.strictObject({
      option: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)+$/, "must be <module>.<option>, e.g. grafana.adminPasswordFile")
        .optional()
        .describe("Module option that receives the decrypted path"),
      owner: account.optional().describe("Owner of the decrypted file (default: the secret's owner)"),
      group: account.optional().describe("Group of the decrypted file (default: the secret's group)"),
      mode: fileMode.optional().describe("Mode of the decrypted file (default: the secret's mode)"),
    }),
  ])
  .describe("true, or where the secret goes and who owns the decrypted file");

const nfs = z.strictObject({
  mounts: z
    .array(
      z.strictObject({
        server: hostAddressText.describe("NFS server host name or address"),
        export: hostPath.describe("Exported path on the server"),
        mountPoint: hostPath.describe("Where the share is mounted"),
        options: z.array(mountOptionValue).default(["nfsvers=4.2", "noatime"]).describe("Mount options"),
      }),
    )
    .default([])
    .describe("NFS shares mounted inside the machine"),
  exports: z
    .array(
      z.strictObject({
        path: exportPath.describe("Exported directory"),
        clients: exportsClients.describe("Who may mount it, e.g. 192.168.1.0/24"),
        options: z.array(exportsOptionValue).default(["rw", "sync", "no_subtree_check"]).describe("exports(5) options"),
      }),
    )
    .default([])
    .describe("Directories this machine serves over NFS"),
});

const common = {
  hostname,
  system: system.default("x86_64-linux"),
  description: z.string().optional().describe("What the machine is for, printed as a comment; a Proxmox guest's notes"),
  stateVersion: stateVersion.optional(),
  timeZone: timeZoneName.optional().describe("time.timeZone, e.g. Europe/Prague"),
  profile: name.optional().describe("Profile (profiles.<name>) this machine is built from"),
  users: z.record(account, user).default({}).describe("Login users by name"),
  services: z.record(name, serviceUse).default({}).describe("Service modules enabled here, with overrides"),
  secrets: z.record(name, secretUse).default({}).describe("Secrets decrypted on this machine"),
  identityPaths: z.array(absolutePath).optional().describe("age.identityPaths, e.g. the host's SSH key on a VM"),
  docker: z.boolean().default(false).describe("Run Docker"),
  podman: z.boolean().default(false).describe("Run Podman"),
  nfs: nfs.default({ mounts: [], exports: [] }).describe("NFS client mounts and server exports"),
  firewall: z
    .strictObject({
      tcp: z.array(port).default([]).describe("TCP ports"),
      udp: z.array(port).default([]).describe("UDP ports"),
    })
    .default({ tcp: [], udp: [] })
    .describe("Ports opened besides those of the enabled services"),
  packages: z.array(packageName).default([]).describe("Extra system packages"),
  imports: z
    .array(machineFile)
    .default([])
    .describe("Extra NixOS modules of the machine, relative to machines/<name>/; you write them, nixgen checks they exist"),
  nixos: z.record(z.string(), nixValue).default({}).describe("Extra NixOS settings: dotted option path → value"),
  replaces: z
    .strictObject({
      host: sshHost.describe("The machine this one takes over from"),
      dataPaths: z.array(hostPath).default([]).describe("Data copied across during the migration"),
    })
    .optional()
    .describe("Migration source, for the runbook"),
  inventory: z
    .strictObject({
      attrs: z
        .record(z.string(), nixValue)
        .default({})
        .describe("Attributes of the machine's hosts.nix entry beyond the generated ones (sshAlias, homeDirectory, …); one named like a generated attribute replaces it"),
      proxmox: z.record(z.string(), nixValue).default({}).describe("The same, inside the entry's proxmox block"),
      omit: z
        .array(z.string().regex(/^(proxmox\.)?[A-Za-z_][A-Za-z0-9_'-]*$/, "must be an attribute name, or proxmox.<name> for one in the proxmox block"))
        .default([])
        .describe("Generated attributes left out of the entry (proxmox.<name> for the proxmox block), e.g. those an imported hosts.nix did not have"),
    })
    .optional()
    .describe("Pass-through of the hosts.nix entry: what `nixgen import` found outside the typed model"),
};

export const lxcMachine = z.strictObject({
  kind: z.literal("lxc").describe("A Proxmox LXC container"),
  ...common,
  proxmox: lxcProxmox.describe("The container on Proxmox (pct create)"),
});
export const vmMachine = z.strictObject({
  kind: z.literal("vm").describe("A Proxmox virtual machine"),
  ...common,
  proxmox: vmProxmox.describe("The VM on Proxmox (hosts.nix proxmox block)"),
});
export const metalMachine = z.strictObject({
  kind: z.literal("metal").describe("Bare metal, or a VM not on Proxmox"),
  ...common,
  hardware: machineFile
    .default("./hardware.nix")
    .describe("Your hardware configuration (file systems, boot loader, kernel modules), relative to machines/<name>/; `nixgen gen` requires it, `nixgen scaffold` writes a starter"),
  disko: machineFile.optional().describe("A disko layout, e.g. ./disko.nix: it then declares the file systems"),
});

export const machine = z
  .discriminatedUnion("kind", [lxcMachine, vmMachine, metalMachine])
  .describe("A machine: an LXC container, a VM or bare metal");

export type MachineInput = z.input<typeof machine>;
export type Machine = z.output<typeof machine>;
export type LxcMachine = z.output<typeof lxcMachine>;
export type VmMachine = z.output<typeof vmMachine>;
export type MetalMachine = z.output<typeof metalMachine>;
