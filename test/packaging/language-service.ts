// What an editor shows in a config file: the TypeScript language service (the engine behind VS Code's
// completion and hovers) over one file whose text the test supplies, the rest read from disk.
import { readFileSync } from "node:fs";
import type ts from "typescript";

export type TypeScript = typeof ts;

export interface Editor {
  /** Property names offered at the first `/*|*\/` in `text`, the cursor. */
  completions(text: string): string[];
  /** The errors an editor underlines in `text`, as `TS2353: message`. */
  errors(text: string): string[];
  /** The hover text at the first `/*|*\/` in `text`. */
  hover(text: string): string;
}

const CURSOR = "/*|*/";

/** An editor on `file` under `options`, using the given TypeScript (a fresh project's own, or the workspace's). */
export function editor(typescript: TypeScript, file: string, options: ts.CompilerOptions, cwd: string): Editor {
  let text = "";
  let version = 0;
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [file],
    getScriptVersion: (name) => (name === file ? String(version) : "0"),
    getScriptSnapshot: (name) => {
      if (name === file) return typescript.ScriptSnapshot.fromString(text);
      return typescript.sys.fileExists(name) ? typescript.ScriptSnapshot.fromString(readFileSync(name, "utf8")) : undefined;
    },
    getCurrentDirectory: () => cwd,
    getDefaultLibFileName: (settings) => typescript.getDefaultLibFilePath(settings),
    fileExists: (name) => name === file || typescript.sys.fileExists(name),
    readFile: (name) => (name === file ? text : typescript.sys.readFile(name)),
    readDirectory: typescript.sys.readDirectory,
    directoryExists: typescript.sys.directoryExists,
    getDirectories: typescript.sys.getDirectories,
    realpath: typescript.sys.realpath ?? ((name) => name),
  };
  const service = typescript.createLanguageService(host, typescript.createDocumentRegistry());
  const open = (source: string): number => {
    const cursor = source.indexOf(CURSOR);
    text = source.replace(CURSOR, "");
    version += 1;
    return cursor;
  };
  return {
    completions(source) {
      const cursor = open(source);
      const result = service.getCompletionsAtPosition(file, cursor, {});
      return (result?.entries ?? []).filter((entry) => entry.kind === typescript.ScriptElementKind.memberVariableElement).map((entry) => entry.name);
    },
    errors(source) {
      open(source);
      return [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)].map(
        (diagnostic) => `TS${diagnostic.code}: ${typescript.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`,
      );
    },
    hover(source) {
      const cursor = open(source);
      return typescript.displayPartsToString(service.getQuickInfoAtPosition(file, cursor)?.displayParts);
    },
  };
}

interface JsonSchema {
  readonly properties?: Record<string, JsonSchema>;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
}

/** The fields the published JSON Schema of the config gives a machine and the config itself: the real model, not a list kept by hand. */
export function schemaFields(jsonSchemaFile: string): { config: string[]; machine: string[] } {
  const schema = JSON.parse(readFileSync(jsonSchemaFile, "utf8")) as JsonSchema;
  const machines = schema.properties?.["machines"]?.additionalProperties;
  if (typeof machines !== "object") throw new Error(`${jsonSchemaFile} has no machines.additionalProperties`);
  const kinds = machines.oneOf ?? machines.anyOf ?? [machines];
  return {
    config: Object.keys(schema.properties ?? {}),
    machine: [...new Set(kinds.flatMap((kind) => Object.keys(kind.properties ?? {})))],
  };
}
