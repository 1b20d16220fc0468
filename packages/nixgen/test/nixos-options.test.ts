// Every option the frame1 example sets, and every option it reads through `config.…` or `cfg.…`, must
// exist: in the NixOS option list, or among the homelab options its own modules declare. Real nixpkgs
// would reject the rest at `nixos-rebuild` time; here it fails in a test.
import {
  isNixNode,
  ref,
  type AttrKey,
  type AttrsNode,
  type Binding,
  type NixExpr,
  type NixNode,
} from "@homelab/nix";
import { formatIssues, validateConfig, type HomelabConfig, type OptionTree, type OptionType } from "@homelab/schema";
import { isOptionGroup } from "@homelab/schema/internal";
import { describe, expect, test } from "vitest";
import frame1 from "../../../examples/frame1/homelab.config.js";
import { machineExpr } from "../src/emit/machine-config.js";
import { serviceModuleExpr } from "../src/emit/service-module.js";
import { homelab } from "./helpers/homelab-config.js";
import { ANY_NAME, OptionIndex, type PathSegment } from "./nixos-options.js";

const config = parsed(frame1);
const index = OptionIndex.fromTable();
// Internal options of nixos/modules/misc/assertions.nix: real, but hidden from the manual the list comes from.
index.add("assertions", "list of (unspecified value)");
index.add("warnings", "list of string");
addHomelabOptions(index, config);

describe("the option index", () => {
  test.each([
    ["an option", "services.grafana.enable", true],
    ["a <name> segment", "users.users.admin.isNormalUser", true],
    ["below a free-form option", "services.grafana.settings.server.http_port", true],
    ["below a free-form option, any depth", "services.loki.configuration.common.ring.kvstore.store", true],
    ["a misspelt option", "services.grafana.enabled", false],
    ["below a submodule set, only listed options", "age.secrets.x.bogus", false],
    ["a namespace is not an option", "services.grafana", false],
  ])("%s: %s", (_, path, want) => {
    expect(index.accepts(path.split("."))).toBe(want);
  });
});

describe("frame1 sets only options that exist", () => {
  test.each(Object.entries(config.modules))("modules/services/%s.nix", (name, module) => {
    const expr = serviceModuleExpr(name, module);
    const body = moduleBody(expr);
    const settings = body.bindings.flatMap((b) => (b.kind === "binding" && b.path[0] === "config" ? [b.value] : []));
    expect(settings).toHaveLength(1);
    expect(unknownSettings(settings[0] as NixExpr, [])).toEqual([]);
    expect(unknownReads(expr, { cfg: ["homelab", "services", name] })).toEqual([]);
  });

  test.each(Object.entries(config.machines))("machines/%s/default.nix", (_, machine) => {
    const expr = machineExpr(config, machine);
    const body = moduleBody(expr);
    const settings = body.bindings.filter((b) => !(b.kind === "binding" && b.path[0] === "imports"));
    expect(unknownSettings({ ...body, bindings: settings }, [])).toEqual([]);
    expect(unknownReads(expr, {})).toEqual([]);
  });

  test("every setting the machine emitter can write", () => {
    const everything = homelab({
      ...frame1,
      machines: {
        all: {
          kind: "vm",
          hostname: "all",
          stateVersion: "25.05",
          timeZone: "UTC",
          users: { ops: { admin: true, uid: 1000, description: "Ops", extraGroups: ["docker"], authorizedKeys: ["admins"] } },
          secrets: { "grafana-admin-password": { option: "grafana.adminPasswordFile", owner: "grafana", mode: "0440" } },
          identityPaths: ["/etc/ssh/ssh_host_ed25519_key"],
          docker: true,
          podman: true,
          firewall: { tcp: [8080], udp: [53] },
          packages: ["git"],
          nfs: {
            mounts: [{ server: "nas", export: "/tank", mountPoint: "/mnt/tank" }],
            exports: [{ path: "/srv", clients: "192.168.1.0/24" }],
          },
          services: { grafana: { domain: "g.example.net" } },
          proxmox: {
            node: "pve",
            vmid: 200,
            cores: 2,
            memory: 2048,
            disk: "32G",
            storage: "local-lvm",
            virtiofs: [{ mapping: "containers", mountPoint: "/mnt/docker", owner: { user: "ops", group: "users" } }],
          },
        },
      },
    });
    const expr = machineExpr(everything, everything.machines["all"]!);
    const body = moduleBody(expr);
    const settings = body.bindings.filter((b) => !(b.kind === "binding" && b.path[0] === "imports"));
    expect(settings.length).toBeGreaterThan(15);
    expect(unknownSettings({ ...body, bindings: settings }, [])).toEqual([]);
    expect(unknownReads(expr, {})).toEqual([]);
  });

  test("the checker finds a wrong option path", () => {
    const module = { ...config.modules["loki"]!, config: { "services.loki.enabled": true } };
    const body = moduleBody(serviceModuleExpr("loki", module));
    const settings = body.bindings.find((b) => b.kind === "binding" && b.path[0] === "config")!;
    expect(unknownSettings((settings as Extract<Binding, { kind: "binding" }>).value, [])).toEqual(["services.loki.enabled"]);
  });

  test("the checker finds a read of an option nobody declares", () => {
    const module = { ...config.modules["loki"]!, config: { "services.loki.enable": ref("cfg.enabled") } };
    expect(unknownReads(serviceModuleExpr("loki", module), { cfg: ["homelab", "services", "loki"] })).toEqual([
      "homelab.services.loki.enabled",
    ]);
  });
});

