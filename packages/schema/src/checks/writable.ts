// Values no generated file can hold, anywhere in the config (profile settings and Nix values
// included), reported with their path here rather than thrown by the printer in gen without it:
// - NUL (Nix strings, shell arguments and C strings end there) and unpaired UTF-16 surrogates (no
//   UTF-8 encoding), in strings and in keys, which become attribute and file names;
// - integers Nix cannot take as written: a JavaScript number past 2^53 has already lost digits, and a
//   bigint past 64 bits is outside Nix's integers (the rules of `fromJS` in @homelab/nix).
import type { ValuePath } from "@homelab/nix";
import { writableText } from "../formats/text.js";
import { issue, type Issue } from "../issue.js";
import { showValue } from "../value-fits-type.js";
import type { Check } from "./check-helpers.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INEXACT = "is not exact in JavaScript: write it as a string, or as a bigint in TypeScript";

export const checkWritableValues: Check = (config) => {
  const found: Issue[] = [];
  collectUnwritable(config, [], found);
  return found;
};

/**
 * Pushes onto `found` an issue for each value below `value` no file can hold. `path` is one array grown
 * and shrunk along the walk (a large config holds hundreds of thousands of values), copied into an issue.
 */
function collectUnwritable(value: unknown, path: (string | number)[], found: Issue[]): void {
  switch (typeof value) {
    case "string":
      if (!writableText.test(value)) found.push(badText(value, [...path]));
      return;
    case "number":
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) found.push(issue("nix-integer", [...path], `integer ${value} ${INEXACT}`));
      return;
    case "bigint":
      if (value < INT64_MIN || value > INT64_MAX) found.push(issue("nix-integer", [...path], `integer ${value} is outside Nix's signed 64-bit range`));
      return;
    case "object":
      if (value === null) return;
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          path.push(i);
          collectUnwritable(item, path, found);
          path.pop();
        });
        return;
      }
      for (const [key, item] of Object.entries(value)) {
        path.push(key);
        if (!writableText.test(key)) found.push(badText(key, [...path]));
        collectUnwritable(item, path, found);
        path.pop();
      }
  }
}

function badText(text: string, path: ValuePath): Issue {
  return issue(`format-${writableText.name}`, path, `Invalid value ${showValue(text)}: ${writableText.rule}`);
}
