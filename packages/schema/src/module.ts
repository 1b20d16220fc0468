// Service modules in the `options.homelab.services.<name>` pattern (a service's options under `homelab.services.<name>`, its config behind `mkIf cfg.enable`): typed options, the NixOS
// config they set when enabled, and what they add to shared lists (firewall, reverse-proxy routes).
import { z } from "zod";
import { name, nixValue } from "./primitives.js";

/** The `lib.types` this model knows how to declare and to check a default against. */
export type OptionType =
  | "bool"
  | "str"
  | "int"
  | "float"
  | "port"
  | "path"
  | "lines"
  | "package"
  | "attrs"
  | "anything"
  | { readonly enum: readonly (string | number)[] }
  | { readonly nullOr: OptionType }
  | { readonly listOf: OptionType }
  | { readonly attrsOf: OptionType }
  | { readonly submodule: OptionTree };

export const scalarOptionTypes = [
  "bool",
  "str",
  "int",
  "float",
  "port",
  "path",
  "lines",
  "package",
  "attrs",
  "anything",
] as const;

export const optionType: z.ZodType<OptionType, OptionType> = z.lazy(() =>
  z.union([
    z.enum(scalarOptionTypes),
    z.strictObject({ enum: z.array(z.union([z.string(), z.number()])).min(1).describe("lib.types.enum: the allowed values") }),
    z.strictObject({ nullOr: optionType }),
    z.strictObject({ listOf: optionType }),
    z.strictObject({ attrsOf: optionType }),
    z.strictObject({ submodule: optionTree }),
  ]),
).meta({
  // The id names its JSON Schema definition (`#/$defs/OptionType`); the type is recursive.
  id: "OptionType",
  description: "lib.types type: a name (port, bool, str, …) or { nullOr | listOf | attrsOf: type }, { enum: [...] }, { submodule: options }",
});

export interface OptionSpec {
  readonly type: OptionType;
  readonly default?: unknown;
  readonly example?: unknown;
  readonly description: string;
  /** The option takes the path of a decrypted secret; machines bind an agenix secret to it. */
  readonly secretFile?: boolean;
}

export interface OptionGroup {
  readonly options: OptionTree;
}

export type OptionTree = { readonly [key: string]: OptionSpec | OptionGroup };

export const optionSpec: z.ZodType<OptionSpec, OptionSpec> = z.strictObject({
  type: optionType,
  default: nixValue.optional().describe("Default value; checked against the type"),
  example: nixValue.optional().describe("Example shown in the option's documentation"),
  description: z.string().min(1).describe("What the option does"),
  secretFile: z
    .boolean()
    .optional()
    .describe("The option receives the path of a decrypted secret (`config.age.secrets.<name>.path`)"),
}) as z.ZodType<OptionSpec, OptionSpec>;

export const optionTree: z.ZodType<OptionTree, OptionTree> = z.lazy(() =>
  z.record(name, z.union([optionSpec, z.strictObject({ options: optionTree })])),
).meta({ id: "OptionTree", description: "Options by name; an entry with `options` is a group of options" });

/** A port list entry: a number, or the name of one of the module's own port options. */
const portRef = z.union([
  z.number().int().min(1).max(65535),
  z.string().describe("Name of one of this module's options (dotted for nested ones)"),
]);

export const serviceModule = z
  .strictObject({
    description: z.string().min(1).describe("Text of `lib.mkEnableOption`, e.g. \"Grafana dashboards\""),
    options: optionTree.default({}).describe("Options under `homelab.services.<name>` besides `enable`"),
    declares: z
      .record(z.string(), optionSpec)
      .default({})
      .describe("Options this module owns outside its namespace, such as a shared list other modules add to"),
    let: z
      .record(name, nixValue)
      .default({})
      .describe("Bindings in the module's `let`, after `cfg`"),
    config: z
      .record(z.string(), nixValue)
      .default({})
      .describe("NixOS config set when enabled: dotted option path → value (may refer to `cfg`)"),
    firewall: z
      .strictObject({
        tcp: z.array(portRef).default([]).describe("TCP ports: numbers or names of this module's port options"),
        udp: z.array(portRef).default([]).describe("UDP ports: numbers or names of this module's port options"),
      })
      .optional()
      .describe("Ports opened in the firewall when enabled"),
    route: z
      .strictObject({
        domain: z.string().describe("Name of the option that holds the domain"),
        port: z.string().describe("Name of the option that holds the local port"),
      })
      .optional()
      .describe("Reverse-proxy route added to homelab.services.caddy.virtualHosts when enabled"),
  })
  .describe("A service module: modules/services/<name>.nix");

export type ServiceModuleInput = z.input<typeof serviceModule>;
export type ServiceModule = z.output<typeof serviceModule>;

export function isOptionGroup(node: OptionSpec | OptionGroup): node is OptionGroup {
  return "options" in node;
}
