// Mermaid flowchart text, with the one escape of labels and the one derivation of node ids.
// Labels are always quoted (`id["…"]`) and every character Mermaid would read is written as an entity
// code (`#quot;`, `#35;`), which Mermaid turns back into the character when it draws the label:
// https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters

/** Characters that end a quoted label, start an entity, a directive (`%%{`), a markdown string (`` ` ``) or a tag. */
const labelCodes: Readonly<Record<string, string>> = {
  '"': "#quot;",
  "#": "#35;",
  "%": "#37;",
  "&": "#amp;",
  "<": "#lt;",
  ">": "#gt;",
  "`": "#96;",
};

/** Any character a label rewrites: most labels (names, sizes) have none. */
const labelSpecial = /[\u0000-\u001f\u007f"#%&<>`]/;

/** The inside of a quoted label: `Disk "a" #1` → `Disk #quot;a#quot; #35;1`. Lines are joined with `<br>`. */
export function mermaidLabel(...lines: readonly string[]): string {
  return lines
    .map((line) =>
      labelSpecial.test(line)
        ? line.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/["#%&<>`]/g, (char) => labelCodes[char] ?? char)
        : line,
    )
    .join("<br>");
}

/**
 * A line of Mermaid text. Mermaid drops the last `;` of any line that holds `style` or `classDef`
 * followed by `:…#` (its own pre-processing for colours, which would also cut an entity code such
 * as `#35;` short), so such a line gets a `;` of its own at the end (a statement separator) to lose instead.
 */
export function mermaidLine(text: string): string {
  return /style|classDef/.test(text) ? `${text};` : text;
}

/**
 * Node ids: a prefix that says what the node is, then the name with anything but letters and digits
 * as `_`; a name that collides with an earlier one gets `_2`, `_3`, … The prefix keeps ids away from
 * Mermaid's keywords (`end`, `subgraph`) and from edge syntax (`o`, `x` after an arrow).
 */
export class MermaidIds {
  private readonly ids = new Map<string, string>();
  private readonly taken = new Set<string>();

  id(prefix: string, name: string): string {
    const key = `${prefix}\u0000${name}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const base = `${prefix}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}_${n}`;
    this.ids.set(key, id);
    this.taken.add(id);
    return id;
  }
}
