// The one printer: the only code that decides layout or writes an escape (see ./print/).
import type { NixExpr } from "./ast.js";
import { commentLines } from "./print/escape.js";
import { layout } from "./print/layout.js";

export interface PrintOptions {
  /** Line width the layout aims for; default 100. Sets and lists of two or more always break. */
  readonly width?: number | undefined;
}

export interface FileOptions extends PrintOptions {
  /** Comment lines at the top of the file, each printed as `# line` (`#` alone for an empty one). */
  readonly header?: readonly string[] | undefined;
}

const DEFAULT_WIDTH = 100;

/**
 * Nix source for an expression, without a trailing newline.
 *
 * @example
 * print(call(ref("lib.mkOption"), attrs({ type: ref("lib.types.port"), default: 8080 })))
 * // lib.mkOption {
 * //   type = lib.types.port;
 * //   default = 8080;
 * // }
 */
export function print(expr: NixExpr, options: PrintOptions = {}): string {
  const width = options.width ?? DEFAULT_WIDTH;
  if (!(width > 0)) throw new RangeError(`print width must be positive, got ${width}`);
  return layout(expr, width);
}

/**
 * A whole `.nix` file: the header comment, a blank line, the expression, one trailing newline.
 *
 * @example
 * printFile(attrs({ a: 1 }), { header: ["Generated; do not edit."] })
 * // # Generated; do not edit.
 * //
 * // {
 * //   a = 1;
 * // }
 */
export function printFile(expr: NixExpr, options: FileOptions = {}): string {
  const header = (options.header ?? []).flatMap(commentLines);
  const body = print(expr, options);
  return header.length === 0 ? `${body}\n` : `${header.join("\n")}\n\n${body}\n`;
}
