// The review model and its diff: each kind of change from a one-line edit of a config, the
// re-encryption list (readers and keys), and the warning for a reader removed.
import { validateConfig, type HomelabConfigInput } from "@homelab/schema";
import { describe, expect, test } from "vitest";
import { diffModels, emptyModel, type Change } from "../src/review/model-diff.js";
import { reviewModel, type ReviewModel } from "../src/review/model.js";
import { rekeyList } from "../src/review/rekey.js";
import { changeLine, rekeySection } from "../src/review/summary.js";
import { ed25519Key } from "./helpers/test-keys.js";

const key = (n: number) => ed25519Key(n);

const base: HomelabConfigInput = {
  keys: { users: { admin: key(1) }, hosts: { a: key(2), b: key(3) }, groups: { admins: ["admin"] } },
  secrets: { s: { recipients: ["admins", "a"] }, t: { recipients: ["admins", "b"], file: "tee.age" } },
  modules: {
    web: {
      description: "Web",
      options: {
        port: { type: "port", default: 8000, description: "Port." },
        domain: { type: "str", default: "a.example", description: "Domain." },
      },
      firewall: { tcp: ["port"] },
      route: { domain: "domain", port: "port" },
    },
  },
  machines: {
    a: {
      kind: "lxc",
      hostname: "a",
      services: { web: true },
      proxmox: {
        node: "pve",
        vmid: 100,
        cores: 1,
        memory: 512,
        disk: "8G",
        storage: "local-lvm",
        template: "local:vztmpl/nixos.tar.xz",
        bindMounts: [{ host: "/tank/a", container: "/data" }],
      },
    },
    b: { kind: "metal", hostname: "b" },
  },
};

// `any` for the edits only: they reach deep into the input, and the validation right after checks it.
type Edit = (config: Record<string, any>) => void;

function model(edit: Edit = () => {}): ReviewModel {
  const config = structuredClone(base);
  edit(config);
  const validation = validateConfig(config);
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  return reviewModel(validation.config);
}

describe("reviewModel", () => {
  test("ports come from SSH, the firewall and the enabled services; readers expand groups", () => {
    const m = model();
    expect(m.machines["a"]?.ports).toEqual({ tcp: [22, 8000], udp: [] });
    expect(m.machines["a"]?.services["web"]).toEqual({ ports: { tcp: [8000], udp: [] }, route: { domain: "a.example", port: "8000" } });
    expect(m.secrets["s"]).toMatchObject({ file: "secrets/s.age", readers: ["a", "admin"], usedBy: [] });
    expect(m.secrets["t"]?.file).toBe("secrets/tee.age");
  });

  test("machines share one empty list and one pair of empty port lists (a model holds one per machine)", () => {
    const m = model((config) => {
      config["machines"].c = { kind: "metal", hostname: "c" };
      config["modules"].quiet = { description: "Quiet", options: {} };
      config["machines"].b.services = { quiet: true };
      config["machines"].c.services = { quiet: true };
    });
    const [b, c] = [m.machines["b"], m.machines["c"]];
    const empty = c?.mounts;
    expect(empty).toEqual([]);
    for (const list of [b?.mounts, b?.secrets, b?.ports.udp, c?.secrets]) expect(list).toBe(empty);
    expect(b?.services["quiet"]?.ports).toEqual({ tcp: [], udp: [] });
    expect(b?.services["quiet"]?.ports).toBe(c?.services["quiet"]?.ports);
  });
});

