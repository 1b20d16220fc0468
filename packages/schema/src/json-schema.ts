// The JSON Schema of a homelab config, for editors of YAML and JSON configs (yaml-language-server,
// VS Code). Generated from the zod model, input side: fields with defaults stay optional.
import { z } from "zod";
import { homelabConfig } from "./config.js";

// A URN, not a URL: the schema is not served anywhere; editors find it through the path in `$schema`.
export const homelabSchemaId = "urn:homelab-nixgen:homelab.schema.json";

export function homelabJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(homelabConfig, {
    io: "input",
    // Nix expressions exist only in TypeScript configs; in JSON any value is accepted there.
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return { $schema, $id: homelabSchemaId, title: "homelab-nixgen config", ...rest };
}
