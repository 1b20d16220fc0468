// modules/services/<name>.nix: one NixOS module per service in the `options.homelab.services.<name>`
// pattern. Machines import every module and enable the ones they run, so everything a
// module sets sits behind `lib.mkIf cfg.enable`.
import { bind, call, fn, id, letIn, printFile, ref, select, str, attrs, type NixExpr, type NixValue } from "@homelab/nix";
import type { ServiceModule } from "@homelab/schema";
import { dottedEntries, mergeBindings, splitPath, type PathEntry } from "./attr-paths.js";
import { headerLines } from "./header.js";
import { serviceModulePath } from "./output-layout.js";
import { mkOption, optionsExpr } from "./module-options.js";
import type { Emitter } from "./types.js";

export const emitServiceModules: Emitter = (ctx) =>
  Object.entries(ctx.config.modules).map(([name, module]) => ({
    path: serviceModulePath(name),
    kind: "module" as const,
    render: () => printFile(serviceModuleExpr(name, module), { header: headerLines(ctx) }),
  }));

/**
 * ```nix
 * { config, lib, pkgs, ... }:
 * let
 *   cfg = config.homelab.services.grafana;
 * in
 * {
 *   options.homelab.services.grafana = {
 *     enable = lib.mkEnableOption "Grafana dashboards";
 *     port = lib.mkOption { type = lib.types.port; default = 3001; description = "…"; };
 *   };
 *   config = lib.mkIf cfg.enable { services.grafana.enable = true; };
 * }
 * ```
 */
export function serviceModuleExpr(name: string, module: ServiceModule): NixExpr {
  const namespace = ["homelab", "services", name];
  const options = attrs([
    bind("enable", call(ref("lib.mkEnableOption"), module.description)),
    ...optionsExpr(module.options).bindings,
  ]);
  const declared = Object.entries(module.declares).map(([path, spec]) => bind(["options", ...splitPath(path)], mkOption(spec)));
  const config = call(ref("lib.mkIf"), ref("cfg.enable"), attrs(mergeBindings(configEntries(module))));
  const lets = [bind("cfg", select(id("config"), namespace)), ...Object.entries(module.let).map(([key, value]) => bind(key, value))];
  return fn(
    ["config", "lib", "pkgs"],
    letIn(lets, attrs([bind(["options", ...namespace], options), ...declared, bind("config", config)])),
    { ellipsis: true },
  );
}

/** The module's own settings, then its firewall ports and its reverse-proxy route. */
function configEntries(module: ServiceModule): PathEntry[] {
  const entries = dottedEntries(module.config);
  const { firewall, route } = module;
  if (firewall && firewall.tcp.length > 0) {
    entries.push([["networking", "firewall", "allowedTCPPorts"], firewall.tcp.map(portValue)]);
  }
  if (firewall && firewall.udp.length > 0) {
    entries.push([["networking", "firewall", "allowedUDPPorts"], firewall.udp.map(portValue)]);
  }
  if (route) {
    // homelab.services.caddy.virtualHosts.${cfg.domain} = "reverse_proxy localhost:${toString cfg.port}";
    entries.push([
      ["homelab", "services", "caddy", "virtualHosts", str(ref(`cfg.${route.domain}`))],
      str("reverse_proxy localhost:", call(id("toString"), ref(`cfg.${route.port}`))),
    ]);
  }
  return entries;
}

/** A port number as is; the name of one of the module's options as `cfg.<name>`. */
function portValue(port: number | string): NixValue {
  return typeof port === "number" ? port : ref(`cfg.${port}`);
}
