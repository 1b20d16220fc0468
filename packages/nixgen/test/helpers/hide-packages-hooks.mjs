// Module resolution hook (it runs on the loader thread): a hidden package is looked up from the file
// system root, where it is not installed, so Node throws its own "Cannot find package" error.
const hidden = new Set((process.env.NIXGEN_HIDE ?? "").split(",").filter(Boolean));

export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, hidden.has(specifier) ? { ...context, parentURL: "file:///" } : context);
}
