// Values no generated file can hold, anywhere in the config (profile settings and Nix values
// included), reported with their path here rather than thrown by the printer in gen without it:
// - NUL (Nix strings, shell arguments and C strings end there) and unpaired UTF-16 surrogates (no
//   UTF-8 encoding), in strings and in keys, which become attribute and file names;
// - integers Nix cannot take as written: a JavaScript number past 2^53 has already lost digits, and a
//   bigint past 64 bits is outside Nix's integers (the rules of `fromJS` in @homelab/nix).
// checks/every-value.ts walks the config and asks these for each string, key and number.
import type { ValuePath } from "@homelab/nix";
import { writableText } from "../formats/text.js";
import { issue, type Issue } from "../issue.js";
import { showValue } from "../value-fits-type.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INEXACT = "is not exact in JavaScript: write it as a string, or as a bigint in TypeScript";

/** The issue of a string (a value or a key) no file can hold; `path` is copied if it is kept. */
export function unwritableText(text: string, path: ValuePath): Issue | undefined {
  return writableText.test(text)
    ? undefined
    : issue(`format-${writableText.name}`, [...path], `Invalid value ${showValue(text)}: ${writableText.rule}`);
}

/** The issue of an integer Nix cannot take as written; `path` is copied if it is kept. */
export function unwritableNumber(value: number | bigint, path: ValuePath): Issue | undefined {
  if (typeof value === "number") {
    return Number.isInteger(value) && !Number.isSafeInteger(value) ? issue("nix-integer", [...path], `integer ${value} ${INEXACT}`) : undefined;
  }
  return value < INT64_MIN || value > INT64_MAX
    ? issue("nix-integer", [...path], `integer ${value} is outside Nix's signed 64-bit range`)
    : undefined;
}
