// Hostile review text in every output: whatever a stranger writes reaches the owner's terminal,
// spreadsheet, browser and mail client as text only. The reviews are stored as an adapter would
// store them, then every command that shows them is run as the owner runs it.
import fs from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { runCli, tempDir, writeConfig } from "../helpers/cli.js";
import { parsedReview } from "../helpers/reviews.js";

const ESC = "\x1b";
const NASTY = [
  `${ESC}[31mRED${ESC}[0m`,
  `${ESC}]52;c;ZXZpbA==\x07`, // OSC 52: write to the clipboard
  `${ESC}]8;;https://evil.example\x07click${ESC}]8;;\x07`, // OSC 8: a hidden link
  "line\rOVERWRITE",
  "\u202eevil-rtl\u202c",
  "\x9b31m", // 8-bit CSI
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(2)">',
  "\ud800 lone surrogate",
].join(" ");
const FORMULA = '=HYPERLINK("http://evil.example","click")';

/** C0 (but tab and newline), DEL, C1 and bidi overrides: none may reach a terminal or a file. */
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
let db: string;
const ids: Record<string, number> = {};

beforeAll(() => {
  dir = tempDir("reviews-hostile-");
  db = path.join(dir, "h.db");
  writeConfig(
    dir,
    `business:\n  name: "Gió Mùa Kitchen"\n  contact: { name: "Linh", email: "care@giomua.example" }\n  language: en\nsources:\n  - { id: g, site: google, placeId: ChIJhostile }\n`,
  );
  const store = new Store(db);
  store.ensureSource("g", "google", "google-places");
  const now = new Date().toISOString();
  const recent = new Date(Date.now() - 3600_000).toISOString();
  store.upsertPage(
    "g",
    "google",
    [
      parsedReview("neg", {
        author: { name: `Evil${ESC}[2J Person\r\nBcc: victim@evil.example`, url: "javascript:alert(3)" },
        rating: 1,
        text: `Cold food. ${NASTY}`,
        url: "javascript:alert(4)",
        publishedAt: recent,
      }),
      parsedReview("pos", {
        author: { name: FORMULA, url: null },
        rating: 5,
        text: `${FORMULA} great pho ${NASTY}`,
        url: "https://maps.example/review/1",
        publishedAt: recent,
      }),
      parsedReview("big", {
        author: { name: "Big Body", url: null },
        rating: 5,
        text: `Lovely. ${"ab\x1bcd ".repeat(200_000)}`, // 1.2 MB with an escape every 6 characters
        publishedAt: recent,
      }),
    ],
    now,
    false,
  );
  for (const r of store.list({})) ids[r.externalId] = r.id;
  store.close();
});

const cli = (...args: string[]) => runCli([...args, "--db", db], { cwd: dir, timeoutMs: 120_000 });

describe("hostile review text is inert in every output", () => {
  it("terminal outputs: list (TSV), show, draft, todo, stats, themes, suspicious, digest text", async () => {
    const runs = [
      ["list"],
      ["show", String(ids["neg"])],
      ["show", String(ids["pos"])],
      ["draft", String(ids["neg"])],
      ["todo", "--all"],
      ["stats"],
      ["themes"],
      ["suspicious"],
      ["digest", "--since", "30d"],
      ["digest", "--since", "30d", "--format", "markdown"],
    ];
    for (const args of runs) {
      const r = await cli(...args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(CONTROLS.test(r.stdout), `${args.join(" ")} stdout`).toBe(false);
      expect(CONTROLS.test(r.stderr), `${args.join(" ")} stderr`).toBe(false);
      expect(r.stdout, args.join(" ")).not.toContain("javascript:");
    }
  }, 180_000);

  it("JSON outputs parse, and hold the text with its controls escaped (never raw)", async () => {
    for (const args of [
      ["list", "--json"],
      ["show", String(ids["neg"]), "--json"],
      ["draft", String(ids["neg"]), "--json"],
    ]) {
      const r = await cli(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain(ESC);
      expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    }
  });

  it("CSV: no cell starts a formula, and the file reads back", async () => {
    const out = path.join(dir, "all.csv");
    const r = await cli("export", "reviews", "--format", "csv", "--out", out);
    expect(r.code).toBe(0);
    const rows = parseCsv(fs.readFileSync(out, "utf8"), { relax_column_count: true }) as string[][];
    expect(rows.length).toBe(4);
    for (const row of rows)
      for (const cell of row) expect(cell, cell.slice(0, 40)).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.some((row) => row.some((c) => c.startsWith(`'${FORMULA}`)))).toBe(true);
  });

  it("HTML: testimonials page and digest carry no markup, script or javascript: link from a review", async () => {
    const page = path.join(dir, "t.html");
    expect((await cli("export", "testimonials", "--format", "html", "--out", page)).code).toBe(0);
    const digest = path.join(dir, "d.html");
    expect((await cli("digest", "--since", "30d", "--out", digest)).code).toBe(0);
    for (const file of [page, digest]) {
      const html = fs.readFileSync(file, "utf8");
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
      expect(html).not.toMatch(/<img[^>]*onerror|href="javascript:/i);
      expect(CONTROLS.test(html), file).toBe(false);
    }
  });
});
