// The one place non-Nix text is rendered: Handlebars templates from `packages/nixgen/templates/`,
// each named `<name>.<format>.hbs`, with one escaping helper per format (see ./escape.ts).
// HTML escaping is off (`noEscape`): it is wrong for every format here, and ./template-rules.ts makes
// each printed value go through the helper of its format instead. `strict` turns a misspelt field into
// an error rather than an empty string.
import { readFileSync } from "node:fs";
import Handlebars from "handlebars";
import {
  confValue,
  hashComment,
  htmlCommentText,
  markdownCode,
  markdownFence,
  markdownText,
  shellWord,
  text,
  TextValueError,
} from "./escape.js";
import { checkTemplate, formatOf, type Format } from "./template-rules.js";

// `../../templates/` from both `src/text/` and `dist/text/`.
const TEMPLATES = new URL("../../templates/", import.meta.url);

/** Text rendered by a template, to embed in another with `{{block x}}` (never escaped twice). */
export interface Rendered {
  readonly text: string;
  readonly format: Format;
}

// Only `renderBlock` makes blocks: `{{block x}}` refuses any other value, so it is no way around escaping.
const blocks = new WeakSet<Rendered>();

const handlebars = Handlebars.create();

type HelperOptions = Handlebars.HelperOptions & { readonly hash: { readonly where: string; readonly indent?: number } };

handlebars.registerHelper({
  sh: (value: unknown, options: HelperOptions) => shellWord(text(value, options.hash.where), options.hash.where),
  conf: (value: unknown, options: HelperOptions) => confValue(text(value, options.hash.where), options.hash.where),
  comment: (value: unknown, options: HelperOptions) => hashComment(text(value, options.hash.where)),
  md: (value: unknown, options: HelperOptions) => markdownText(text(value, options.hash.where)),
  mdcode: (value: unknown, options: HelperOptions) => markdownCode(text(value, options.hash.where), options.hash.where),
  mdcomment: (value: unknown, options: HelperOptions) => htmlCommentText(text(value, options.hash.where)),
  block: (value: unknown, options: HelperOptions) => {
    if (
      typeof value !== "object" ||
      value === null ||
      !blocks.has(value as Rendered) ||
      (value as Rendered).format !== "sh"
    ) {
      throw new TextValueError(`${options.hash.where}: expected shell text from renderBlock`);
    }
    return indent((value as Rendered).text, options.hash.indent ?? 0);
  },
  fence(this: unknown, info: string, options: Handlebars.HelperOptions) {
    return markdownFence(options.fn(this), info);
  },
});

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Compiles template source after checking its rules; `file` is its name, `lxc.conf.hbs`. */
export function compileTemplate(source: string, file: string): Handlebars.TemplateDelegate {
  const program = handlebars.parse(source);
  checkTemplate(program, file, source);
  return handlebars.compile(program, { noEscape: true, strict: true });
}

function load(template: string): Handlebars.TemplateDelegate {
  const cached = compiled.get(template);
  if (cached !== undefined) return cached;
  const file = `${template}.hbs`;
  const delegate = compileTemplate(readFileSync(new URL(file, TEMPLATES), "utf8"), file);
  compiled.set(template, delegate);
  return delegate;
}

/** `render("lxc.conf", data)`: the text of `templates/lxc.conf.hbs` for `data`. */
export function render(template: string, data: object): string {
  return load(template)(data);
}

/** Like `render`, for text that another template embeds with `{{block x}}`. */
export function renderBlock(template: string, data: object): Rendered {
  // Without its last newline, so `{{block x}}` sits on a line of its own in the embedding template.
  const block: Rendered = { text: render(template, data).replace(/\n$/, ""), format: formatOf(template) };
  blocks.add(block);
  return block;
}

function indent(body: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return spaces === 0 ? body : body.replace(/^(?=.)/gm, pad);
}
