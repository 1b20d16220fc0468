// The imported config as a TypeScript module: `export default defineConfig({ … })`, built as a
// TypeScript AST with ts-morph and formatted with prettier. Both are heavy and needed by `import`
// alone, so they are loaded on demand (typescript-tools.ts). Multi-line strings become template
// literals (they stay multi-line); paths and floats become `path()` / `float()` from @homelab/nix; a pass-through value
// that several places share is written once as a `const` and referenced.
import { isNixExpr, type NixExpr } from "@homelab/nix";
import { knownSystemSettings, knownUserSettings } from "@homelab/schema/internal";
import type { HomelabConfigInput } from "@homelab/schema";
import type { ts as TS } from "ts-morph";
import type { NixData } from "./nix-data.js";
import { loadTypeScriptTools } from "./typescript-tools.js";

export interface TypeScriptOptions {
  /** The imported files as the user named them, for the header. */
  readonly sources: readonly string[];
  /** Names for values, e.g. a `let` binding's name for the list it holds. */
  readonly names?: readonly (readonly [value: NixData, name: string])[];
}

type Path = readonly (string | number)[];

export async function emitTypeScript(config: HomelabConfigInput, options: TypeScriptOptions): Promise<string> {
  const { tsMorph, prettier } = await loadTypeScriptTools();
  const { Project, VariableDeclarationKind, ts } = tsMorph;
  const shared = sharedValues(config, options.names ?? []);
  const writer = new ExpressionWriter(ts, shared);
  // Printed before the imports are written: printing is what tells which @homelab/nix helpers are used.
  const body = writer.print(config, []);
  const consts = shared.consts.map(([name, value]) => ({ name, initializer: writer.print(value, [], true) }));
  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile("homelab.config.ts");
  const helpers = [...writer.helpers].sort();
  if (helpers.length > 0) file.addImportDeclaration({ moduleSpecifier: "@homelab/nix", namedImports: helpers });
  file.addImportDeclaration({ moduleSpecifier: "@homelab/schema", namedImports: ["defineConfig"] });
  for (const declaration of consts) {
    file.addVariableStatement({ declarationKind: VariableDeclarationKind.Const, declarations: [declaration] });
  }
  file.addExportAssignment({ isExportEquals: false, expression: `defineConfig(${body})` });
  const text = `${header(options.sources)}\n${file.getFullText()}`;
  return prettier.format(text, { parser: "typescript", printWidth: 120 });
}

function header(sources: readonly string[]): string {
  const from =
    sources.length === 1
      ? [`// Imported by \`nixgen import\` from ${sources[0]}.`]
      : ["// Imported by `nixgen import` from", ...sources.map((source) => `//   ${source}`)];
  return [...from, "// This file is the source now: edit it, then run `nixgen gen` to write the Nix files.", ""].join(
    "\n",
  );
}

interface Shared {
  /** Hoisted values by canonical text → const name. */
  readonly byKey: ReadonlyMap<string, string>;
  readonly consts: readonly (readonly [name: string, value: unknown])[];
}

/** Whether a value at `path` is typed only as a Nix value, so a `const` of it keeps the config's types. */
function isPassThrough(path: Path): boolean {
  const [root, name, field, key] = path;
  if (root === "machines") return field === "inventory" && (key === "attrs" || key === "proxmox") && path.length === 5;
  if (root === "inventory") return name === "metadata" && path.length === 3;
  if (root === "secrets") return field === "agenix" && path.length === 4;
  if (root === "profiles" && field === "extra") return path.length === 4;
  if (root === "profiles" && path.length === 4 && typeof key === "string") {
    if (field === "systemSettings") return !Object.hasOwn(knownSystemSettings, key);
    if (field === "userSettings") return !Object.hasOwn(knownUserSettings, key);
  }
  return false;
}

/** Pass-through lists and sets of two or more entries that occur more than once. */
function sharedValues(config: unknown, names: readonly (readonly [NixData, string])[]): Shared {
  const seen = new Map<string, { value: unknown; count: number; key: string }>();
  const visit = (value: unknown, path: Path): void => {
    if (isPassThrough(path) && size(value) >= 2) {
      const canonical = canonicalText(value);
      const entry = seen.get(canonical) ?? { value, count: 0, key: String(path.at(-1)) };
      entry.count += 1;
      seen.set(canonical, entry);
      return;
    }
    if (isNixExpr(value) || typeof value !== "object" || value === null) return;
    for (const [key, item] of Object.entries(value)) visit(item, [...path, Array.isArray(value) ? Number(key) : key]);
  };
  visit(config, []);
  const hints = new Map(names.map(([value, name]) => [canonicalText(value), name]));
  const taken = new Set(RESERVED);
  const byKey = new Map<string, string>();
  const consts: [string, unknown][] = [];
  for (const [canonical, { value, count, key }] of seen) {
    if (count < 2) continue;
    const name = uniqueName(identifier(hints.get(canonical) ?? key), taken);
    byKey.set(canonical, name);
    consts.push([name, value]);
  }
  return { byKey, consts };
}

function size(value: unknown): number {
  if (isNixExpr(value) || typeof value !== "object" || value === null) return 0;
  return Object.keys(value).length;
}

/** A text that is equal for equal values only (nodes and bigints told apart from look-alike data). */
function canonicalText(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) => {
    if (typeof item === "bigint") return { "\u0000bigint": String(item) };
    if (isNixExpr(item)) return { "\u0000nix": item.kind, value: (item as { value?: unknown }).value };
    return item;
  });
}

const RESERVED = new Set([
  ..."break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(
    " ",
  ),
  "defineConfig",
  "path",
  "float",
]);

