// Which rows of the NixOS option list one evaluation declares. Declaring all ~20,000 options costs
// every evaluated system seconds (the module system builds each declaration, and the snapshot walks
// each option), yet a definition can only reach an option whose every name segment is written in
// some Nix file of the evaluation: `services.grafana.settings` needs the words `services`,
// `grafana` and `settings` (`<name>` and `*` match any key). So the rows whose segments all appear
// among the words of the evaluated files (generated, user-owned and nixgen's own stand-ins) are
// declared, and no other row can change the result: an option path that no file spells is neither
// defined nor read, and an unknown path is an error either way, as in NixOS.
//
// The one thing this cannot see is an option name computed at evaluation time outside a `<name>`
// position (`services.${name}.enable` with `name` a variable): such a definition fails with
// "The option … does not exist", loudly, never by being dropped.

const wordShaped = /^[A-Za-z_][A-Za-z0-9_'-]*$/;

export function declaredRows<Row extends readonly [string, string]>(rows: readonly Row[], words: ReadonlySet<string>): Row[] {
  return rows.filter(([name]) =>
    name.split(".").every((segment) => segment === "<name>" || segment === "*" || !wordShaped.test(segment) || words.has(segment)),
  );
}
