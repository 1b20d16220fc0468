import { execa } from "execa";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { confValue, hashComment, markdownCode, markdownFence, markdownText, shellWord } from "../src/text/escape.js";
import { propertyString } from "../src/text/property-string.js";

/** What bash makes of `words` as arguments: each printed NUL-terminated, so newlines survive. */
async function bashArgs(words: readonly string[]): Promise<string[]> {
  const { stdout } = await execa("bash", ["-c", `printf '%s\\0' ${words.join(" ")}`], { stripFinalNewline: false });
  return stdout.split("\0").slice(0, -1);
}

describe("shellWord", () => {
  const cases: [value: string, want: string][] = [
    ["local-lvm:32", "local-lvm:32"],
    ["node=prom,path=/nvmeprom/containers", "node=prom,path=/nvmeprom/containers"],
    [".#LXCHOME", ".#LXCHOME"],
    ["#comment", "'#comment'"],
    ["Podman containers dataset", "'Podman containers dataset'"],
    ["it's", `'it'\\''s'`],
    ["$HOME `id`", "'$HOME `id`'"],
    ["", "''"],
    ["~root", "'~root'"],
    ["a\nb", "$'a\\nb'"],
    ["tab\there 'q' \\", "$'tab\\there \\'q\\' \\\\'"],
    ["bell\x07", "$'bell\\x07'"],
  ];
  test.each(cases)("%j → %s", (value, want) => {
    expect(shellWord(value, "test")).toBe(want);
  });

  test("bash reads every word back as the value", async () => {
    const words = cases.map(([value]) => value);
    expect(await bashArgs(words.map((value) => shellWord(value, "test")))).toEqual(words);
  });

  test("property: any text without NUL survives bash", async () => {
    const texts = fc.sample(
      fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !s.includes("\0")),
      { numRuns: 300, seed: 1 },
    );
    const special = fc.sample(
      fc.string({
        unit: fc.constantFrom(
          "'",
          '"',
          "$",
          "`",
          "\\",
          "\n",
          " ",
          "!",
          "*",
          "#",
          "~",
          "{",
          "}",
          "\t",
          "a",
          "é",
          "\x1b",
        ),
        maxLength: 8,
      }),
      { numRuns: 300, seed: 2 },
    );
    const values = [...texts, ...special];
    expect(await bashArgs(values.map((value) => shellWord(value, "test")))).toEqual(values);
  });

  test("a NUL cannot be an argument", () => {
    expect(() => shellWord("a\0b", "machines.x.proxmox.template")).toThrow(
      "machines.x.proxmox.template: contains a NUL character, which no shell argument can hold",
    );
  });
});

describe("hashComment", () => {
  test.each([
    ["Local drive passthrough", "# Local drive passthrough"],
    ["two\nlines", "# two\n# lines"],
    ["gap\n\nhere", "# gap\n#\n# here"],
  ])("%j", (value, want) => {
    expect(hashComment(value)).toBe(want);
  });
});

describe("confValue", () => {
  test("passes a plain value", () => {
    expect(confValue("name=eth0,bridge=vmbr0,ip=dhcp", "net0")).toBe("name=eth0,bridge=vmbr0,ip=dhcp");
  });
  test.each([
    [
      "a\nb",
      'lxc.conf.hbs:3 {{conf hostname}}: "a\\nb" contains a line break, which a Proxmox config line cannot hold',
    ],
    [" ", "lxc.conf.hbs:3 {{conf hostname}}: a Proxmox config value cannot be empty"],
    ["x ", 'lxc.conf.hbs:3 {{conf hostname}}: "x " has leading or trailing spaces, which Proxmox strips'],
  ])("refuses %j", (value, message) => {
    expect(() => confValue(value, "lxc.conf.hbs:3 {{conf hostname}}")).toThrow(message);
  });
});

describe("markdownText", () => {
  test.each([
    ["Podman containers dataset", "Podman containers dataset"],
    [
      "*not* _emphasis_ `code` [link](x) <b> a|b ~x~ &amp; \\",
      "\\*not\\* \\_emphasis\\_ \\`code\\` \\[link\\](x) \\<b\\> a\\|b \\~x\\~ \\&amp; \\\\",
    ],
    ["# not a heading", "\\# not a heading"],
    ["- not a list", "\\- not a list"],
    ["1. not a list", "1\\. not a list"],
    ["line one\n  line two", "line one line two"],
  ])("%j", (value, want) => {
    expect(markdownText(value)).toBe(want);
  });
});

describe("markdownCode", () => {
  test.each([
    ["/mnt/docker", "`/mnt/docker`"],
    ["a `b` c", "``a `b` c``"],
    ["`x`", "`` `x` ``"],
    ["a ``` b", "````a ``` b````"],
    [" x", "`  x `"],
    ["  ", "`  `"],
  ])("%j → %s", (value, want) => {
    expect(markdownCode(value, "test")).toBe(want);
  });
  test.each([
    ["a\nb", 'machines.x.description: "a\\nb" contains a line break, which inline code cannot hold'],
    ["", "machines.x.description: inline code cannot be empty"],
  ])("refuses %j", (value, message) => {
    expect(() => markdownCode(value, "machines.x.description")).toThrow(message);
  });
});

describe("markdownFence", () => {
  test("outgrows any backtick run inside", () => {
    expect(markdownFence("echo ```\n", "bash")).toBe("````bash\necho ```\n````\n");
    expect(markdownFence("ls", "bash")).toBe("```bash\nls\n```\n");
  });
});

describe("propertyString", () => {
  test("joins keyless and keyed values", () => {
    expect(
      propertyString([
        { key: undefined, value: "/mnt/pve/DATA_4TB", field: "host" },
        { key: "mp", value: "/mnt/DATA 4TB=x", field: "container" },
        { key: "ro", value: 1, field: "readOnly" },
      ]),
    ).toBe("/mnt/pve/DATA_4TB,mp=/mnt/DATA 4TB=x,ro=1");
  });
  test.each([
    [
      undefined,
      "/mnt/a,b",
      'machines.ct.proxmox.bindMounts[0].host: "/mnt/a,b" must not contain "," or a line break',
    ],
    [
      undefined,
      "/mnt/a=b",
      'machines.ct.proxmox.bindMounts[0].host: "/mnt/a=b" must not contain "=": Proxmox would read the part before it as a property name',
    ],
    ["mp", "", 'machines.ct.proxmox.bindMounts[0].host: "" must not contain "," or a line break'],
  ])("refuses %s=%j", (key, value, message) => {
    expect(() => propertyString([{ key, value, field: "machines.ct.proxmox.bindMounts[0].host" }])).toThrow(message);
  });
});
