// Each value format against values its consumer accepts and values it would misread. The sources of
// the rules are cited in packages/schema/src/formats/*.ts.
import { describe, expect, test } from "vitest";
import { bindMountSource } from "../src/formats/fields.js";
import { formats } from "../src/index.js";

const cases: [format: formats.ValueFormat, accepted: string[], refused: string[]][] = [
  [formats.absolute, ["/", "/mnt/my share"], ["mnt", "", "./x"]],
  [formats.noDotSegments, ["/mnt/a.b", "/mnt/..a", "/mnt/a/"], ["/mnt/../etc", "/mnt/.", "/./mnt", "/mnt/.."]],
  [formats.oneLine, ["/mnt/it's $x", "Ünïcödé"], ["a\nb", "a\rb", "a\tb", "a\0b", "a\x7fb"]],
  [formats.propertyValue, ["/mnt/a=b", "/mnt/a b"], ["/mnt/a,b", "", " /mnt", "/mnt ", "/a\nb"]],
  [formats.keylessPropertyValue, ["/mnt/a,b"], ["/mnt/a=b"]],
  [formats.configId, ["local-lvm", "nvmeprom", "Data_1", "ab"], ["a", "1abc", "local:lvm", "a b", "a.b", "-ab"]],
  [formats.nodeName, ["pve", "prom2", "PVE-1", "1node"], ["pve_1", "-pve", "pve-", "", "a.b", "a".repeat(64)]],
  [formats.mappingDescription, ["Bob's \"data\" $x"], ["two\nlines", "a\rb"]],
  [formats.bridgeName, ["vmbr0", "vmbr0.10", "br_lan-1"], ["vmbr 0", "vmbr0,x", "a/b", "a:b", "", ".", "..", "abcdefghijklmnop"]],
  [formats.hostAddress, ["doc1", "nas.lan", "192.168.1.20"], ["-oProxyCommand=x", "a b", "a:b", "", "a..b"]],
  [formats.sshDestination, ["doc1", "root@192.168.1.12", "abl030@nas.lan"], ["-oProxyCommand=x", "root@-x", "a b", "root@", "Root@x", "x:y"]],
  [
    formats.exportsClient,
    ["192.168.1.0/24", "192.168.1.0/255.255.255.0", "192.168.1.21", "*.lan", "host?.lan", "@trusted", "*", "nas.lan"],
    ["a b", "a\n/etc *", "x(rw)", "", "192.168.1.0/33", "a,b"],
  ],
  [formats.mountOption, ["nfsvers=4.2", "noatime", "x-systemd.automount"], ["a,b", "a b", "", "a\nb"]],
  [formats.exportsOption, ["rw", "no_subtree_check", "fsid=0"], ["rw,sync", "rw)", "a b", ""]],
  [formats.accountName, ["abl030", "_svc", "nixbld1", "machine$"], ["Abl030", "a b", "1abc", "a:b", "", "a".repeat(32)]],
  [
    formats.lxcRawLine,
    ["lxc.apparmor.profile: unconfined", "lxc.cap.drop:", "lxc.hook.pre-start: /x"],
    ["apparmor: x", "lxc.apparmor.profile = x", "lxc.a: x\nlxc.b: y", "lxc.a: x ", "lxc.a:x"],
  ],
  [
    formats.knownLxcKey,
    ["lxc.hook.pre-start: /x", "lxc.mount.entry: /a b none bind 0 0", "lxc.cgroup2.devices.allow: c 10:200 rwm", "lxc.net.0.type: veth"],
    ["lxc.hook.prestart: /x", "lxc.aa_profile: unconfined", "lxc.rootfs.path: /x", "lxc.foo: 1"],
  ],
  [formats.passwdField, ["Alice Liddell, room 12"], ["a:b", "a\nb"]],
  [formats.timeZone, ["Europe/Prague", "UTC", "America/Argentina/Buenos_Aires"], ["Europe/ Prague", "", "UTC\n"]],
  [formats.writableText, ["a\nb", "😀"], ["a\0b", "\uD800", "x\uDC00"]],
];

describe("value formats", () => {
  test.each(cases.map(([format, accepted, refused]) => [format.name, format, accepted, refused] as const))(
    "%s",
    (_name, format, accepted, refused) => {
      expect(accepted.filter((value) => !format.test(value))).toEqual([]);
      expect(refused.filter((value) => format.test(value))).toEqual([]);
    },
  );

  test("a field reports only the first format it breaks, with the rule as its message", () => {
    const issues = bindMountSource.safeParse("mnt/a,b=c").error?.issues ?? [];
    expect(issues.map((found) => [found.message, (found as { params?: unknown }).params])).toEqual([
      ["must be an absolute path (starting with /)", { format: "absolute-path" }],
    ]);
  });
});