describe("diffModels", () => {
  test.each<[string, Edit, Change[]]>([
    ["nothing", () => {}, []],
    ["a guest moved", (c) => (c.machines.a.proxmox.node = "pve2"), [{ kind: "machine-moved", machine: "a", from: "pve", to: "pve2" }]],
    [
      "resources",
      (c) => Object.assign(c.machines.a.proxmox, { cores: 4, memory: 1024 }),
      [
        { kind: "resource-changed", machine: "a", resource: "cores", from: "1", to: "4" },
        { kind: "resource-changed", machine: "a", resource: "memory", from: "512 MB", to: "1024 MB" },
      ],
    ],
    [
      "a port opened by a service option, one closed",
      (c) => {
        c.machines.a.services.web = { port: 9000 };
      },
      [
        { kind: "port-opened", machine: "a", protocol: "tcp", port: 9000 },
        { kind: "port-closed", machine: "a", protocol: "tcp", port: 8000 },
        { kind: "route-changed", machine: "a", service: "web", from: "a.example → localhost:8000", to: "a.example → localhost:9000" },
      ],
    ],
    [
      "a service enabled",
      (c) => (c.machines.b.services = { web: { domain: "b.example" } }),
      [
        { kind: "port-opened", machine: "b", protocol: "tcp", port: 8000 },
        { kind: "service-enabled", machine: "b", service: "web" },
      ],
    ],
    [
      "a mount made read-only",
      (c) => (c.machines.a.proxmox.bindMounts[0].readOnly = true),
      [
        { kind: "mount-added", machine: "a", mount: { via: "bind", source: "/tank/a", target: "/data", readOnly: true } },
        { kind: "mount-removed", machine: "a", mount: { via: "bind", source: "/tank/a", target: "/data" } },
      ],
    ],
    [
      "a reader removed through its group",
      (c) => (c.keys.groups.admins = ["b"]),
      [
        { kind: "reader-added", secret: "s", file: "secrets/s.age", reader: "b" },
        { kind: "reader-removed", secret: "s", file: "secrets/s.age", reader: "admin" },
        { kind: "reader-removed", secret: "t", file: "secrets/tee.age", reader: "admin" },
      ],
    ],
    [
      "a machine decrypts a secret",
      (c) => (c.machines.a.secrets = { s: true }),
      [{ kind: "secret-used", machine: "a", secret: "s" }],
    ],
    ["a key replaced", (c) => (c.keys.hosts.a = key(4)), [{ kind: "key-changed", key: "a" }]],
    [
      "machines added and removed",
      (c) => {
        c.machines.c = { ...c.machines.b, hostname: "c" };
        delete c.machines.b;
      },
      [
        { kind: "machine-removed", machine: "b" },
        { kind: "machine-added", machine: "c" },
      ],
    ],
  ])("%s", (_, edit, changes) => {
    expect(diffModels(model(), model(edit))).toEqual(changes);
  });

  test("against no model, everything is added", () => {
    expect(diffModels(emptyModel, model()).map(changeLine)).toEqual([
      "**a** added on node `pve`",
      "**b** added",
      "secret **s** added (`secrets/s.age`)",
      "secret **t** added (`secrets/tee.age`)",
    ]);
  });
});

describe("rekeyList", () => {
  test("names exactly the files whose readers or readers' keys changed", () => {
    expect(rekeyList(model(), model((c) => (c.secrets.t.recipients = ["admins"])))).toEqual([
      { secret: "t", file: "secrets/tee.age", readersAdded: [], readersRemoved: ["b"], keysChanged: [] },
    ]);
    expect(rekeyList(model(), model((c) => (c.keys.hosts.a = key(4))))).toEqual([
      { secret: "s", file: "secrets/s.age", readersAdded: [], readersRemoved: [], keysChanged: ["a"] },
    ]);
    // A new secret is created, not re-encrypted; a machine that starts using one changes no file.
    expect(rekeyList(model(), model((c) => (c.secrets.u = { recipients: ["a"] })))).toEqual([]);
  });

  test("a removed reader is told to be able to decrypt until re-encrypted and rotated", () => {
    const section = rekeySection("out", rekeyList(model(), model((c) => (c.secrets.t.recipients = ["admins"]))));
    expect(section).toBe(
      [
        "#### Re-encrypt 1 file",
        "",
        "Their readers changed, but each file is still encrypted to its old readers. In `out/secrets/` (beside secrets.nix), run `agenix --rekey` for every file, or one at a time (in a terminal):",
        "",
        "- `secrets/tee.age` (`b` removed): `EDITOR=: agenix -e tee.age`",
        "",
        "⚠ `b` can still decrypt `secrets/tee.age`, and every copy of it (git history included), until it is re-encrypted; it may also know the secret already: change the secret itself (rotate it), then re-encrypt.",
        "",
      ].join("\n"),
    );
  });
});
