// Module resolution hooks (they run on the loader thread): record, then resolve as usual.
import { appendFileSync } from "node:fs";

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (process.env.NIXGEN_LOADS) appendFileSync(process.env.NIXGEN_LOADS, `${resolved.url}\n`);
  return resolved;
}
