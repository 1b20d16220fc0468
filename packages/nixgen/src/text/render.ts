// The one place non-Nix text is rendered: the templates of `packages/nixgen/templates/`, which the
// build checked and precompiled into ./templates.precompiled.js (see ./compile-templates.ts), run by
// the Handlebars runtime with one escaping helper per format (./template-helpers.ts). Pure: no file
// is read and no compiler loaded here; the bundled CLI carries the templates inside it.
// The package has no `exports`: ESM names the file.
import HandlebarsRuntime from "handlebars/runtime.js";
import type Handlebars from "handlebars";
import { renderedBlock, HELPERS, type Rendered } from "./template-helpers.js";
import { formatOf } from "./template-rules.js";
import { templates } from "./templates.precompiled.js";

export type { Rendered } from "./template-helpers.js";

let runtime: typeof Handlebars | undefined;

function handlebarsRuntime(): typeof Handlebars {
  if (runtime === undefined) {
    runtime = (HandlebarsRuntime as unknown as typeof Handlebars).create();
    runtime.registerHelper(HELPERS);
  }
  return runtime;
}

const loaded = new Map<string, Handlebars.TemplateDelegate>();

function load(template: string): Handlebars.TemplateDelegate {
  let delegate = loaded.get(template);
  if (delegate === undefined) {
    const spec = templates[template];
    if (spec === undefined) throw new Error(`no template ${template}.hbs in packages/nixgen/templates/`);
    delegate = handlebarsRuntime().template(spec);
    loaded.set(template, delegate);
  }
  return delegate;
}

/** `render("lxc.conf", data)`: the text of `templates/lxc.conf.hbs` for `data`. */
export function render(template: string, data: object): string {
  return load(template)(data);
}

/** Like `render`, for text that another template embeds with `{{block x}}`. */
export function renderBlock(template: string, data: object): Rendered {
  // Without its last newline, so `{{block x}}` sits on a line of its own in the embedding template.
  return renderedBlock(render(template, data).replace(/\n$/, ""), formatOf(template));
}
