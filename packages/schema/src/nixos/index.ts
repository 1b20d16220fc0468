export * from "./option-table.js";
export * from "./option-type.js";
export * from "./type-check.js";
export { untypedPhrases } from "./custom-types.js";
