// nix/ beside dist/ and src/: the Nix files nixgen ships (eval.nix, lib-double.nix, import-evaluate.nix),
// read at run time. `../../nix/` from `src/nix-run/` and `dist/nix-run/` alike.
import { fileURLToPath } from "node:url";

export const nixDir = fileURLToPath(new URL("../../nix/", import.meta.url));
