// Markdown that shows text as written. Table cells (GitHub-flavoured) escape every character that
// Markdown or its inline HTML would read (emphasis, links, code, tags, entities, the cell separator),
// and a line break becomes `<br>`, the only break a table cell can hold; inline code needs no escapes.
// https://github.github.com/gfm/#tables-extension- and #backslash-escapes

/** Backslash-escapable ASCII punctuation that can start Markdown syntax inside a line. */
const markdownSyntax = /[\\`*_[\]<>|~!#]/g;

/** Any character `markdownCell` rewrites: an entity start, Markdown syntax, a line break. */
const cellSpecial = /[&\\`*_[\]<>|~!#\r\n]/;

/** One cell's text, escaped; an empty value shows as an em dash so that a blank cell is not mistaken for a bug. */
export function markdownCell(text: string): string {
  if (text === "") return "—";
  // Most cells (names, numbers, sizes) hold nothing to escape.
  if (!cellSpecial.test(text)) return text;
  return text
    .replace(/&/g, "&amp;")
    .replace(markdownSyntax, (char) => `\\${char}`)
    .replace(/\r\n|\r|\n/g, "<br>");
}

/** A table, without a final newline; `cells` are escaped here, so callers pass plain text. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(" | ")} |`;
  return [line(headers), `|${headers.map(() => " --- ").join("|")}|`, ...rows.map(line)].join("\n");
}

/** Inline code showing `text` as written: the fence is one backtick longer than the longest run inside. */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text === "" ? " " : "";
  return `${fence}${pad}${text.replace(/\r\n|\r|\n/g, " ")}${pad}${fence}`;
}
