// Grafana: dashboards over VictoriaMetrics and Loki. Data sources follow those modules' `enable` and
// `port`, so a machine that runs only some of them gets only those sources.
import { call, concat, id, op, ref, select, str } from "@homelab/nix";
import { defineModule } from "@homelab/schema";

const localUrl = (service: string) => str("http://127.0.0.1:", call(id("toString"), ref(`${service}.port`)));

export default defineModule({
  description: "Grafana dashboards",
  options: {
    port: { type: "port", default: 3001, description: "Port Grafana listens on (behind Caddy)." },
    domain: { type: "str", example: "grafana.local.example.net", description: "Domain Caddy serves Grafana on." },
    adminPasswordFile: {
      type: { nullOr: "str" },
      default: null,
      example: "/run/agenix/grafana-admin-password",
      description: "File holding the admin password; without it Grafana keeps its default.",
      secretFile: true,
    },
    secretKeyFile: {
      type: "str",
      example: "/run/agenix/grafana-secret-key",
      description: "File holding the key Grafana signs cookies and encrypts data source secrets with (NixOS requires one).",
      secretFile: true,
    },
  },
  let: {
    victoriametrics: select(id("config"), "homelab.services.victoriametrics"),
    loki: select(id("config"), "homelab.services.loki"),
  },
  config: {
    "services.grafana": {
      enable: true,
      settings: {
        server: {
          http_addr: "127.0.0.1",
          http_port: ref("cfg.port"),
          domain: ref("cfg.domain"),
          root_url: str("https://", ref("cfg.domain"), "/"),
        },
        security: {
          admin_user: "admin",
          // Read by Grafana at start-up, so the key never enters the Nix store.
          secret_key: str("$__file{", ref("cfg.secretKeyFile"), "}"),
          admin_password: call(
            ref("lib.mkIf"),
            op("!=", ref("cfg.adminPasswordFile"), null),
            str("$__file{", ref("cfg.adminPasswordFile"), "}"),
          ),
        },
        analytics: {
          reporting_enabled: false,
          check_for_updates: false,
          check_for_plugin_updates: false,
          feedback_links_enabled: false,
        },
      },
      provision: {
        enable: true,
        datasources: {
          settings: {
            datasources: concat(
              call(ref("lib.optional"), ref("victoriametrics.enable"), {
                name: "VictoriaMetrics",
                type: "prometheus",
                access: "proxy",
                url: localUrl("victoriametrics"),
                isDefault: true,
              }),
              call(ref("lib.optional"), ref("loki.enable"), {
                name: "Loki",
                type: "loki",
                access: "proxy",
                url: localUrl("loki"),
              }),
            ),
          },
        },
      },
    },
    "homelab.homepage.services": [
      {
        Grafana: { href: str("https://", ref("cfg.domain")), description: "Dashboards", icon: "grafana.png" },
      },
    ],
  },
  route: { domain: "domain", port: "port" },
});
