import { call, id, print, ref, str } from "@homelab/nix";
import { serviceModule } from "../../schema/src/module.js";
import type { ServiceModuleInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { emitServiceModules, serviceModuleExpr } from "../src/emit/service-module.js";
import { homelab } from "./helpers/homelab-config.js";
import { rendered } from "./helpers/rendered.js";

const cases: [name: string, { module: string; given: ServiceModuleInput; want: string }][] = [
  [
    "the pattern: cfg, enable, an option, settings behind mkIf",
    {
      module: "loki",
      given: {
        description: "Loki log aggregation",
        options: { port: { type: "port", default: 3100, description: "HTTP port." } },
        config: { "services.loki": { enable: true, configuration: { server: { http_listen_port: ref("cfg.port") } } } },
      },
      want: `{ config, lib, pkgs, ... }:
let
  cfg = config.homelab.services.loki;
in
{
  options.homelab.services.loki = {
    enable = lib.mkEnableOption "Loki log aggregation";
    port = lib.mkOption {
      type = lib.types.port;
      default = 3100;
      description = "HTTP port.";
    };
  };
  config = lib.mkIf cfg.enable {
    services.loki = {
      enable = true;
      configuration.server.http_listen_port = cfg.port;
    };
  };
}`,
    },
  ],
  [
    "types: fully qualified, nested types applied, key order type/default/example/description",
    {
      module: "x",
      given: {
        description: "x",
        options: {
          token: { type: { nullOr: "str" }, default: null, example: "/run/agenix/t", description: "t" },
          hosts: { type: { listOf: { attrsOf: "str" } }, default: [], description: "h" },
          level: { type: { enum: ["info", "debug"] }, default: "info", description: "l" },
          ratio: { type: "float", default: 0.5, description: "r" },
          dir: { type: "path", description: "d" },
          extra: { type: "lines", default: "", description: "e" },
          pkg: { type: "package", example: "pkgs.hello", description: "p" },
          free: { type: "anything", description: "f" },
          users: {
            type: { attrsOf: { submodule: { uid: { type: "int", description: "u" } } } },
            default: {},
            description: "s",
          },
        },
      },
      want: `{ config, lib, pkgs, ... }:
let
  cfg = config.homelab.services.x;
in
{
  options.homelab.services.x = {
    enable = lib.mkEnableOption "x";
    token = lib.mkOption {
      type = lib.types.nullOr lib.types.str;
      default = null;
      example = "/run/agenix/t";
      description = "t";
    };
    hosts = lib.mkOption {
      type = lib.types.listOf (lib.types.attrsOf lib.types.str);
      default = [ ];
      description = "h";
    };
    level = lib.mkOption {
      type = lib.types.enum [
        "info"
        "debug"
      ];
      default = "info";
      description = "l";
    };
    ratio = lib.mkOption {
      type = lib.types.float;
      default = 0.5;
      description = "r";
    };
    dir = lib.mkOption {
      type = lib.types.path;
      description = "d";
    };
    extra = lib.mkOption {
      type = lib.types.lines;
      default = "";
      description = "e";
    };
    pkg = lib.mkOption {
      type = lib.types.package;
      example = "pkgs.hello";
      description = "p";
    };
    free = lib.mkOption {
      type = lib.types.anything;
      description = "f";
    };
    users = lib.mkOption {
      type = lib.types.attrsOf (lib.types.submodule {
        options = {
          uid = lib.mkOption {
            type = lib.types.int;
            description = "u";
          };
        };
      });
      default = { };
      description = "s";
    };
  };
  config = lib.mkIf cfg.enable { };
}`,
    },
  ],
  [
    "option groups nest; declares sit beside the namespace; let bindings follow cfg",
    {
      module: "vm",
      given: {
        description: "VictoriaMetrics",
        options: {
          nodeExporter: { options: { enable: { type: "bool", default: true, description: "n" } } },
        },
        declares: {
          "homelab.prometheus.scrapeConfigs": { type: { listOf: "attrs" }, default: [], description: "jobs" },
        },
        let: { scrape: call(ref("builtins.toJSON"), ref("config.homelab.prometheus.scrapeConfigs")) },
        config: { "services.victoriametrics.extraOptions": [str("-promscrape.config=", id("scrape"))] },
      },
      want: `{ config, lib, pkgs, ... }:
let
  cfg = config.homelab.services.vm;
  scrape = builtins.toJSON config.homelab.prometheus.scrapeConfigs;
in
{
  options.homelab.services.vm = {
    enable = lib.mkEnableOption "VictoriaMetrics";
    nodeExporter = {
      enable = lib.mkOption {
        type = lib.types.bool;
        default = true;
        description = "n";
      };
    };
  };
  options.homelab.prometheus.scrapeConfigs = lib.mkOption {
    type = lib.types.listOf lib.types.attrs;
    default = [ ];
    description = "jobs";
  };
  config = lib.mkIf cfg.enable {
    services.victoriametrics.extraOptions = [ "-promscrape.config=\${scrape}" ];
  };
}`,
    },
  ],
];

describe("service module", () => {
  test.each(cases)("%s", (_, { module, given, want }) => {
    expect(print(serviceModuleExpr(module, serviceModule.parse(given)))).toBe(want);
  });
});

// Only the `config = …` part, for the cases about what a module sets.
const configCases: [name: string, { given: ServiceModuleInput; want: string }][] = [
  [
    "firewall ports: numbers as they are, option names as cfg.<name>",
    {
      given: { description: "d", firewall: { tcp: ["httpPort", 8443], udp: ["quic.port"] } },
      want: `config = lib.mkIf cfg.enable {
  networking.firewall.allowedTCPPorts = [
    cfg.httpPort
    8443
  ];
  networking.firewall.allowedUDPPorts = [ cfg.quic.port ];
};`,
    },
  ],
  [
    "route: an interpolated virtual host reading the module's own domain and port",
    {
      given: { description: "d", route: { domain: "domain", port: "port" } },
      want: `config = lib.mkIf cfg.enable {
  homelab.services.caddy.virtualHosts.\${cfg.domain} =
    "reverse_proxy localhost:\${toString cfg.port}";
};`,
    },
  ],
  [
    "firewall ports join a port list the config sets too: one list, no duplicate attribute",
    {
      given: {
        description: "d",
        config: { "networking.firewall": { allowedTCPPorts: [9000], enable: true } },
        firewall: { tcp: ["port"] },
      },
      want: `config = lib.mkIf cfg.enable {
  networking.firewall = {
    allowedTCPPorts = [
      9000
      cfg.port
    ];
    enable = true;
  };
};`,
    },
  ],
  [
    "a port list computed by an expression merges through lib.mkMerge",
    {
      given: {
        description: "d",
        config: { "networking.firewall.allowedTCPPorts": call(ref("lib.optional"), ref("cfg.open"), 9000) },
        firewall: { tcp: [80] },
      },
      want: `config = lib.mkIf cfg.enable {
  networking.firewall.allowedTCPPorts = lib.mkMerge [
    (lib.optional cfg.open 9000)
    [ 80 ]
  ];
};`,
    },
  ],
];

describe("service module settings", () => {
  test.each(configCases)("%s", (_, { given, want }) => {
    const module = serviceModuleExpr("web", serviceModule.parse(given));
    if (module.kind !== "lambda" || module.body.kind !== "let" || module.body.body.kind !== "attrs") throw new Error("shape");
    const config = module.body.body.bindings.at(-1);
    if (config?.kind !== "binding") throw new Error("no config binding");
    expect(`config = ${print(config.value)};`).toBe(want);
  });
});

test("one file per module, with the header", () => {
  const files = rendered(emitServiceModules({ config: homelab({ modules: { loki: { description: "Loki" } } }), source: "x.ts" }));
  expect(files.map((f) => f.path)).toEqual(["modules/services/loki.nix"]);
  expect(files[0]?.content.split("\n").slice(0, 3)).toEqual([
    "# Generated by nixgen from x.ts: do not edit; run `pnpm gen`.",
    "",
    "{ config, lib, pkgs, ... }:",
  ]);
});
