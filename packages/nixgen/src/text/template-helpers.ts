// The helpers every compiled template calls, one escaping helper per format (see ./escape.ts), shared
// by the templates the build precompiled (./render.ts) and those tests compile (./compile-templates.ts).
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

/** What a compiled template (./template-code.ts) calls: one escaping helper per format, and the block rules. */
export const TEMPLATE_RUNTIME = {
  sh: (value: unknown, where: string) => shellWord(text(value, where), where),
  conf: (value: unknown, where: string) => confValue(text(value, where), where),
  comment: (value: unknown, where: string) => hashComment(text(value, where)),
  md: (value: unknown, where: string) => markdownText(text(value, where)),
  mdcode: (value: unknown, where: string) => markdownCode(text(value, where), where),
  mdcomment: (value: unknown, where: string) => htmlCommentText(text(value, where)),
  block: (value: unknown, where: string, spaces: number) => {
    if (typeof value !== "object" || value === null || !blocks.has(value as Rendered) || (value as Rendered).format !== "sh") {
      throw new TextValueError(`${where}: expected shell text from renderBlock`);
    }
    return indent((value as Rendered).text, spaces);
  },
  fence: (body: string, info: string) => markdownFence(body, info),
  /** Handlebars' `#if`: false, undefined, null, "", an empty list, and 0 unless `includeZero=true`, are false. */
  truthy: (value: unknown, includeZero: boolean) =>
    !((!value && !(includeZero && value === 0)) || (Array.isArray(value) && value.length === 0)),
  /** What `#each` walks: a list, or nothing for a missing or false value. */
  items: (value: unknown): readonly unknown[] => {
    if (Array.isArray(value)) return value;
    if (typeof value === "object" && value !== null) throw new TextValueError("{{#each}} takes a list");
    return [];
  },
};

export type TemplateRuntime = typeof TEMPLATE_RUNTIME;

function indent(body: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return spaces === 0 ? body : body.replace(/^(?=.)/gm, pad);
}
