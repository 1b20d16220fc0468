// The Proxmox file formats `import --proxmox` reads, against what Proxmox's own parsers do:
// pve-common src/PVE/JSONSchema.pm parse_property_string, src/PVE/Tools.pm encode_text/decode_text,
// src/PVE/SectionConfig.pm parse_config; pve-container src/PVE/LXC/Config.pm parse_pct_config.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseGuestConfig } from "../src/import-proxmox/parse-guest-config.js";
import { parsePropertyString } from "../src/import-proxmox/parse-property-string.js";
import { parseSectionConfig } from "../src/import-proxmox/parse-section-config.js";
import { looksSecret } from "../src/import-proxmox/secret-like.js";
import { decodeProxmoxText, encodeProxmoxText } from "../src/text/proxmox-text.js";

describe("parsePropertyString", () => {
  test.each([
    ["keyed parts", "name=eth0,bridge=vmbr0,ip=dhcp", undefined, { name: "eth0", bridge: "vmbr0", ip: "dhcp" }],
    [
      "the keyless part goes to the default key",
      "local-lvm:vm-1-disk-0,size=8G",
      "volume",
      { volume: "local-lvm:vm-1-disk-0", size: "8G" },
    ],
    [
      "the keyless part need not come first",
      "size=8G,local-lvm:vm-1-disk-0",
      "volume",
      { size: "8G", volume: "local-lvm:vm-1-disk-0" },
    ],
    ["a part splits at its first =", "meta=a=b", undefined, { meta: "a=b" }],
    ["blank parts are skipped", "a=1,, ,b=2", undefined, { a: "1", b: "2" }],
    ["nothing is trimmed", " a=1", undefined, { " a": "1" }],
    ["`;` is part of a value", "mount=nfs;cifs", undefined, { mount: "nfs;cifs" }],
  ])("%s", (_, data, defaultKey, want) => {
    expect(Object.fromEntries(parsePropertyString(data, defaultKey))).toEqual(want);
  });

  test.each([
    ["a duplicate key", "a=1,a=2", undefined, 'duplicate key "a"'],
    ["two keyless parts", "x,y", "volume", 'duplicate key "volume"'],
    ["a keyless part and the default key", "x,volume=y", "volume", 'duplicate key "volume"'],
    ["a keyless part without a default key", "eth0", undefined, "has no key"],
    ["an empty key", "=1", undefined, "missing its key"],
    ["an empty value", "a=", undefined, "missing its key"],
  ])("refuses %s, as Proxmox does", (_, data, defaultKey, message) => {
    expect(() => parsePropertyString(data, defaultKey)).toThrow(message);
  });
});

describe("Proxmox text encoding", () => {
  test.each([
    ["Media: 4K", "Media%3A 4K"],
    ["100% sure", "100% sure"],
    ["Žluť", "%C5%BDlu%C5%A5"],
    ["tab\there", "tab%09here"],
  ])("%j ↔ %j", (text, encoded) => {
    expect(encodeProxmoxText(text)).toBe(encoded);
    expect(decodeProxmoxText(encoded)).toBe(text);
  });

  test("decode_text unescapes every %XX, even one encode_text did not write", () => {
    expect(decodeProxmoxText("100%25 and %41")).toBe("100% and A");
  });

  test("what encode_text writes decodes to the text, for any text without %XX in it", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }).filter((text) => !/%[0-9A-Fa-f]{2}/.test(text)),
        (text) => {
          expect(decodeProxmoxText(encodeProxmoxText(text))).toBe(text);
        },
      ),
    );
  });
});

describe("parseGuestConfig", () => {
  test("keys, description, raw lxc lines; snapshot and pending sections are named, not read", () => {
    const conf = parseGuestConfig(
      [
        "#Media%3A server",
        "#",
        "arch: amd64",
        "hostname:  media  ",
        "lxc.apparmor.profile: unconfined",
        "lxc.mount.entry = /dev/net/tun dev/net/tun none bind,create=file",
        "",
        "[pve:pending]",
        "cores: 8",
        "",
        "[before-upgrade]",
        "#old notes",
        "hostname: old",
      ].join("\n"),
    );
    expect(conf.description).toBe("Media: server\n");
    expect(Object.fromEntries(conf.values)).toEqual({ arch: "amd64", hostname: "media" });
    expect(conf.lxc).toEqual([
      ["lxc.apparmor.profile", "unconfined"],
      ["lxc.mount.entry", "/dev/net/tun dev/net/tun none bind,create=file"],
    ]);
    expect(conf.pending).toBe(true);
    expect(conf.snapshots).toEqual(["before-upgrade"]);
    expect(conf.unreadable).toEqual([]);
  });

  test("the older `description:` key, and a line that is no config line", () => {
    const conf = parseGuestConfig("description: a%3Ab\nnot a line\ncores: 2\n");
    expect(conf.description).toBe("a:b");
    expect(conf.unreadable).toEqual([[2, "not a line"]]);
  });
});

describe("parseSectionConfig", () => {
  test("storage.cfg: `type: id` headers, options, a flag without a value, comments", () => {
    const parsed = parseSectionConfig(
      "# storages\ndir: local\n\tpath /var/lib/vz\n\tcontent iso,vztmpl\n\nzfspool: tank\n\tpool tank/guests\n\tsparse\n",
      "typed",
    );
    expect(parsed.sections.map((s) => [s.type, s.id, Object.fromEntries(s.values)])).toEqual([
      ["dir", "local", { path: ["/var/lib/vz"], content: ["iso,vztmpl"] }],
      ["zfspool", "tank", { pool: ["tank/guests"], sparse: ["1"] }],
    ]);
  });

  test("mapping/directory.cfg: the id alone, one `map` line per node", () => {
    const parsed = parseSectionConfig(
      "media\n\tmap node=a,path=/x\n\tmap node=b,path=/y\n\tdescription Media files\n",
      "id",
    );
    expect(parsed.sections.map((s) => [s.type, s.id, Object.fromEntries(s.values)])).toEqual([
      [undefined, "media", { map: ["node=a,path=/x", "node=b,path=/y"], description: ["Media files"] }],
    ]);
  });

  test("an option line after a blank line belongs to no section", () => {
    expect(parseSectionConfig("dir: local\n\n\tpath /x\n", "typed").unreadable).toEqual([[3, "\tpath /x"]]);
  });
});

describe("looksSecret", () => {
  test.each([
    ["cipassword", "$5$abc", true],
    ["password", "x", true],
    ["api_token", "x", true],
    ["meta", "user=a,password=b", true],
    ["x", "-----BEGIN OPENSSH PRIVATE KEY-----", true],
    ["sshkeys", "ssh-ed25519%20AAAA", false],
    ["ciuser", "admin", false],
    ["ostype", "l26", false],
  ])("%s=%s → %s", (key, value, want) => {
    expect(looksSecret(key, value)).toBe(want);
  });
});
