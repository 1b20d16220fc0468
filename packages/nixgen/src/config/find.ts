// Config discovery: `homelab.config.<ext>` in a directory, in the order of `configExtensions`.
import { readdir } from "node:fs/promises";
import { configExtensions } from "./load.js";

export const configFileNames: readonly string[] = configExtensions.map((extension) => `homelab.config${extension}`);

/** The config files present in `dir`; more than one is for the caller to refuse. */
export async function findConfigFiles(dir: string): Promise<string[]> {
  const present = new Set(await readdir(dir));
  return configFileNames.filter((name) => present.has(name));
}
