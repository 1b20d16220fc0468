// NUL and unpaired UTF-16 surrogates anywhere in the config, profile settings and Nix values
// included: no generated file can hold them, and the printer would refuse them in gen without the
// field's path. Keys are checked too (a record key becomes an attribute name or a file name).
import type { ValuePath } from "@homelab/nix";
import { writableText } from "../formats/text.js";
import { issue, type Issue } from "../issue.js";
import { showValue } from "../value-fits-type.js";
import type { Check } from "./check.js";

export const checkWritableText: Check = (config) => unwritable(config, []);

function unwritable(value: unknown, path: ValuePath): Issue[] {
  if (typeof value === "string") return writableText.test(value) ? [] : [found(value, path)];
  if (typeof value !== "object" || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unwritable(item, [...path, i]));
  return Object.entries(value).flatMap(([key, item]) => [
    ...(writableText.test(key) ? [] : [found(key, [...path, key])]),
    ...unwritable(item, [...path, key]),
  ]);
}

function found(text: string, path: ValuePath): Issue {
  return issue(`format-${writableText.name}`, path, `Invalid value ${showValue(text)}: ${writableText.rule}`);
}
