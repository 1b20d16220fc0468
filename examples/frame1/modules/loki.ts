// Loki: log storage on the local file system, with retention enforced by the compactor.
import { ref } from "@homelab/nix";
import { defineModule } from "@homelab/schema";

export default defineModule({
  description: "Loki log aggregation",
  options: {
    port: { type: "port", default: 3100, description: "HTTP port Loki listens on (push and query API)." },
    retentionPeriod: { type: "str", default: "360h", description: "How long log lines are kept." },
    domain: { type: "str", example: "logs.local.example.net", description: "Domain Caddy serves the API on." },
  },
  config: {
    "services.loki": {
      enable: true,
      configuration: {
        auth_enabled: false,
        server: {
          http_listen_address: "127.0.0.1",
          http_listen_port: ref("cfg.port"),
          grpc_listen_address: "127.0.0.1",
        },
        common: {
          instance_addr: "127.0.0.1",
          path_prefix: "/var/lib/loki",
          replication_factor: 1,
          ring: { kvstore: { store: "inmemory" } },
          storage: {
            filesystem: {
              chunks_directory: "/var/lib/loki/chunks",
              rules_directory: "/var/lib/loki/rules",
            },
          },
        },
        schema_config: {
          configs: [
            {
              from: "2024-01-01",
              store: "tsdb",
              object_store: "filesystem",
              schema: "v13",
              index: { prefix: "index_", period: "24h" },
            },
          ],
        },
        limits_config: { retention_period: ref("cfg.retentionPeriod") },
        compactor: {
          working_directory: "/var/lib/loki/compactor",
          retention_enabled: true,
          delete_request_store: "filesystem",
        },
      },
    },
  },
  route: { domain: "domain", port: "port" },
});
