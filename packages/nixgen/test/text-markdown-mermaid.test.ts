// Escaping for INVENTORY.md: Markdown table cells and inline code, Mermaid labels and ids. The
// browser test (inventory-render.test.ts) shows that Mermaid draws these labels as written.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { markdownCell, markdownCode, markdownTable } from "../src/text/markdown.js";
import { MermaidIds, mermaidLabel, mermaidLine } from "../src/text/mermaid.js";

describe("markdown", () => {
  test.each([
    ["plain", "plain"],
    ["", "—"],
    ["a|b", "a\\|b"],
    ["two\nlines", "two<br>lines"],
    ["<b>x</b> & *y* _z_ `c` [l](u) #h", "\\<b\\>x\\</b\\> &amp; \\*y\\* \\_z\\_ \\`c\\` \\[l\\](u) \\#h"],
    ["back\\slash", "back\\\\slash"],
  ])("cell %j → %j", (given, want) => {
    expect(markdownCell(given)).toBe(want);
  });

  test("a table keeps one row per line and one cell per column, whatever the text", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), (cells) => {
        const lines = markdownTable(["a", "b"], [cells]).split("\n");
        expect(lines).toHaveLength(3);
        // Unescaped pipes separate cells: exactly three in a two-column row.
        expect(lines[2]!.match(/(?<!\\)(?:\\\\)*\|/g)).toHaveLength(3);
      }),
    );
  });

  test.each([
    ["x", "`x`"],
    ["a`b", "``a`b``"],
    ["`start", "`` `start ``"],
  ])("code %j → %j", (given, want) => {
    expect(markdownCode(given)).toBe(want);
  });
});

describe("mermaid", () => {
  test("labels: every character Mermaid reads becomes an entity code; unicode stays", () => {
    expect(mermaidLabel('say "hi" #1 <b> & 50% `c` Grüße')).toBe("say #quot;hi#quot; #35;1 #lt;b#gt; #amp; 50#37; #96;c#96; Grüße");
    expect(mermaidLabel("a", "b\nc")).toBe("a<br>b c");
  });

  test("a label never holds a quote or a raw #, so it cannot end early or start an entity", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const label = mermaidLabel(text);
        expect(label).not.toMatch(/["\n`<>]/);
        expect(label.replace(/#(quot|35|37|amp|lt|gt|96);/g, "")).not.toContain("#");
      }),
    );
  });

  test("a line holding `style` or `classDef` ends with its own `;` for Mermaid's colour pre-processing to drop", () => {
    expect(mermaidLine('m_lifestyle["a: b#35;c"]')).toBe('m_lifestyle["a: b#35;c"];');
    expect(mermaidLine('m_a["a"]')).toBe('m_a["a"]');
  });

  test("ids: prefixed, letters and digits only, distinct for distinct names, stable for the same one", () => {
    const ids = new MermaidIds();
    expect(ids.id("m", "end")).toBe("m_end");
    expect(ids.id("m", "a-b")).toBe("m_a_b");
    expect(ids.id("m", "a_b")).toBe("m_a_b_2");
    expect(ids.id("m", "a-b")).toBe("m_a_b");
    expect(ids.id("ds", "tank/a b")).toBe("ds_tank_a_b");
  });
});
