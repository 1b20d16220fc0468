export type ValuePath = readonly (string | number)[];

/** A value that cannot become Nix, with where it was found (`machines.nas.port`, `[3]`). */
export class NixValueError extends Error {
  override readonly name = "NixValueError";
  constructor(
    readonly path: ValuePath,
    readonly reason: string,
  ) {
    super(path.length > 0 ? `${reason} → at ${formatValuePath(path)}` : reason);
  }
}

export function formatValuePath(path: ValuePath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
