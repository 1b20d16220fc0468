// The module the build writes beside dist/text/render.js (scripts/precompile-templates.mjs →
// ./compile-templates.ts): every template of `templates/`, checked and precompiled, by name
// (`"lxc.conf"` for `lxc.conf.hbs`). Tests running the sources import the built one (vitest.config.ts).
export declare const templates: Readonly<Record<string, TemplateSpecification>>;