function parsed(input: unknown): HomelabConfig {
  const validation = validateConfig(input);
  if (!validation.ok) throw new Error(formatIssues(validation.issues));
  return validation.config;
}

/** `homelab.services.<m>.<option>` of every module, and what modules declare elsewhere. */
function addHomelabOptions(into: OptionIndex, from: HomelabConfig): void {
  const addTree = (prefix: string, tree: OptionTree): void => {
    for (const [key, node] of Object.entries(tree)) {
      if (isOptionGroup(node)) addTree(`${prefix}.${key}`, node.options);
      else into.add(`${prefix}.${key}`, typeLabel(node.type));
    }
  };
  for (const [name, module] of Object.entries(from.modules)) {
    into.add(`homelab.services.${name}.enable`, "boolean");
    addTree(`homelab.services.${name}`, module.options);
    for (const [path, spec] of Object.entries(module.declares)) into.add(path, typeLabel(spec.type));
  }
}

/** The TSV's words for a type, as far as free-form matters. */
function typeLabel(type: OptionType): string {
  if (type === "attrs" || type === "anything") return "attribute set of anything";
  if (typeof type === "object" && ("attrsOf" in type || "submodule" in type)) return "attribute set of anything";
  return "value";
}

/** `{ … }:` → the module's attribute set, under an optional `let`. */
function moduleBody(expr: NixExpr): AttrsNode {
  if (expr.kind !== "lambda") throw new Error(`expected a module function, got ${expr.kind}`);
  const body = expr.body.kind === "let" ? expr.body.body : expr.body;
  if (body.kind !== "attrs") throw new Error(`expected an attribute set, got ${body.kind}`);
  return body;
}

function segment(key: AttrKey): PathSegment {
  return typeof key === "string" ? key : ANY_NAME;
}

function show(path: readonly PathSegment[]): string {
  return path.map((s) => (s === ANY_NAME ? "${…}" : s)).join(".");
}

/** `lib.mkIf c x`, `lib.mkMerge [ … ]`, `lib.mkDefault x`: the definitions inside. */
function definitions(expr: NixExpr): NixExpr[] {
  if (expr.kind !== "apply") return [expr];
  const fnName = expr.fn.kind === "apply" ? dotted(expr.fn.fn) : dotted(expr.fn);
  if (fnName === "lib.mkIf" && expr.fn.kind === "apply") return definitions(expr.arg);
  if (fnName === "lib.mkDefault" || fnName === "lib.mkForce") return definitions(expr.arg);
  if (fnName === "lib.mkMerge" && expr.arg.kind === "list") return expr.arg.items.flatMap((i) => definitions(i.value));
  return [expr];
}

