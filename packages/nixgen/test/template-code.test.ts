// Compiled templates (src/text/template-code.ts) render exactly as Handlebars renders the same
// checked template, block by block: the generated functions replaced Handlebars' runtime.
import Handlebars from "handlebars";
import { describe, expect, test } from "vitest";
import { compileTemplate } from "../src/text/compile-templates.js";
import { renderedBlock, TEMPLATE_RUNTIME } from "../src/text/template-helpers.js";
import { checkTemplate } from "../src/text/template-rules.js";

/** Handlebars itself, with the same helpers, on the same checked template. */
function handlebarsRender(source: string, file: string, data: object): string {
  const instance = Handlebars.create();
  type Options = Handlebars.HelperOptions & { hash: { where: string; indent?: number } };
  instance.registerHelper({
    sh: (value: unknown, options: Options) => TEMPLATE_RUNTIME.sh(value, options.hash.where),
    comment: (value: unknown, options: Options) => TEMPLATE_RUNTIME.comment(value, options.hash.where),
    md: (value: unknown, options: Options) => TEMPLATE_RUNTIME.md(value, options.hash.where),
    mdcode: (value: unknown, options: Options) => TEMPLATE_RUNTIME.mdcode(value, options.hash.where),
    block: (value: unknown, options: Options) => TEMPLATE_RUNTIME.block(value, options.hash.where, options.hash.indent ?? 0),
    fence(this: unknown, info: string, options: Handlebars.HelperOptions) {
      return TEMPLATE_RUNTIME.fence(options.fn(this), info);
    },
  });
  const program = instance.parse(source);
  checkTemplate(program, file, source);
  return instance.compile(program, { noEscape: true, strict: true })(data);
}

const cases: [name: string, { source: string; file: string; data: object }][] = [
  [
    "if, else and includeZero",
    {
      source: "{{#if a}}\na {{sh a}}\n{{else}}\nno a\n{{/if}}\n{{#if zero}}zero{{/if}}{{#if zero includeZero=true}} zero={{sh zero}}{{/if}}\n",
      file: "x.sh.hbs",
      data: { a: "", zero: 0 },
    },
  ],
  [
    "if on empty and full lists, objects, false and null",
    {
      source: "{{#if empty}}E{{/if}}{{#if full}}F{{/if}}{{#if object}}O{{/if}}{{#if no}}N{{/if}}{{#if nothing}}0{{/if}}\n",
      file: "x.sh.hbs",
      data: { empty: [], full: [1], object: {}, no: false, nothing: null },
    },
  ],
  [
    "unless with @last, nested each and ../",
    {
      source:
        "{{#each rows}}\n{{#each this}}{{sh this}}{{#unless @last}}, {{/unless}}{{/each}} on {{sh ../node}}\n{{/each}}\n",
      file: "x.sh.hbs",
      data: { node: "prom", rows: [["a", "b c"], ["d"], []] },
    },
  ],
  [
    "each with else, over a missing list and objects' fields",
    {
      source: "{{#each items}}\n- {{sh name}} in {{sh ../where}}\n{{else}}\nnone\n{{/each}}\n{{#each missing}}x{{else}}no list{{/each}}\n",
      file: "x.sh.hbs",
      data: { where: "here", items: [{ name: "a" }, { name: "b" }] },
    },
  ],
  [
    "fence, block and standalone lines in Markdown",
    {
      source: '# {{md title}}\n\n{{#each steps}}\n{{#fence "bash"}}\n{{comment where}}\n{{block commands indent=2}}\n{{/fence}}\n\n{{/each}}\nDone: {{mdcode done}}\n',
      file: "x.md.hbs",
      data: {
        title: "A *b*",
        steps: [{ where: "On prom", commands: renderedBlock("a \\\n--b", "sh") }],
        done: "x`y",
      },
    },
  ],
];

describe("compiled templates", () => {
  test.each(cases)("render as Handlebars does: %s", (_, { source, file, data }) => {
    expect(compileTemplate(source, file)(data)).toBe(handlebarsRender(source, file, data));
  });

  test("@last outside {{#each}} is refused when the template compiles", () => {
    expect(() => compileTemplate("{{#unless @last}}x{{/unless}}\n", "x.sh.hbs")).toThrow("x.sh.hbs:1: @last is only known inside {{#each}}");
  });

  test("../ above the template's data is refused when the template compiles", () => {
    expect(() => compileTemplate("{{sh ../x}}\n", "x.sh.hbs")).toThrow("x.sh.hbs:1: ../x goes above the template's data");
  });
});
