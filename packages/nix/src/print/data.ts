// Plain data (a `DataNode`) printed straight from the JS values: no node per value, which is most of
// the cost of printing a homelab. The layout is the one every node gets, decided by the same rules:
// leaves written here are exactly the text of the node `fromJS` would make, and anything else (a
// node, a multi-line string, a negative number in a list, a value with no Nix equivalent) becomes
// that node and goes through the node rules, so there is one layout and one place for each escape.
import type { ValuePath } from "../errors.js";
import { checkText, fromJS, isListItem, isPlainData } from "../from-js.js";
import { attrName, isBareName, quotedLine, textProblem } from "./escape.js";
import type { Flat } from "./flat.js";
import type { Printer } from "./layout.js";
import { floatText } from "./literals.js";
import { isShortScalar, Prec } from "./precedence.js";

/** Where the printer is inside a data value; spelled out as a path only for an error. */
export class Trail {
  private readonly keys: (string | number)[] = [];

  constructor(private readonly base: ValuePath) {}

  enter(key: string | number): void {
    this.keys.push(key);
  }

  leave(): void {
    this.keys.pop();
  }

  path(key: string | number): ValuePath {
    return [...this.base, ...this.keys, key];
  }
}

/** The one-line text of a list or set, or null, as `Flat.text` gives it for the node `fromJS` makes. */
export function dataFlat(f: Flat, value: object, trail: Trail): string | null {
  if (!Array.isArray(value)) return hasBinding(value) ? null : "{ }";
  if (value.length !== 1) return value.length === 0 ? "[ ]" : null;
  const only: unknown = value[0];
  let text: string | null;
  if (isListItem(only)) {
    if (only.comment !== undefined || only.trailingComment !== undefined || !isShortScalar(only.value)) return null;
    text = f.operand(only.value, Prec.select);
  } else {
    const leaf = itemText(only);
    if (leaf !== undefined) text = leaf;
    else if (isPlainData(only)) return null;
    else {
      const node = fromJS(only, trail.path(0));
      if (!isShortScalar(node)) return null;
      text = f.operand(node, Prec.select);
    }
  }
  return text !== null && text.length + 4 <= f.width ? `[ ${text} ]` : null;
}

/** Whether a set would have at least one binding (`undefined` properties are skipped). */
export function hasBinding(value: object): boolean {
  for (const key in value) if ((value as Record<string, unknown>)[key] !== undefined) return true;
  return false;
}

/** The multi-line layout of a list or set. */
export function dataBroken(p: Printer, value: object, level: number, trail: Trail): void {
  if (Array.isArray(value)) listBroken(p, value, level, trail);
  else setBroken(p, value as Record<string, unknown>, level, trail);
}

function listBroken(p: Printer, items: readonly unknown[], level: number, trail: Trail): void {
  if (items.length === 0) return p.write("[ ]");
  p.write("[");
  const inner = level + 1;
  for (let i = 0; i < items.length; i++) {
    const entry = items[i];
    if (isListItem(entry)) {
      p.comment(entry.comment, inner);
      p.newline(inner);
      p.operand(entry.value, Prec.select, inner);
      p.trailingComment(entry.trailingComment, inner);
      continue;
    }
    p.newline(inner);
    const text = itemText(entry);
    if (text !== undefined) p.write(text);
    else if (isPlainData(entry)) {
      trail.enter(i);
      const flat = dataFlat(p.flat, entry, trail);
      if (flat !== null && p.fits(flat.length)) p.write(flat);
      else dataBroken(p, entry, inner, trail);
      trail.leave();
    } else p.operand(fromJS(entry, trail.path(i)), Prec.select, inner);
  }
  p.newline(level);
  p.write("]");
}

function setBroken(p: Printer, set: Record<string, unknown>, level: number, trail: Trail): void {
  const inner = level + 1;
  let open = false;
  for (const key of Object.keys(set)) {
    const value = set[key];
    if (value === undefined) continue;
    if (!open) {
      p.write("{");
      open = true;
    }
    p.newline(inner);
    p.write(isBareName(key) ? key : quotedName(key, trail));
    rhs(p, value, inner, trail, key);
    p.write(";");
  }
  if (!open) return p.write("{ }");
  p.newline(level);
  p.write("}");
}

function quotedName(key: string, trail: Trail): string {
  if (textProblem(key) !== undefined) checkText(key, trail.path(key), "attribute name");
  return attrName(key);
}

/** ` = value` after a name, as `Printer.rhs` lays it out. */
function rhs(p: Printer, value: unknown, level: number, trail: Trail, key: string): void {
  const text = leafText(value);
  if (text !== undefined) {
    // A leaf's broken form is its flat text, so it only moves to the next line.
    if (p.fits(text.length + 4)) p.write(" = ");
    else {
      p.write(" =");
      p.newline(level + 1);
    }
    return p.write(text);
  }
  if (!isPlainData(value)) return p.rhs(fromJS(value, trail.path(key)), level);
  trail.enter(key);
  const flat = dataFlat(p.flat, value, trail);
  if (flat !== null && p.fits(flat.length + 4)) {
    p.write(" = ");
    p.write(flat);
  } else if (flat === null || Array.isArray(value)) {
    // Absorbed: lists always, sets that have bindings (`flat` is null exactly then).
    p.write(" = ");
    dataBroken(p, value, level, trail);
  } else {
    p.write(" =");
    p.newline(level + 1);
    p.write(flat);
  }
  trail.leave();
}

/**
 * The text `fromJS`'s node for a leaf prints as, for the leaves that need no more than that:
 * null, booleans, exact numbers and one-line printable strings. Undefined for any other value.
 */
function leafText(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return quotedLine(value);
    case "number":
      // Integral numbers print as Nix ints; unsafe ones are errors, which `fromJS` reports.
      if (Number.isInteger(value)) return Number.isSafeInteger(value) ? String(value) : undefined;
      return Number.isFinite(value) ? floatText(value) : undefined;
    case "boolean":
      return value ? "true" : "false";
    case "object":
      return value === null ? "null" : undefined;
    default:
      return undefined;
  }
}

/** `leafText` for a list element, which must bind tighter than application: `(-1)` is the node's. */
function itemText(value: unknown): string | undefined {
  return typeof value === "number" && value < 0 ? undefined : leafText(value);
}
