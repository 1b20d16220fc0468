// `node --import ./record-loads.mjs …`: appends the URL of every module the process resolves to the
// file named by NIXGEN_LOADS, so a test can say which packages a command loaded at run time.
import { register } from "node:module";

register("./record-loads-hooks.mjs", import.meta.url);
