// VictoriaMetrics: Prometheus-compatible metrics. It owns the list of scrape jobs other modules add
// to, and runs the node exporter for host metrics.
import { call, concat, id, ref, select, str, type NixExpr } from "@homelab/nix";
import { defineModule } from "@homelab/schema";

const target = (port: NixExpr) => str("127.0.0.1:", call(id("toString"), port));

export default defineModule({
  description: "VictoriaMetrics time series database",
  options: {
    port: { type: "port", default: 8428, description: "Port VictoriaMetrics listens on (behind Caddy)." },
    retentionPeriod: { type: "str", default: "15d", description: "How long samples are kept." },
    domain: { type: "str", example: "metrics.local.example.net", description: "Domain Caddy serves the UI on." },
    nodeExporter: {
      options: {
        enable: { type: "bool", default: true, description: "Run the Prometheus node exporter and scrape it." },
      },
    },
  },
  declares: {
    "homelab.prometheus.scrapeConfigs": {
      type: { listOf: "attrs" },
      default: [],
      example: [{ job_name: "caddy", static_configs: [{ targets: ["127.0.0.1:2019"] }] }],
      description: "Prometheus scrape jobs; each module adds its own.",
    },
  },
  config: {
    "services.victoriametrics": {
      enable: true,
      listenAddress: target(ref("cfg.port")),
      retentionPeriod: ref("cfg.retentionPeriod"),
      // The NixOS module writes the scrape config and passes -promScrape.config itself.
      prometheusConfig: { scrape_configs: select(id("config"), "homelab.prometheus.scrapeConfigs") },
    },
    "services.prometheus.exporters.node": call(ref("lib.mkIf"), ref("cfg.nodeExporter.enable"), {
      enable: true,
      listenAddress: "127.0.0.1",
      port: 9100,
      enabledCollectors: ["systemd"],
    }),
    "homelab.prometheus.scrapeConfigs": concat(
      [{ job_name: "victoriametrics", static_configs: [{ targets: [target(ref("cfg.port"))] }] }],
      call(ref("lib.optional"), ref("cfg.nodeExporter.enable"), {
        job_name: "node",
        static_configs: [{ targets: [target(select(id("config"), "services.prometheus.exporters.node.port"))] }],
      }),
    ),
    "homelab.homepage.services": [
      {
        VictoriaMetrics: {
          href: str("https://", ref("cfg.domain"), "/vmui"),
          description: "Metrics",
          icon: "victoriametrics.png",
        },
      },
    ],
  },
  route: { domain: "domain", port: "port" },
});
