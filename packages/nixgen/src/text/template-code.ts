// Build time: a template that passed ./template-rules.ts, as the body of a plain JavaScript function
// `(data, runtime) => text`. The rules leave only text, value helpers, `#if`/`#unless`/`#each` and
// `#fence`, so each becomes a statement or a loop here and a run needs no template engine: Handlebars'
// runtime spent more on its own bookkeeping per helper call (an options object, a wrapper, a data
// frame per `each` item) than the helpers spent escaping. What the blocks mean is Handlebars' own
// (https://handlebarsjs.com/guide/builtin-helpers.html); whitespace was already stripped by its parser.
/// <reference types="handlebars" />
import { TemplateRuleError } from "./template-rules.js";

/** Where a statement is: the context variables, innermost last, and the innermost `#each` loop. */
interface Scope {
  readonly contexts: readonly string[];
  readonly loop: { readonly list: string; readonly index: string } | undefined;
  /** The variable the text is appended to. */
  readonly out: string;
}

/** The function body for a checked `program` (from `Handlebars.parse`); `file` names it in errors. */
export function templateCode(program: hbs.AST.Program, file: string): string {
  let names = 0;
  const fresh = (prefix: string): string => `${prefix}${++names}`;
  const lines: string[] = [];

  const value = (param: hbs.AST.Expression, scope: Scope): string => {
    switch (param.type) {
      case "StringLiteral":
        return JSON.stringify((param as hbs.AST.StringLiteral).value);
      case "NumberLiteral":
        return String((param as hbs.AST.NumberLiteral).value);
      case "BooleanLiteral":
        return String((param as hbs.AST.BooleanLiteral).value);
      case "PathExpression":
        return path(param as hbs.AST.PathExpression, scope);
      default:
        throw new TemplateRuleError(`${file}:${param.loc.start.line}: a ${param.type} is not a field`);
    }
  };

  const path = (expression: hbs.AST.PathExpression, scope: Scope): string => {
    const at = `${file}:${expression.loc.start.line}: ${expression.original}`;
    if (expression.data) {
      // `@first`, `@last`, `@index` of the innermost `#each`.
      const [name] = expression.parts;
      if (scope.loop === undefined || expression.depth !== 0 || expression.parts.length !== 1) {
        throw new TemplateRuleError(`${at} is only known inside {{#each}}`);
      }
      const { list, index } = scope.loop;
      if (name === "first") return `${index} === 0`;
      if (name === "last") return `${index} === ${list}.length - 1`;
      if (name === "index") return index;
      throw new TemplateRuleError(`${at}: unknown data variable`);
    }
    // `../x` is the context outside the innermost `#each`: `#if` and `#fence` keep theirs, as in Handlebars.
    const context = scope.contexts[scope.contexts.length - 1 - expression.depth];
    if (context === undefined) throw new TemplateRuleError(`${at} goes above the template's data`);
    return expression.parts.reduce((target, part) => `${target}[${JSON.stringify(part)}]`, context);
  };

  const hashValue = (hash: hbs.AST.Hash | undefined, key: string, scope: Scope): string | undefined => {
    const pair = hash?.pairs.find((entry) => entry.key === key);
    return pair === undefined ? undefined : value(pair.value, scope);
  };

  const statements = (body: readonly hbs.AST.Statement[], scope: Scope): void => {
    for (const statement of body) {
      switch (statement.type) {
        case "ContentStatement":
          lines.push(`${scope.out} += ${JSON.stringify((statement as hbs.AST.ContentStatement).value)};`);
          break;
        case "CommentStatement":
          break;
        case "MustacheStatement":
          mustache(statement as hbs.AST.MustacheStatement, scope);
          break;
        case "BlockStatement":
          block(statement as hbs.AST.BlockStatement, scope);
          break;
        default:
          throw new TemplateRuleError(`${file}:${statement.loc.start.line}: ${statement.type} is not allowed in templates`);
      }
    }
  };

  const mustache = (statement: hbs.AST.MustacheStatement, scope: Scope): void => {
    const helper = (statement.path as hbs.AST.PathExpression).original;
    const [param] = statement.params;
    const where = hashValue(statement.hash, "where", scope);
    if (param === undefined || where === undefined) throw new TemplateRuleError(`${file}:${statement.loc.start.line}: unchecked template`);
    const args = [value(param, scope), where];
    if (helper === "block") args.push(hashValue(statement.hash, "indent", scope) ?? "0");
    lines.push(`${scope.out} += h.${helper}(${args.join(", ")});`);
  };

  const block = (statement: hbs.AST.BlockStatement, scope: Scope): void => {
    const name = statement.path.original;
    const [param] = statement.params;
    if (param === undefined) throw new TemplateRuleError(`${file}:${statement.loc.start.line}: {{#${name}}} takes a field`);
    const inverse = (): void => statements(statement.inverse?.body ?? [], scope);
    switch (name) {
      case "if":
      case "unless": {
        const includeZero = hashValue(statement.hash, "includeZero", scope) ?? "false";
        lines.push(`if (${name === "unless" ? "!" : ""}h.truthy(${value(param, scope)}, ${includeZero})) {`);
        statements(statement.program.body, scope);
        if (statement.inverse !== undefined) {
          lines.push("} else {");
          inverse();
        }
        lines.push("}");
        return;
      }
      case "each": {
        const list = fresh("l");
        const index = fresh("i");
        const item = fresh("c");
        lines.push(`const ${list} = h.items(${value(param, scope)});`);
        if (statement.inverse !== undefined) {
          lines.push(`if (${list}.length === 0) {`);
          inverse();
          lines.push("}");
        }
        lines.push(`for (let ${index} = 0; ${index} < ${list}.length; ${index}++) {`, `const ${item} = ${list}[${index}];`);
        statements(statement.program.body, { contexts: [...scope.contexts, item], loop: { list, index }, out: scope.out });
        lines.push("}");
        return;
      }
      case "fence": {
        const body = fresh("f");
        lines.push("{", `let ${body} = "";`);
        statements(statement.program.body, { ...scope, out: body });
        lines.push(`${scope.out} += h.fence(${body}, ${value(param, scope)});`, "}");
        return;
      }
      default:
        throw new TemplateRuleError(`${file}:${statement.loc.start.line}: block {{#${name}}} is not allowed here`);
    }
  };

  statements(program.body, { contexts: ["data"], loop: undefined, out: "o" });
  return ['let o = "";', ...lines, "return o;"].join("\n");
}
