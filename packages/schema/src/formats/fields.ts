// String fields typed by where their value ends up: each is the list of formats of every line format
// it is written into. The emitters escape what a format can escape (tmpfiles paths, exports paths)
// and rely on these for the rest.
import { accountName, passwdField } from "./accounts.js";
import { formatted, valueFormat } from "./format.js";
import { bridgeName, exportsClient, hostAddress, sshDestination } from "./network.js";
import { exportsOption, mountOption } from "./options.js";
import { knownLxcKey, lxcRawLine } from "./lxc-raw.js";
import { absolute, noDotSegments } from "./paths.js";
import { configId, configLineValue, keylessPropertyValue, mappingDescription, nodeName, propertyValue } from "./proxmox.js";
import { oneLine } from "./text.js";
import { timeZone } from "./time-zone.js";

/** A path in fstab (NixOS escapes only spaces and tabs there), a Markdown code span or a shell line. */
export const hostPath = formatted(absolute, oneLine);

/** The host side of a bind mount: the keyless first value of `mpN`. */
export const bindMountSource = formatted(absolute, oneLine, propertyValue, keylessPropertyValue);

/** The container side of a mount point (a bind mount or a volume): `mp=` of `mpN`, which Proxmox checks for `.` and `..`. */
export const bindMountTarget = formatted(absolute, noDotSegments, oneLine, propertyValue);

/** A directory mapping's path on a node: `path=` of a `--map` property string. */
export const mappingPath = formatted(absolute, oneLine, propertyValue);

/** An exported directory: the emitter writes it with exports(5) octal escapes, so any path will do. */
export const exportPath = formatted(absolute);

export const proxmoxId = formatted(configId);

// storage.sh takes a node name or this word as its step, so a node cannot be called that.
export const MAPPINGS_STEP = "mappings";
const notMappingsStep = valueFormat(
  "storage-step",
  `must not be "${MAPPINGS_STEP}", the name of the step that creates the directory mappings in proxmox/storage.sh`,
  (value) => value !== MAPPINGS_STEP,
);

export const proxmoxNodeName = formatted(nodeName, notMappingsStep);

/** A Linux network interface name: a Proxmox bridge, or a container interface (`name=` of `netN`). */
export const interfaceName = formatted(bridgeName);

export const sshHost = formatted(sshDestination);

/** A host name or IPv4 address: an NFS server, the Proxmox API host. */
export const hostAddressText = formatted(hostAddress);

export const exportsClients = formatted(exportsClient);

export const mountOptionValue = formatted(mountOption);

export const exportsOptionValue = formatted(exportsOption);

export const account = formatted(accountName);

export const lxcRaw = formatted(lxcRawLine, knownLxcKey);

export const mappingDescriptionText = formatted(mappingDescription);

export const containerConfigValue = formatted(oneLine, configLineValue);

export const passwdText = formatted(passwdField);

export const timeZoneName = formatted(timeZone);
