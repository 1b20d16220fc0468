// Mermaid diagrams drawn by the real `mermaid` package in Debian's headless Chromium, as GitHub draws
// them: a local file page, no network (every request that is not a file is aborted), a fresh profile.
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const chromiumPath = process.env["CHROMIUM"] ?? "/usr/bin/chromium";

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserUnavailable(): string | undefined {
  return existsSync(chromiumPath)
    ? undefined
    : `no Chromium at ${chromiumPath}: run scripts/setup.sh as root (it installs Debian's chromium) or set CHROMIUM`;
}

const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface DrawnDiagram {
  /** The diagram's text as the SVG shows it (labels, edge labels, subgraph titles). */
  readonly text: string;
}

export interface MermaidBrowser {
  /** Draws every diagram into the page, one below the other; throws on the first parse or render error. */
  draw(diagrams: readonly string[]): Promise<DrawnDiagram[]>;
  /** A PNG of what `draw` drew last. */
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export async function openMermaidBrowser(): Promise<MermaidBrowser> {
  const dir = await mkdtemp(join(tmpdir(), "nixgen-mermaid-"));
  const mermaidJs = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");
  const page = join(dir, "page.html");
  await writeFile(
    page,
    `<!doctype html><html><head><meta charset="utf-8"><script src="${pathToFileURL(mermaidJs).href}"></script>` +
      `<style>body{margin:0;background:#fff;font-family:sans-serif}#diagrams>div{padding:16px}</style></head>` +
      `<body><div id="diagrams"></div></body></html>`,
  );
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumFlags,
      viewport: { width: 1200, height: 800 },
    });
    await context.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort()));
    const tab: Page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    tab.on("pageerror", (error) => errors.push(error.message));
    await tab.goto(pathToFileURL(page).href);
    await tab.evaluate(() => {
      // GitHub's settings: strict security, HTML labels.
      (globalThis as unknown as { mermaid: { initialize(config: object): void } }).mermaid.initialize({
        startOnLoad: false,
        securityLevel: "strict",
      });
    });
    const open = context;
    return {
      async draw(diagrams) {
        const drawn = await tab.evaluate(async (texts) => {
          // The page's globals, typed by hand: the test tsconfig has no DOM library.
          const { mermaid, document } = globalThis as unknown as PageGlobals;
          const root = document.getElementById("diagrams");
          root.replaceChildren();
          const out: { text: string }[] = [];
          for (const [index, text] of texts.entries()) {
            await mermaid.parse(text);
            const { svg } = await mermaid.render(`diagram${index}`, text);
            const box = document.createElement("div");
            box.innerHTML = svg;
            root.append(box);
            if (box.querySelector("svg[aria-roledescription=error]") !== null) throw new Error(`diagram ${index}: Mermaid drew its error picture`);
            out.push({ text: box.textContent ?? "" });
          }
          return out;
        }, diagrams);
        if (errors.length > 0) throw new Error(`errors in the page: ${errors.join("; ")}`);
        return drawn;
      },
      async screenshot(path) {
        await tab.locator("#diagrams").screenshot({ path });
      },
      async close() {
        await open.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

interface PageElement {
  innerHTML: string;
  readonly textContent: string | null;
  append(child: PageElement): void;
  replaceChildren(): void;
  querySelector(selector: string): PageElement | null;
}

interface PageGlobals {
  readonly mermaid: {
    parse(text: string): Promise<unknown>;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
  readonly document: { getElementById(id: string): PageElement; createElement(tag: string): PageElement };
}

/** The content of every ```mermaid fence of a Markdown file. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "");
}
