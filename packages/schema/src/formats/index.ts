// The value formats, one per `format-<name>` issue code (the schema README's table), and the test
// the emitters escape and check with. The zod fields built from them (fields.ts) stay inside the schema.
export { brokenFormat, type ValueFormat } from "./format.js";
export { writableText, oneLine } from "./text.js";
export { absolute, noDotSegments } from "./paths.js";
export { propertyValue, keylessPropertyValue, configId, nodeName, mappingDescription } from "./proxmox.js";
export { bridgeName, hostAddress, sshDestination, exportsClient } from "./network.js";
export { mountOption, exportsOption } from "./options.js";
export { accountName, passwdField } from "./accounts.js";
export { lxcRawLine, knownLxcKey } from "./lxc-raw.js";
export { timeZone } from "./time-zone.js";
