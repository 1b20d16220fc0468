// The helpers every template calls, one escaping helper per format (see ./escape.ts), shared by the
// runtime that renders precompiled templates (./render.ts) and the compiler that checks and compiles
// them (./compile-templates.ts).
import type Handlebars from "handlebars";
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
import type { Format } from "./template-rules.js";

/** Text rendered by a template, to embed in another with `{{block x}}` (never escaped twice). */
export interface Rendered {
  readonly text: string;
  readonly format: Format;
}

// Only `renderedBlock` makes blocks: `{{block x}}` refuses any other value, so it is no way around escaping.
const blocks = new WeakSet<Rendered>();

/** Marks text as rendered by a template, so `{{block x}}` takes it. */
export function renderedBlock(text: string, format: Format): Rendered {
  const block: Rendered = { text, format };
  blocks.add(block);
  return block;
}

type HelperOptions = Handlebars.HelperOptions & { readonly hash: { readonly where: string; readonly indent?: number } };

export const HELPERS: Handlebars.HelperDeclareSpec = {
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
};

function indent(body: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return spaces === 0 ? body : body.replace(/^(?=.)/gm, pad);
}
