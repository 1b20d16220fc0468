// time.timeZone: NixOS's type is "null or string without spaces" (a zoneinfo name such as Europe/Prague).
import { valueFormat } from "./format.js";

export const timeZone = valueFormat(
  "time-zone",
  "must be a time zone name without whitespace, such as Europe/Prague",
  (value) => value !== "" && !/[\s\x00-\x1f\x7f]/.test(value),
);
