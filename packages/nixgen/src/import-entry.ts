// @homelab/nixgen/import: an existing homelab → a typed config (a TypeScript module). The one entry
// that needs ts-morph and prettier (optional peer dependencies, loaded on first use) and, for Nix
// files, Nix itself.

// `nixgen import FILE.nix…`: a hosts.nix, profiles and a secrets.nix, evaluated with Nix.
export { importNix, type ImportOptions, type ImportResult } from "./import/import-nix.js";

// `nixgen import --proxmox DIR`: a copy of /etc/pve.
export { importProxmox, type ProxmoxImportResult } from "./import-proxmox/import-proxmox.js";

// What an import refuses with: findings per file, or missing ts-morph / prettier.
export { ImportError, type FileIssues } from "./import/issues.js";
export { MissingDependencyError } from "./import/typescript-tools.js";
