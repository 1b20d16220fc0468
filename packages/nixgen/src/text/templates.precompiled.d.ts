// The module the build writes beside dist/text/render.js (scripts/precompile-templates.mjs →
// ./compile-templates.ts): every template of `templates/`, checked and compiled to a function, by
// name (`"lxc.conf"` for `lxc.conf.hbs`). Tests running the sources import the built one (vitest.config.ts).
import type { TemplateRuntime } from "./template-helpers.js";

export declare const templates: Readonly<Record<string, (data: object, h: TemplateRuntime) => string>>;