/** `ignore-changes` → `ignoreChanges`: a JavaScript identifier for a const. */
function identifier(name: string): string {
  const camel = name.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, next?: string) => (next ?? "").toUpperCase());
  return /^[A-Za-z_$]/.test(camel) ? camel : `value${camel}`;
}

function uniqueName(name: string, taken: Set<string>): string {
  let unique = name;
  for (let n = 2; taken.has(unique); n++) unique = `${name}${n}`;
  taken.add(unique);
  return unique;
}

/** Prints plain data as TypeScript expression text through the TypeScript printer (which escapes). */
class ExpressionWriter {
  readonly helpers = new Set<"path" | "float" | "call" | "id" | "select" | "str">();
  private readonly printer: TS.Printer;
  private readonly sourceFile: TS.SourceFile;

  constructor(
    private readonly ts: typeof TS,
    private readonly shared: Shared,
  ) {
    // neverAsciiEscape: "→" stays "→", not "\u2192" (an internal option the printer honours).
    this.printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, neverAsciiEscape: true } as TS.PrinterOptions);
    this.sourceFile = ts.createSourceFile("homelab.config.ts", "", ts.ScriptTarget.Latest);
  }

  print(value: unknown, path: Path, hoisted = false): string {
    return this.printer.printNode(this.ts.EmitHint.Expression, this.expression(value, path, hoisted), this.sourceFile);
  }

  private expression(value: unknown, path: Path, inConst = false): TS.Expression {
    const f = this.ts.factory;
    if (!inConst && isPassThrough(path)) {
      const name = this.shared.byKey.get(canonicalText(value));
      if (name !== undefined) return f.createIdentifier(name);
    }
    if (value === null) return f.createNull();
    if (isNixExpr(value)) return this.nixExpr(value);
    switch (typeof value) {
      case "boolean":
        return value ? f.createTrue() : f.createFalse();
      case "number":
        return this.signed(value < 0, f.createNumericLiteral(Math.abs(value)));
      case "bigint":
        return this.signed(value < 0n, f.createBigIntLiteral(`${value < 0n ? -value : value}n`));
      case "string":
        return value.includes("\n")
          ? f.createNoSubstitutionTemplateLiteral(value, templateRaw(value))
          : f.createStringLiteral(value);
      case "object":
        return Array.isArray(value)
          ? f.createArrayLiteralExpression(value.map((item, i) => this.expression(item, [...path, i])))
          : this.object(value as Record<string, unknown>, path);
      default:
        throw new Error(`cannot write ${typeof value} at ${path.join(".")} as TypeScript`);
    }
  }

  private object(value: Record<string, unknown>, path: Path): TS.Expression {
    const f = this.ts.factory;
    const properties = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => {
        const expression = this.expression(item, [...path, key]);
        if (this.ts.isIdentifier(expression) && expression.text === key)
          return f.createShorthandPropertyAssignment(key);
        return f.createPropertyAssignment(propertyName(f, key), expression);
      });
    // Sets that hold sets are written one entry per line (prettier keeps them so); leaves fit where they can.
    const nested = Object.values(value).some((item) => size(item) > 0 && !Array.isArray(item));
    return f.createObjectLiteralExpression(properties, nested || path.length <= 1);
  }

  private signed(negative: boolean, literal: TS.Expression): TS.Expression {
    return negative ? this.ts.factory.createPrefixUnaryExpression(this.ts.SyntaxKind.MinusToken, literal) : literal;
  }

  private nixExpr(node: NixExpr): TS.Expression {
    const f = this.ts.factory;
    if (node.kind === "path") {
      this.helpers.add("path");
      return f.createCallExpression(f.createIdentifier("path"), undefined, [f.createStringLiteral(node.value)]);
    }
    if (node.kind === "float") {
      this.helpers.add("float");
      const literal = f.createNumericLiteral(String(Math.abs(node.value)));
      return f.createCallExpression(f.createIdentifier("float"), undefined, [
        this.signed(node.value < 0 || Object.is(node.value, -0), literal),
      ]);
    }
    // References to files the import was not given (file-refs.ts): `(import ../x.nix).a`, in strings too.
    const helper = (name: "call" | "id" | "select" | "str", args: TS.Expression[]): TS.Expression => {
      this.helpers.add(name);
      return f.createCallExpression(f.createIdentifier(name), undefined, args);
    };
    switch (node.kind) {
      case "ident":
        return helper("id", [f.createStringLiteral(node.name)]);
      case "apply":
        return helper("call", [this.nixExpr(node.fn), this.nixExpr(node.arg)]);
      case "select":
        if (node.path.every((key) => typeof key === "string"))
          return helper("select", [
            this.nixExpr(node.target),
            f.createArrayLiteralExpression(node.path.map((key) => f.createStringLiteral(key as string))),
          ]);
        break;
      case "string":
        return helper(
          "str",
          node.parts.map((part) => (typeof part === "string" ? f.createStringLiteral(part) : this.nixExpr(part))),
        );
    }
    throw new Error(`an imported value holds a ${node.kind} expression, which import never produces`);
  }
}

function propertyName(f: TS.NodeFactory, key: string): TS.PropertyName {
  if (key === "__proto__") return f.createComputedPropertyName(f.createStringLiteral(key));
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? f.createIdentifier(key) : f.createStringLiteral(key);
}

/** The raw text of a template literal whose value is `text`: newlines stay, what would end or interpolate is escaped. */
function templateRaw(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/`/g, "\\`")
    .replace(/\$\{/g, "\\${")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
