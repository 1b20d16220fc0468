// A YAML config's text → the yaml package's document, which keeps positions for errors. Its own
// module, loaded on the first YAML config: the yaml package is imported here statically, so the
// bundled CLI (scripts/bundle-cli.mjs) carries it in a chunk of its own. A dynamic `import("yaml")`
// would not do: esbuild gives a CommonJS package imported that way only a default export.
import { parseDocument, type Document } from "yaml";

export function yamlDocument(text: string): Document {
  return parseDocument(text, { prettyErrors: false, uniqueKeys: true });
}