function dotted(expr: NixExpr): string | undefined {
  if (expr.kind === "ident") return expr.name;
  if (expr.kind === "select" && expr.default === undefined) {
    const head = dotted(expr.target);
    return head === undefined || expr.path.some((k) => typeof k !== "string") ? undefined : [head, ...expr.path].join(".");
  }
  return undefined;
}

/** Paths set in `expr` (an attribute set of settings at `prefix`) that are not options. */
function unknownSettings(expr: NixExpr, prefix: readonly PathSegment[]): string[] {
  return definitions(expr).flatMap((definition) => {
    if (definition.kind === "attrs" && !definition.rec) {
      return definition.bindings.flatMap((b) =>
        b.kind === "binding" ? unknownSettings(b.value, [...prefix, ...b.path.map(segment)]) : [show([...prefix, ...b.names])],
      );
    }
    const literal = ["null", "bool", "int", "float", "string", "path", "list"].includes(definition.kind);
    const ok = index.accepts(prefix) || (!literal && index.acceptsSet(prefix));
    return ok ? [] : [show(prefix)];
  });
}

/**
 * Option paths read through `config.…`, through `cfg.…` (given as `aliases`), or through a `let`
 * binding of either (`loki = config.homelab.services.loki;` then `loki.port`), that are not options.
 */
function unknownReads(expr: NixExpr, aliases: Readonly<Record<string, readonly PathSegment[]>>): string[] {
  const known: Record<string, readonly PathSegment[]> = { config: [], ...aliases };
  if (expr.kind === "lambda" && expr.body.kind === "let") {
    for (const b of expr.body.bindings) {
      if (b.kind !== "binding" || b.path.length !== 1 || typeof b.path[0] !== "string") continue;
      const read = readPath(b.value, known);
      if (read !== undefined) known[b.path[0]] = read;
    }
  }
  const found: string[] = [];
  const visit = (node: NixNode): void => {
    if (node.kind === "select") {
      const read = readPath(node, known);
      if (read !== undefined && !index.acceptsSet(read)) found.push(show(read));
      if (read !== undefined) return;
    }
    childrenOf(node).forEach(visit);
  };
  visit(expr);
  return found;
}

function readPath(expr: NixExpr, known: Readonly<Record<string, readonly PathSegment[]>>): PathSegment[] | undefined {
  if (expr.kind !== "select" || expr.target.kind !== "ident") return undefined;
  const base = known[expr.target.name];
  return base === undefined ? undefined : [...base, ...expr.path.map(segment)];
}

/** Every node directly inside `node`. */
function childrenOf(node: NixNode): NixNode[] {
  const kids: unknown[] = [];
  switch (node.kind) {
    case "string":
      kids.push(...node.parts);
      break;
    case "list":
      kids.push(...node.items.map((i) => i.value));
      break;
    case "attrs":
    case "let":
      kids.push(...node.bindings, node.kind === "let" ? node.body : undefined);
      break;
    case "binding":
      kids.push(...node.path, node.value);
      break;
    case "inherit":
      kids.push(node.from);
      break;
    case "lambda":
      kids.push(node.body, ...(node.param.kind === "formals" ? node.param.formals.map((f) => f.default) : []));
      break;
    case "apply":
      kids.push(node.fn, node.arg);
      break;
    case "select":
      kids.push(node.target, node.default, ...node.path);
      break;
    case "with":
      kids.push(node.scope, node.body);
      break;
    case "if":
      kids.push(node.cond, node.then, node.else);
      break;
    case "assert":
      kids.push(node.cond, node.body);
      break;
    case "unary":
      kids.push(node.operand);
      break;
    case "binary":
      kids.push(node.left, node.right);
      break;
    default:
      break;
  }
  return kids.filter(isNixNode);
}
