import { float, ref } from "@homelab/nix";
import { describe, expect, test } from "vitest";
import { frameFixture } from "./fixtures.js";
import { edit, report } from "./report.js";

describe("modules", () => {
  test("a machine enables a module that does not exist", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.services.wbe = true;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unknown-module: ✖ module "wbe" is not in modules: did you mean "web"? → at machines.frame1.services.wbe",
      ]
    `);
  });

  test("a machine sets options the module does not declare, nested ones too", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.services.web.prot = 8080;
      c.machines.frame1.services.proxy = { enable: true, metrics: { enabel: true } };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "unknown-option: ✖ module proxy has no option metrics.enabel: did you mean "enable"? → at machines.frame1.services.proxy.metrics.enabel",
        "unknown-option: ✖ module web has no option prot: did you mean "port"? → at machines.frame1.services.web.prot",
      ]
    `);
  });

  test("a machine sets a group of options to a plain value", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.services.proxy = { metrics: true };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "option-type: ✖ proxy.metrics: true is not an attribute set, and metrics is a group of options → at machines.frame1.services.proxy.metrics",
      ]
    `);
  });

  test("a machine's override does not fit the option's type", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.services.web.port = "3000";
      c.machines.frame1.services.proxy = { enable: "yes", metrics: { port: 70000 } };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "option-type: ✖ proxy.enable: "yes" does not fit type bool (true or false) → at machines.frame1.services.proxy.enable",
        "option-type: ✖ proxy.metrics.port: 70000 does not fit type port (an integer 0–65535) → at machines.frame1.services.proxy.metrics.port",
        "option-type: ✖ web.port: "3000" does not fit type port (an integer 0–65535) → at machines.frame1.services.web.port",
      ]
    `);
  });

  test("a Nix expression fits any type", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.services.web.port = ref("config.services.other.port");
      c.machines.frame1.services.proxy = { metrics: ref("config.shared.metrics") };
    });
    expect(report(config)).toEqual([]);
  });

  test("option defaults that do not fit their own type", () => {
    const config = edit(frameFixture(), (c) => {
      const options = c.modules.web.options;
      options.port.default = 65536;
      options.domain.default = 42;
      options.hosts = { type: { listOf: "str" }, default: ["a", 1], description: "Hosts." };
      options.level = { type: { enum: ["info", "debug"] }, default: "dbug", description: "Log level." };
      options.ratio = { type: "float", default: 1, description: "A ratio." };
      options.dataDir = { type: "path", default: "var/lib/web", description: "Data directory." };
      options.limits = {
        type: { submodule: { memory: { type: "int", description: "MB." } } },
        default: { memroy: 512 },
        description: "Limits.",
      };
      c.modules.proxy.declares = {
        "homelab.proxy.routes": { type: { attrsOf: "str" }, default: { a: true }, description: "Routes." },
      };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "option-type: ✖ default of web.port: 65536 does not fit type port (an integer 0–65535) → at modules.web.options.port.default",
        "option-type: ✖ default of web.domain: 42 does not fit type str (a string) → at modules.web.options.domain.default",
        "option-type: ✖ default of web.hosts: 1 does not fit type str (a string) → at modules.web.options.hosts.default[1]",
        "option-type: ✖ default of web.level: "dbug" does not fit type enum [ "info" "debug" ]: did you mean "debug"? → at modules.web.options.level.default",
        "option-type: ✖ default of web.ratio: 1 does not fit type float (a number with a fraction; write float(n) from @homelab/nix for a whole number) → at modules.web.options.ratio.default",
        "option-type: ✖ default of web.dataDir: "var/lib/web" does not fit type path (an absolute path: a string starting with / or path(…) from @homelab/nix) → at modules.web.options.dataDir.default",
        "option-type: ✖ default of web.limits: "memroy" is not an option of the submodule: did you mean "memory"? → at modules.web.options.limits.default.memroy",
        "option-type: ✖ default of homelab.proxy.routes: true does not fit type str (a string) → at modules.proxy.declares["homelab.proxy.routes"].default.a",
      ]
    `);
  });

  test("defaults that fit: nullOr, listOf, attrsOf, submodule, float(1), path", () => {
    const config = edit(frameFixture(), (c) => {
      const options = c.modules.web.options;
      options.hosts = { type: { nullOr: { listOf: "str" } }, default: ["a"], description: "Hosts." };
      options.ratio = { type: "float", default: float(1), description: "A ratio." };
      options.dataDir = { type: "path", default: "/var/lib/web", description: "Data directory." };
      options.env = { type: { attrsOf: "str" }, default: { A: "1" }, description: "Environment." };
      options.limits = {
        type: {
          submodule: {
            memory: { type: "int", description: "MB." },
            cpu: { options: { weight: { type: "int", description: "Weight." } } },
          },
        },
        default: { memory: 512, cpu: { weight: 100 } },
        description: "Limits.",
      };
    });
    expect(report(config)).toEqual([]);
  });

  test("firewall ports and the route name options of the module", () => {
    const config = edit(frameFixture(), (c) => {
      c.modules.proxy.firewall.tcp = ["httpPrt", 443, "metrics"];
      c.modules.web.route = { domain: "port", port: "domian" };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "module-option-ref: ✖ web.port is of type port, but the route's domain needs a str option → at modules.web.route.domain",
        "module-option-ref: ✖ "domian" is not an option of module web: did you mean "domain"? → at modules.web.route.port",
        "module-option-ref: ✖ "httpPrt" is not an option of module proxy: did you mean "httpPort"? → at modules.proxy.firewall.tcp[0]",
        "module-option-ref: ✖ "metrics" is a group of options of module proxy, not an option → at modules.proxy.firewall.tcp[2]",
      ]
    `);
  });
});

describe("ports", () => {
  test("two services on one machine on the same port", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.services.proxy = { httpPort: 3000 };
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "port-conflict: ✖ web.port and proxy.httpPort both use port 3000 → at machines.frame1.services.web.port",
      ]
    `);
  });

  test("a port in a group that is enabled collides; disabled it does not", () => {
    const enabled = edit(frameFixture(), (c) => {
      c.machines.frame1.services.proxy = { metrics: { enable: true } };
    });
    expect(report(enabled)).toMatchInlineSnapshot(`
      [
        "port-conflict: ✖ web.port and proxy.metrics.port both use port 3000 → at machines.frame1.services.web.port",
      ]
    `);
    expect(report(frameFixture())).toEqual([]);
  });

  test("a service turned off with enable: false does not collide", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.services.proxy = { enable: false, httpPort: 3000 };
    });
    expect(report(config)).toEqual([]);
  });

  test("port 0", () => {
    const config = edit(frameFixture(), (c) => {
      c.machines.frame1.services.web.port = 0;
    });
    expect(report(config)).toMatchInlineSnapshot(`
      [
        "port-range: ✖ web.port is port 0, which lets the kernel pick any port: must be 1–65535 → at machines.frame1.services.web.port",
      ]
    `);
  });
});
