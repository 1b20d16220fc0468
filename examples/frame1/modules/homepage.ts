// Homepage: the dashboard at the root domain. It owns the list of service tiles other modules add to.
import { call, concat, id, ref, select, str } from "@homelab/nix";
import { defineModule } from "@homelab/schema";

export default defineModule({
  description: "Homepage dashboard",
  options: {
    port: { type: "port", default: 3000, description: "Port Homepage listens on (behind Caddy)." },
    domain: { type: "str", example: "local.example.net", description: "Domain Caddy serves the dashboard on." },
    openFirewall: { type: "bool", default: false, description: "Open the port to the network as well." },
    allowedHosts: {
      type: { listOf: "str" },
      default: [],
      example: ["homepage.lan:3000"],
      description: "Host headers Homepage answers besides its domain and localhost.",
    },
  },
  declares: {
    "homelab.homepage.services": {
      type: { listOf: "attrs" },
      default: [],
      example: [{ Grafana: { href: "https://grafana.local.example.net", icon: "grafana.png" } }],
      description: "Service tiles on the dashboard; each module adds its own.",
    },
  },
  let: {
    // Caddy passes the domain as the Host header; Homepage refuses hosts it does not know.
    allowedHosts: concat(
      [
        ref("cfg.domain"),
        str("localhost:", call(id("toString"), ref("cfg.port"))),
        str("127.0.0.1:", call(id("toString"), ref("cfg.port"))),
      ],
      ref("cfg.allowedHosts"),
    ),
  },
  config: {
    "services.homepage-dashboard": {
      enable: true,
      listenPort: ref("cfg.port"),
      openFirewall: ref("cfg.openFirewall"),
      allowedHosts: call(ref("lib.concatStringsSep"), ",", id("allowedHosts")),
      settings: {
        title: select(id("config"), "networking.hostName"),
        headerStyle: "clean",
        statusStyle: "dot",
      },
      services: [{ Services: select(id("config"), "homelab.homepage.services") }],
      widgets: [
        { resources: { cpu: true, memory: true, disk: "/" } },
        { datetime: { format: { dateStyle: "long", timeStyle: "short" } } },
      ],
    },
  },
  route: { domain: "domain", port: "port" },
});
