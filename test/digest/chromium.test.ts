// The HTML digest in a real browser (headless Chromium): at phone and desktop widths nothing
// overflows sideways, the negatives come first and are visible, and the page loads nothing external.
// UPDATE_DIGEST_PNG=1 also refreshes docs/digest.png (the README's screenshot).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { buildDigest } from "../../src/digest/model.js";
import { renderHtml } from "../../src/digest/render-html.js";
import { tempDir } from "../helpers/cli.js";
import { buildDemoStore, buildHandStore, demoConfig, handConfig, NOW, SINCE } from "./fixture.js";

const CHROMIUM = "/usr/bin/chromium";

interface Layout {
  scrollWidth: number;
  clientWidth: number;
  wide: string[];
  scripts: number;
}
const present = fs.existsSync(CHROMIUM);
// CI installs Chromium (.ci/run): there a missing browser fails the run instead of skipping it.
const required = Boolean(process.env.CI);
if (!present && !required)
  console.warn(`digest layout test skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

describe.skipIf(!present && !required)("HTML digest in headless Chromium", () => {
  let browser: Browser;
  let shots = "";

  beforeAll(async () => {
    shots = tempDir("reviews-digest-shots-"); // here, not at collection: a skipped file makes none
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const cases = [
    {
      name: "demo-vi",
      html: () =>
        renderHtml(buildDigest(buildDemoStore(tempDir()), demoConfig("vi"), { since: SINCE, now: NOW })),
    },
    {
      name: "demo-en",
      html: () =>
        renderHtml(buildDigest(buildDemoStore(tempDir()), demoConfig("en"), { since: SINCE, now: NOW })),
    },
    {
      name: "hostile",
      html: () =>
        renderHtml(buildDigest(buildHandStore(tempDir()).store, handConfig(), { since: SINCE, now: NOW })),
    },
  ];

  for (const c of cases) {
    for (const width of [375, 1280]) {
      it(`${c.name} at ${width} px: no horizontal overflow, negatives visible, nothing fetched`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const requests: string[] = [];
        const dialogs: string[] = [];
        await page.route("**/*", (route) => {
          requests.push(route.request().url());
          return route.abort();
        });
        page.on("dialog", (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.setContent(c.html(), { waitUntil: "load" });
        // Runs in the page (a string: this project's TypeScript has no DOM types).
        const layout = await page.evaluate<Layout>(`(() => {
          const doc = document.documentElement;
          const wide = [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1)
            .map((e) => e.tagName + (e.id ? "#" + e.id : ""));
          return {
            scrollWidth: doc.scrollWidth,
            clientWidth: doc.clientWidth,
            wide: wide.slice(0, 5),
            scripts: document.scripts.length,
          };
        })()`);
        expect(layout.wide).toEqual([]);
        expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
        expect(layout.scripts).toBe(0);
        const negatives = page.locator("#negatives");
        await expect(negatives.isVisible()).resolves.toBe(true);
        const box = await negatives.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        // The negatives come right after the headline and the tiles: within the first screen.
        expect(box!.y).toBeLessThan(400);
        expect(requests).toEqual([]);
        expect(dialogs).toEqual([]);
        const file = path.join(shots, `${c.name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(fs.statSync(file).size).toBeGreaterThan(10_000);
        if (process.env["UPDATE_DIGEST_PNG"] && c.name === "demo-en" && width === 375) {
          fs.mkdirSync("docs", { recursive: true });
          await page.screenshot({ path: path.join("docs", "digest.png"), fullPage: true });
        }
        await page.close();
      });
    }
  }
});
