// `node --import ./hide-packages.mjs …`: the packages named in NIXGEN_HIDE (comma-separated) resolve
// as if they were not installed, so a test can run the CLI without an optional peer dependency.
import { register } from "node:module";

register("./hide-packages-hooks.mjs", import.meta.url);
