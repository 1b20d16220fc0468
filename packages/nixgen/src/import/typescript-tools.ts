// ts-morph and prettier write the imported config; they are optional peer dependencies of
// @homelab/nixgen, needed by `import` alone, so they load here on first use, and their absence is
// an error that says how to install them rather than a module resolution stack trace.

/** `import` needs ts-morph and prettier and they are not installed. */
export class MissingDependencyError extends Error {
  override readonly name = "MissingDependencyError";
  constructor(readonly missing: readonly string[]) {
    super(
      `nixgen import writes TypeScript with ts-morph and prettier, optional peer dependencies of @homelab/nixgen; ` +
        `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not installed: run \`npm install --save-dev ts-morph prettier\``,
    );
  }
}

export async function loadTypeScriptTools(): Promise<{ tsMorph: typeof import("ts-morph"); prettier: typeof import("prettier") }> {
  const [tsMorph, prettier] = await Promise.allSettled([import("ts-morph"), import("prettier")]);
  const missing = [["ts-morph", tsMorph], ["prettier", prettier]] as const;
  const absent = missing.filter(([name, loaded]) => loaded.status === "rejected" && notInstalled(loaded.reason, name)).map(([name]) => name);
  if (absent.length > 0) throw new MissingDependencyError(absent);
  if (tsMorph.status === "rejected") throw tsMorph.reason;
  if (prettier.status === "rejected") throw prettier.reason;
  return { tsMorph: tsMorph.value, prettier: prettier.value };
}

/** Node's error for a package it cannot find (`Cannot find package 'prettier' imported from …`), not a failure inside it. */
function notInstalled(error: unknown, name: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && error.message.includes(`'${name}'`);
}
