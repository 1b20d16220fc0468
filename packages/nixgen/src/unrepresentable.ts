// The last line of `plan()`'s totality: a value the schema accepted but an output format cannot hold
// (a NixValueError from the Nix printer, a TextValueError from a shell, Proxmox or Markdown escape)
// becomes an issue at the config field that holds it, instead of an exception. Every such case the
// property test (test/validate-gen-agree.test.ts) finds becomes a schema check; this catches the rest.
import { NixValueError, type ValuePath } from "@homelab/nix";
import type { Issue } from "@homelab/schema";
import { issue } from "@homelab/schema/internal";
import { TextValueError } from "./text/escape.js";

/** The issue for `error`, or undefined when it is no value error (a bug, to be thrown as it is). */
export function unrepresentableIssue(error: unknown, config: unknown): Issue | undefined {
  if (!(error instanceof NixValueError) && !(error instanceof TextValueError)) return undefined;
  return issue("unrepresentable-value", fieldQuoted(error.message, config) ?? [], `no output format can hold this value: ${error.message}`);
}

/**
 * The config field whose string the message quotes (escapes quote the value with JSON.stringify);
 * the longest such string, as a short one ("a") may be quoted by chance.
 */
function fieldQuoted(message: string, config: unknown): ValuePath | undefined {
  let found: { path: ValuePath; length: number } | undefined;
  const visit = (value: unknown, path: ValuePath): void => {
    if (typeof value === "string") {
      if (value !== "" && message.includes(JSON.stringify(value)) && value.length > (found?.length ?? -1)) found = { path, length: value.length };
    } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (typeof value === "object" && value !== null) for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(config, []);
  return found?.path;
}
