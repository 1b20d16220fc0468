// INVENTORY.md's diagrams in a real browser: every example's diagrams must parse and render with the
// `mermaid` package in headless Chromium (screenshots kept in docs/ for the README), and labels full
// of Mermaid and HTML syntax must show their text as written.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateConfig } from "@homelab/schema";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { placementDiagram } from "../src/emit/inventory-diagrams.js";
import { inventoryMarkdown } from "../src/emit/inventory-md.js";
import { reviewModel } from "../src/review/model.js";
import { browserUnavailable, mermaidBlocks, openMermaidBrowser, type MermaidBrowser } from "./helpers/mermaid-browser.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const examples = ["frame1", "lxchome", "nas-ha", "virtiofs"];

test("a diagram Mermaid would refuse (GitHub keeps its 50,000-character limit) is replaced by a note", () => {
  const guest = { node: "pve", vmid: 100, cores: 1, memory: 512, disk: "8G", storage: "local-lvm", address: "dhcp" };
  const machine = { kind: "vm", hostname: "h", guest, ports: { tcp: [], udp: [] }, services: {}, mounts: [], secrets: [] } as const;
  const model = (count: number) => ({
    machines: Object.fromEntries(Array.from({ length: count }, (_, index) => [`machine-${index}`, machine])),
    storage: { datasets: [], mappings: {} },
    secrets: {},
    keys: {},
  });
  expect(placementDiagram(model(10), new Set(), ["pve"])).toHaveProperty("text");
  expect(placementDiagram(model(2000), new Set(), ["pve"])).toEqual({
    tooLarge: "The placement diagram is not drawn: it would exceed what Mermaid draws (50,000 characters, 500 edges); the tables hold everything.",
  });
});

const unavailable = browserUnavailable();
if (unavailable !== undefined) console.warn(`skipping the Mermaid browser tests: ${unavailable}`);

describe.skipIf(unavailable !== undefined)("INVENTORY.md diagrams in Chromium", () => {
  let browser: MermaidBrowser;
  beforeAll(async () => {
    browser = await openMermaidBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.each(examples)("generated/%s/INVENTORY.md renders without error (screenshot in docs/)", async (name) => {
    const diagrams = mermaidBlocks(await readFile(join(root, "generated", name, "INVENTORY.md"), "utf8"));
    expect(diagrams.length).toBeGreaterThan(0);
    const drawn = await browser.draw(diagrams);
    expect(drawn).toHaveLength(diagrams.length);
    await mkdir(join(root, "docs"), { recursive: true });
    await browser.screenshot(join(root, "docs", `inventory-${name}.png`));
  });

  test("hostile names and labels render, showing their text as written", async () => {
    const hostile = [
      'say "hi" [x] {y} (z) #1; a;b',
      "<b>bold</b> <script>alert(1)</script> &amp; & %%{init}%%",
      "end",
      "subgraph",
      "lifestyle: a#b;c",
      "Grüße, 東京, emoji 🚀, `code`, *star*, | pipe",
    ];
    // Through the config where the model takes free text (mount points, NFS exports), with names that
    // are Mermaid keywords or edge syntax; and straight into the placement diagram as node and machine names.
    const config = validateConfig({
      name: "hostile",
      proxmox: { nodes: { end: {}, style: { maintenance: true } } },
      storage: {
        datasets: [{ name: "tank/end", node: "end", mountpoint: "/tank/end" }],
        mappings: { end: { paths: { end: "/tank/end/a b", style: "/srv/x" } } },
      },
      machines: Object.fromEntries(
        ["end", "o", "x", "style", "classDef", "subgraph"].map((name, index) => [
          name,
          {
            kind: "vm",
            hostname: `h${index}`,
            proxmox: {
              node: index % 2 === 0 ? "end" : "style",
              vmid: 100 + index,
              cores: 1,
              memory: 512,
              disk: "8G",
              storage: "local-lvm",
              virtiofs: [{ mapping: "end", mountPoint: `/mnt/${hostile[index]}` }],
            },
            nfs: { mounts: [{ server: "nas.lan", export: `/export/${hostile[index]}`, mountPoint: "/mnt/nfs" }] },
          },
        ]),
      ),
    });
    if (!config.ok) throw new Error(JSON.stringify(config.issues));
    const model = reviewModel(config.config);
    const diagrams = mermaidBlocks(inventoryMarkdown(config.config, model, ["header"]));
    const guest = model.machines["end"]!;
    const named = placementDiagram(
      { ...model, machines: Object.fromEntries(hostile.map((label) => [label, { ...guest, guest: { ...guest.guest!, node: label } }])) },
      new Set([hostile[0]!]),
      hostile,
    );
    if (!("text" in named)) throw new Error(named.tooLarge);
    const drawn = await browser.draw([...diagrams, named.text]);
    const text = drawn.map((diagram) => diagram.text).join("\n");
    for (const label of hostile) expect(text).toContain(label);
    for (const name of ["end", "o", "x", "style", "classDef", "subgraph", "tank/end"]) expect(text).toContain(name);
    await browser.screenshot(join(root, "docs", "inventory-hostile.png"));
  });
});
