// The one place non-Nix text is rendered: the templates of `packages/nixgen/templates/`, which the
// build checked and compiled into plain functions in ./templates.precompiled.js (see
// ./compile-templates.ts), called with one escaping helper per format (./template-helpers.ts). Pure:
// no file is read and no template engine loaded here; the bundled CLI carries the templates inside it.
import { renderedBlock, TEMPLATE_RUNTIME, type Rendered } from "./template-helpers.js";
import { formatOf } from "./template-rules.js";
import { templates } from "./templates.precompiled.js";

export type { Rendered } from "./template-helpers.js";

/** `render("lxc.conf", data)`: the text of `templates/lxc.conf.hbs` for `data`. */
export function render(template: string, data: object): string {
  const compiled = templates[template];
  if (compiled === undefined) throw new Error(`no template ${template}.hbs in packages/nixgen/templates/`);
  return compiled(data, TEMPLATE_RUNTIME);
}

/** Like `render`, for text that another template embeds with `{{block x}}`. */
export function renderBlock(template: string, data: object): Rendered {
  // Without its last newline, so `{{block x}}` sits on a line of its own in the embedding template.
  return renderedBlock(render(template, data).replace(/\n$/, ""), formatOf(template));
}
