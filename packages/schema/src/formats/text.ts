// What no generated file can hold, whatever its format: NUL (Nix strings, shell arguments and C
// strings end there) and an unpaired UTF-16 surrogate (no UTF-8 encoding; writing it would replace
// it silently). The printer refuses both in gen; the schema refuses them first, with the field's path.
import { textProblem } from "@homelab/nix";
import { valueFormat } from "./format.js";

export const writableText = valueFormat(
  "writable-text",
  "must not contain a NUL character or an unpaired UTF-16 surrogate, which no generated file can hold",
  (value) => textProblem(value) === undefined,
);

/** Carriage returns, line feeds, tabs and other C0 controls: each ends or splits a line-based record. */
export const oneLine = valueFormat(
  "one-line",
  "must not contain a line break or another control character",
  (value) => !/[\x00-\x1f\x7f]/.test(value),
);
