import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { compileTemplate } from "../src/text/compile-templates.js";

const templates = fileURLToPath(new URL("../templates/", import.meta.url));

describe("template rules", () => {
  test("every template in templates/ passes the rules", async () => {
    const files = (await readdir(templates)).filter((file) => file.endsWith(".hbs"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const source = await readFile(`${templates}${file}`, "utf8");
      expect(() => compileTemplate(source, file), file).not.toThrow();
    }
  });

  const refused: [name: string, { source: string; file: string; message: string }][] = [
    [
      "a bare value",
      {
        source: "hostname: {{hostname}}\n",
        file: "x.conf.hbs",
        message:
          "x.conf.hbs:1: {{hostname}} prints a value without escaping; write {{conf x}}, {{comment x}} (conf text)",
      },
    ],
    [
      "a triple-stash value",
      { source: "{{{cmd}}}", file: "x.sh.hbs", message: "x.sh.hbs:1: {{{cmd}}} prints a value without escaping" },
    ],
    [
      "another format's helper",
      {
        source: "pct create {{conf vmid}}",
        file: "x.sh.hbs",
        message: "x.sh.hbs:1: {{conf vmid}} prints a value without escaping",
      },
    ],
    [
      "shell escaping outside a fence",
      { source: "Run {{sh cmd}}", file: "x.md.hbs", message: "x.md.hbs:1: {{sh cmd}} prints a value without escaping" },
    ],
    [
      "Markdown escaping inside a fence",
      {
        source: '{{#fence "bash"}}\necho {{md x}}\n{{/fence}}\n',
        file: "x.md.hbs",
        message: "x.md.hbs:2: {{md x}} prints a value without escaping; write {{sh x}}",
      },
    ],
    [
      "a subexpression",
      { source: "{{sh (lookup a b)}}", file: "x.sh.hbs", message: "the value must be a field, not a SubExpression" },
    ],
    [
      "a partial",
      { source: "{{> other}}", file: "x.sh.hbs", message: "x.sh.hbs:1: PartialStatement is not allowed in templates" },
    ],
    [
      "an unknown block",
      { source: "{{#with a}}{{sh b}}{{/with}}", file: "x.sh.hbs", message: "block {{#with}} is not allowed here" },
    ],
    ["an unknown format", { source: "x", file: "x.txt.hbs", message: 'x.txt: unknown text format ".txt"' }],
  ];
  test.each(refused)("refuses %s", (_, { source, file, message }) => {
    expect(() => compileTemplate(source, file)).toThrow(message);
  });

  test("a value a format cannot hold fails naming the template expression", () => {
    const template = compileTemplate("arch: amd64\nhostname: {{conf hostname}}\n", "x.conf.hbs");
    expect(() => template({ hostname: "a\nb" })).toThrow(
      'x.conf.hbs:2 {{conf hostname}}: "a\\nb" contains a line break, which a Proxmox config line cannot hold',
    );
  });

  test("a misspelt field fails instead of printing nothing", () => {
    const template = compileTemplate("pct start {{sh vmdi}}\n", "x.sh.hbs");
    expect(() => template({ vmid: 110 })).toThrow(
      "x.sh.hbs:1 {{sh vmdi}}: expected a string or a number, got undefined",
    );
  });

  test("{{block}} takes only text from renderBlock", () => {
    const template = compileTemplate("{{block commands}}\n", "x.sh.hbs");
    expect(() => template({ commands: { text: "rm -rf /", format: "sh" } })).toThrow(
      "x.sh.hbs:1 {{block commands}}: expected shell text from renderBlock",
    );
  });

  test("helpers escape; HTML escaping is off", () => {
    const shell = compileTemplate("{{#each words}}\necho {{sh this}}\n{{comment this}}\n{{/each}}\n", "x.sh.hbs");
    expect(shell({ words: ["a&b", "<x> y"] })).toBe("echo 'a&b'\n# a&b\necho '<x> y'\n# <x> y\n");
    const markdown = compileTemplate(
      'Run {{mdcode cmd}}:\n\n{{#fence "bash"}}\necho {{sh cmd}}\n{{/fence}}\n',
      "x.md.hbs",
    );
    expect(markdown({ cmd: "<x> & `y`" })).toBe("Run `` <x> & `y` ``:\n\n```bash\necho '<x> & `y`'\n```\n");
  });
});
