export * from "./ast.js";
export * from "./build.js";
export { fromJS, type NixValue } from "./from-js.js";
export { NixValueError, formatValuePath, type ValuePath } from "./errors.js";
export { print, printFile, type PrintOptions, type FileOptions } from "./print.js";
export { toNix, type ToNixOptions } from "./to-nix.js";
export { textProblem } from "./print/escape.js";
export { importedFiles } from "./imported-files.js";
