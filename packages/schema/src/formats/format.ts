// A value format: the rule a string must follow because of where it ends up (a tmpfiles column, an
// exports line, a Proxmox property string, an ssh argument). One predicate per format, shared by the
// schema and by the emitters that write the value, so `validate` and `gen` cannot disagree.
import { z } from "zod";
import type { FormatName } from "../issue.js";

export interface ValueFormat {
  /** Short name, also the issue code: `format-<name>`. */
  readonly name: FormatName;
  /** What the value must be, stated so the message alone explains a refusal. */
  readonly rule: string;
  readonly test: (value: string) => boolean;
}

export function valueFormat(name: FormatName, rule: string, test: (value: string) => boolean): ValueFormat {
  return Object.freeze({ name, rule, test });
}

/** The first format `value` breaks, or undefined when it follows them all. */
export function brokenFormat(value: string, formats: readonly ValueFormat[]): ValueFormat | undefined {
  return formats.find((format) => !format.test(value));
}

/**
 * A zod string that must follow every format, checked in order; only the first broken one is
 * reported, so a value gets one readable line rather than every consequence of one bad character.
 */
export function formatted(...formats: readonly ValueFormat[]): z.ZodString {
  return z.string().check(
    z.superRefine((value, ctx) => {
      const broken = brokenFormat(value, formats);
      if (broken === undefined) return;
      ctx.addIssue({ code: "custom", message: broken.rule, params: { format: broken.name }, input: value });
    }),
  );
}
