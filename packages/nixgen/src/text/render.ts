// The one place non-Nix text is rendered: Handlebars templates from `packages/nixgen/templates/`,
// each named `<name>.<format>.hbs`, with one escaping helper per format (see ./escape.ts).
// HTML escaping is off (`noEscape`): it is wrong for every format here, and ./template-rules.ts makes
// each printed value go through the helper of its format instead. `strict` turns a misspelt field into
// an error rather than an empty string.
// The build precompiles the templates (scripts/precompile-templates.mjs → `precompileTemplates`), so a
// run loads only the Handlebars runtime; sources run without the build (tests) compile on first use.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
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

type HandlebarsApi = typeof Handlebars;

const require = createRequire(import.meta.url);

type HelperOptions = Handlebars.HelperOptions & { readonly hash: { readonly where: string; readonly indent?: number } };

const HELPERS: Handlebars.HelperDeclareSpec = {
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

// The full compiler (~45 modules) is loaded only to compile: by the build, or by runs without it.
let compiler: HandlebarsApi | undefined;

function fullHandlebars(): HandlebarsApi {
  if (compiler === undefined) {
    compiler = (require("handlebars") as HandlebarsApi).create();
    compiler.registerHelper(HELPERS);
  }
  return compiler;
}

const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/** Where the build writes `precompileTemplates()`: beside `dist/text/render.js`, never among sources. */
export const precompiledFile: URL = new URL("./templates.precompiled.cjs", import.meta.url);

interface Precompiled {
  readonly source: string;
  readonly spec: TemplateSpecification;
}

// `{ "lxc.conf": { source, spec } }`; empty when running from sources or before the build.
const precompiled: Readonly<Record<string, Precompiled>> = existsSync(precompiledFile)
  ? (require(fileURLToPath(precompiledFile)) as Record<string, Precompiled>)
  : {};

let runtime: HandlebarsApi | undefined;

function handlebarsRuntime(): HandlebarsApi {
  if (runtime === undefined) {
    runtime = (require("handlebars/runtime") as HandlebarsApi).create();
    runtime.registerHelper(HELPERS);
  }
  return runtime;
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

function parseTemplate(source: string, file: string): hbs.AST.Program {
  const program = fullHandlebars().parse(source);
  checkTemplate(program, file, source);
  return program;
}

/** Compiles template source after checking its rules; `file` is its name, `lxc.conf.hbs`. */
export function compileTemplate(source: string, file: string): Handlebars.TemplateDelegate {
  return fullHandlebars().compile(parseTemplate(source, file), COMPILE_OPTIONS);
}

/**
 * The build step: every template of `templates/`, checked and precompiled, as the CommonJS module
 * that `render` loads from `dist/text/` (each with its source, so an edited template is compiled anew).
 */
export function precompileTemplates(): string {
  const entries = templateFiles().map((file) => {
    const source = readTemplate(file);
    const spec = fullHandlebars().precompile(parseTemplate(source, file), COMPILE_OPTIONS);
    return `  ${JSON.stringify(file.replace(/\.hbs$/, ""))}: { source: ${JSON.stringify(source)}, spec: ${String(spec)} },`;
  });
  return `// Generated by scripts/precompile-templates.mjs from packages/nixgen/templates/.\n"use strict";\nmodule.exports = {\n${entries.join("\n")}\n};\n`;
}

function templateFiles(): string[] {
  return readdirSync(TEMPLATES)
    .filter((file) => file.endsWith(".hbs"))
    .sort();
}

function readTemplate(file: string): string {
  return readFileSync(new URL(file, TEMPLATES), "utf8");
}

function load(template: string): Handlebars.TemplateDelegate {
  const cached = compiled.get(template);
  if (cached !== undefined) return cached;
  const file = `${template}.hbs`;
  const source = readTemplate(file);
  const built = precompiled[template];
  const delegate =
    built !== undefined && built.source === source
      ? handlebarsRuntime().template(built.spec)
      : compileTemplate(source, file);
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
