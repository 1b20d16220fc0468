import { data } from "./build.js";
import { fromJS, isPlainData, type NixValue } from "./from-js.js";
import { print, printFile, type PrintOptions } from "./print.js";

export interface ToNixOptions extends PrintOptions {
  /** Print a whole file (trailing newline, optional header) rather than an expression. */
  readonly file?: boolean | undefined;
  /** Header comment lines; implies `file`. */
  readonly header?: readonly string[] | undefined;
}

/**
 * Nix source for plain data (JSON-like values and bigints) with AST nodes mixed in anywhere.
 * A value with no Nix equivalent throws a `NixValueError` naming where it is (`a.b[2]`).
 *
 * @example
 * toNix({ networking: { hostName: "nas" }, ports: [22, item(8043, { trailingComment: "nginx" })] })
 * // {
 * //   networking = {
 * //     hostName = "nas";
 * //   };
 * //   ports = [
 * //     22
 * //     8043 # nginx
 * //   ];
 * // }
 */
export function toNix(value: unknown, options: ToNixOptions = {}): string {
  // Sets and lists go to the printer as they are (see `data`); a leaf or a node is one node anyway.
  const expr = isPlainData(value) ? data(value as readonly NixValue[]) : fromJS(value);
  return options.file === true || options.header !== undefined ? printFile(expr, options) : print(expr, options);
}
