// Alloy: ships the systemd journal to Loki, on whatever port Loki's module listens on.
import { call, id, indented, ref, select, str } from "@homelab/nix";
import { defineModule } from "@homelab/schema";

export default defineModule({
  description: "Grafana Alloy log collector",
  options: {
    port: { type: "port", default: 12345, description: "Port of Alloy's HTTP server (UI and metrics)." },
    logs: {
      options: {
        enable: { type: "bool", default: true, description: "Ship the systemd journal to Loki." },
      },
    },
  },
  let: {
    loki: select(id("config"), "homelab.services.loki"),
    alloyConfig: call(
      ref("pkgs.writeText"),
      "config.alloy",
      call(
        ref("lib.optionalString"),
        ref("cfg.logs.enable"),
        indented(
          'loki.relabel "journal" {\n',
          "  forward_to = []\n",
          "  rule {\n",
          '    source_labels = ["__journal__systemd_unit"]\n',
          '    target_label  = "unit"\n',
          "  }\n",
          "}\n",
          "\n",
          'loki.source.journal "journal" {\n',
          "  forward_to    = [loki.write.local.receiver]\n",
          "  relabel_rules = loki.relabel.journal.rules\n",
          '  labels        = { job = "systemd-journal" }\n',
          "}\n",
          "\n",
          'loki.write "local" {\n',
          "  endpoint {\n",
          '    url = "http://127.0.0.1:',
          call(id("toString"), ref("loki.port")),
          '/loki/api/v1/push"\n',
          "  }\n",
          "}\n",
        ),
      ),
    ),
  },
  config: {
    "services.alloy": {
      enable: true,
      configPath: id("alloyConfig"),
      extraFlags: [
        str("--server.http.listen-addr=127.0.0.1:", call(id("toString"), ref("cfg.port"))),
        "--disable-reporting",
      ],
    },
    // Start after Loki when it runs here, and read the journal without running as root.
    "systemd.services.alloy": {
      after: call(ref("lib.optional"), ref("loki.enable"), "loki.service"),
      wants: call(ref("lib.optional"), ref("loki.enable"), "loki.service"),
      serviceConfig: { SupplementaryGroups: ["systemd-journal"] },
    },
    "homelab.prometheus.scrapeConfigs": [
      { job_name: "alloy", static_configs: [{ targets: [str("127.0.0.1:", call(id("toString"), ref("cfg.port")))] }] },
    ],
  },
});
