// The rule that makes escaping impossible to forget: in a template, every `{{…}}` that prints a value
// calls an escaping helper of the format it lands in. Checked on the parsed template before it is
// compiled, so a bare `{{hostname}}` fails when the template loads, not when a value is odd.
// The check also stamps each helper call with where it is (`where="lxc.conf.hbs:3 {{conf hostname}}"`),
// so a value that cannot be written is reported with the expression that tried.
/// <reference types="handlebars" />

/** The text formats templates produce, named by the template's last extension (`lxc.conf.hbs`). */
export type Format = "sh" | "conf" | "md";

// Which value helpers each context allows. Inside `{{#fence}}` a Markdown template writes shell.
const VALUE_HELPERS: Readonly<Record<Format, ReadonlySet<string>>> = {
  sh: new Set(["sh", "comment", "block"]),
  conf: new Set(["conf", "comment"]),
  md: new Set(["md", "mdcode", "mdcomment"]),
};

const CONTROL_BLOCKS: ReadonlySet<string> = new Set(["if", "unless", "each"]);

export class TemplateRuleError extends Error {
  override readonly name = "TemplateRuleError";
}

export function formatOf(template: string): Format {
  const extension = template.slice(template.lastIndexOf(".") + 1);
  if (extension === "sh" || extension === "conf" || extension === "md") return extension;
  throw new TemplateRuleError(`${template}: unknown text format ".${extension}" (templates are <name>.sh|conf|md.hbs)`);
}

/** Checks `program` (from `Handlebars.parse`) in place and stamps helper calls with their location. */
export function checkTemplate(program: hbs.AST.Program, file: string, source: string): void {
  const check = (body: readonly hbs.AST.Statement[], context: Format): void => {
    for (const statement of body) {
      switch (statement.type) {
        case "ContentStatement":
        case "CommentStatement":
          break;
        case "MustacheStatement":
          checkMustache(statement as hbs.AST.MustacheStatement, context, file, source);
          break;
        case "BlockStatement":
          checkBlock(statement as hbs.AST.BlockStatement, context, file, check);
          break;
        default:
          throw new TemplateRuleError(`${at(file, statement)}: ${statement.type} is not allowed in templates`);
      }
    }
  };
  check(program.body, formatOf(file.replace(/\.hbs$/, "")));
}

function checkMustache(mustache: hbs.AST.MustacheStatement, context: Format, file: string, source: string): void {
  const expression = snippet(source, mustache.loc);
  const helper =
    mustache.path.type === "PathExpression" ? (mustache.path as hbs.AST.PathExpression).original : undefined;
  const allowed = VALUE_HELPERS[context];
  if (helper === undefined || !allowed.has(helper) || mustache.params.length !== 1) {
    throw new TemplateRuleError(
      `${at(file, mustache)}: ${expression} prints a value without escaping; write {{${[...allowed].join(" x}}, {{")} x}} (${context} text)`,
    );
  }
  const [param] = mustache.params;
  if (param?.type !== "PathExpression" && param?.type !== "StringLiteral" && param?.type !== "NumberLiteral") {
    throw new TemplateRuleError(
      `${at(file, mustache)}: ${expression}: the value must be a field, not a ${param?.type}`,
    );
  }
  const pairs = mustache.hash?.pairs ?? [];
  if (pairs.some((pair) => !(helper === "block" && pair.key === "indent"))) {
    throw new TemplateRuleError(`${at(file, mustache)}: ${expression}: only {{block x indent=N}} takes options`);
  }
  const where: hbs.AST.HashPair = {
    type: "HashPair",
    key: "where",
    value: {
      type: "StringLiteral",
      value: `${at(file, mustache)} ${expression}`,
      original: expression,
      loc: mustache.loc,
    } as hbs.AST.StringLiteral,
    loc: mustache.loc,
  };
  mustache.hash = { type: "Hash", pairs: [...pairs, where], loc: mustache.loc };
}

function checkBlock(
  block: hbs.AST.BlockStatement,
  context: Format,
  file: string,
  check: (body: readonly hbs.AST.Statement[], context: Format) => void,
): void {
  const name = block.path.original;
  if (name === "fence" && context === "md") {
    if (block.params.length !== 1 || block.params[0]?.type !== "StringLiteral" || block.inverse) {
      throw new TemplateRuleError(`${at(file, block)}: write {{#fence "bash"}} … {{/fence}}`);
    }
    check(block.program.body, "sh");
    return;
  }
  if (!CONTROL_BLOCKS.has(name)) {
    throw new TemplateRuleError(
      `${at(file, block)}: block {{#${name}}} is not allowed here (use #if, #unless, #each${context === "md" ? ", #fence" : ""})`,
    );
  }
  if (block.params.some((param) => param.type !== "PathExpression")) {
    throw new TemplateRuleError(`${at(file, block)}: {{#${name}}} takes a field`);
  }
  check(block.program.body, context);
  if (block.inverse) check(block.inverse.body, context);
}

function at(file: string, node: hbs.AST.Node): string {
  return `${file}:${node.loc.start.line}`;
}

/** The source text of a node, for messages: `{{conf hostname}}`. */
function snippet(source: string, loc: hbs.AST.SourceLocation): string {
  const lines = source.split("\n");
  if (loc.start.line !== loc.end.line) return `${(lines[loc.start.line - 1] ?? "").slice(loc.start.column)}…`;
  return (lines[loc.start.line - 1] ?? "").slice(loc.start.column, loc.end.column);
}
