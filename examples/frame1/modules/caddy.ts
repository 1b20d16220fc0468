// Caddy: the only service that opens ports to the network. Other modules add their routes to
// `virtualHosts`; certificates come from Let's Encrypt through Cloudflare DNS, or from Caddy's
// local CA on a test VM.
import { call, id, ifThen, indented, lambda, op, ref, select, str } from "@homelab/nix";
import { defineModule } from "@homelab/schema";

export default defineModule({
  description: "Caddy reverse proxy",
  options: {
    httpPort: { type: "port", default: 80, description: "Port Caddy serves HTTP on." },
    httpsPort: { type: "port", default: 443, description: "Port Caddy serves HTTPS on." },
    localTls: {
      type: "bool",
      default: false,
      description: "Issue certificates from Caddy's local CA instead of ACME (for test VMs).",
    },
    acmeEmail: {
      type: { nullOr: "str" },
      default: null,
      example: "admin@example.net",
      description: "Contact address of the ACME account.",
    },
    cloudflareDns: {
      options: {
        enable: { type: "bool", default: false, description: "Solve ACME challenges through Cloudflare DNS." },
        apiTokenFile: {
          type: { nullOr: "str" },
          default: null,
          example: "/run/agenix/cloudflare-api-token",
          description: "Environment file holding CLOUDFLARE_API_TOKEN=…",
          secretFile: true,
        },
      },
    },
    virtualHosts: {
      type: { attrsOf: "str" },
      default: {},
      example: { "grafana.local.example.net": "reverse_proxy localhost:3001" },
      description: "Caddyfile site bodies by domain; every web module adds its own route.",
    },
    metrics: {
      options: {
        enable: { type: "bool", default: true, description: "Serve Prometheus metrics on the admin endpoint." },
        port: { type: "port", default: 2019, description: "Port of Caddy's admin endpoint, which serves /metrics." },
      },
    },
  },
  let: {
    // The hash pins the plugin build to one nixpkgs release; after a bump, take the new one from the build error.
    caddyWithCloudflare: call(select(id("pkgs"), "caddy.withPlugins"), {
      plugins: ["github.com/caddy-dns/cloudflare@v0.2.1"],
      hash: "sha256-AcWko5513hO8I0lvbCLqVbM1eWegAhoM0J0qXoWL/vI=",
    }),
  },
  config: {
    "services.caddy": {
      enable: true,
      package: ifThen(ref("cfg.cloudflareDns.enable"), id("caddyWithCloudflare"), ref("pkgs.caddy")),
      email: ref("cfg.acmeEmail"),
      environmentFile: call(ref("lib.mkIf"), ref("cfg.cloudflareDns.enable"), ref("cfg.cloudflareDns.apiTokenFile")),
      // A `lines` option: each definition adds lines, so the optional ones are separate definitions.
      globalConfig: call(ref("lib.mkMerge"), [
        indented(
          "http_port ",
          call(id("toString"), ref("cfg.httpPort")),
          "\nhttps_port ",
          call(id("toString"), ref("cfg.httpsPort")),
          "\nadmin 127.0.0.1:",
          call(id("toString"), ref("cfg.metrics.port")),
          "\n",
        ),
        call(ref("lib.mkIf"), ref("cfg.metrics.enable"), "metrics"),
        call(ref("lib.mkIf"), ref("cfg.localTls"), "local_certs"),
        call(ref("lib.mkIf"), ref("cfg.cloudflareDns.enable"), "acme_dns cloudflare {env.CLOUDFLARE_API_TOKEN}"),
      ]),
      virtualHosts: call(
        ref("lib.mapAttrs"),
        lambda("_", lambda("body", { extraConfig: id("body") })),
        ref("cfg.virtualHosts"),
      ),
    },
    assertions: [
      {
        assertion: op(
          "->",
          ref("cfg.cloudflareDns.enable"),
          op("&&", op("!=", ref("cfg.cloudflareDns.apiTokenFile"), null), op("!=", ref("cfg.acmeEmail"), null)),
        ),
        message: "homelab.services.caddy.cloudflareDns needs apiTokenFile and acmeEmail",
      },
    ],
    "homelab.prometheus.scrapeConfigs": call(ref("lib.mkIf"), ref("cfg.metrics.enable"), [
      {
        job_name: "caddy",
        static_configs: [{ targets: [str("127.0.0.1:", call(id("toString"), ref("cfg.metrics.port")))] }],
      },
    ]),
  },
  firewall: { tcp: ["httpPort", "httpsPort"] },
});
