// Option lists that become one comma-separated word: fstab's fourth field (NixOS joins
// `fileSystems.<path>.options` with ","), and the `(…)` after an exports(5) client.
import { valueFormat } from "./format.js";

export const mountOption = valueFormat(
  "mount-option",
  'must be one mount option such as noatime or nfsvers=4.2: no ",", whitespace or control characters',
  (value) => /^[^\s,\x00-\x1f\x7f]+$/.test(value),
);

export const exportsOption = valueFormat(
  "exports-option",
  'must be one exports(5) option such as rw or no_subtree_check: no ",", parentheses, whitespace or control characters',
  (value) => /^[^\s,()\x00-\x1f\x7f]+$/.test(value),
);
