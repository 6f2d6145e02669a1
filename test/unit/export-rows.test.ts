// The fast export path (src/export/query.ts, reviews.ts, csv.ts csvBatch, chunks.ts) against the
// path it replaced: Store.iterate → toStored → reviewJson / eligible + toTestimonial → csvStringifier.
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Store, type ListFilter } from "../../src/store/store.js";
import type { ParsedReview } from "../../src/domain/review.js";
import { reviewJson } from "../../src/cli/format.js";
import { reviewRows, testimonialRows, testimonialRowSource } from "../../src/export/query.js";
import { REVIEW_COLUMNS, reviewCells, reviewRowJson } from "../../src/export/reviews.js";
import {
  eligible,
  eligibleSource,
  testimonialCells,
  testimonialOf,
  toTestimonial,
  TESTIMONIAL_COLUMNS,
  type TestimonialFilter,
} from "../../src/export/testimonials.js";
import { csvBatch, csvStringifier } from "../../src/export/csv.js";
import { ChunkedWriter } from "../../src/export/chunks.js";
import { testimonialAuthor } from "../../src/export/author.js";
import { storedReview } from "../helpers/reviews.js";
import { tempDir } from "../helpers/cli.js";

const NAMES = ["Tom Becker", "Nguyễn Thị Lan", "  Kadri   Tamm ", "A Google User", "Cher", null];
const LANGS = ["en", "vi", "vi-VN", "VI", "EN-us", "et", null, "", "vİ", "\u212Ao", "vi\0-x", "vi_VN"];
const TEXTS = [
  "Great food, friendly staff and a view of the river.",
  "   ",
  "",
  null,
  '=HYPERLINK("http://x")',
  "\n=1+1",
  "\0nul first",
  "mid\0nul",
  "-2+3",
  "+x",
  "\ttab",
  "＝1",
  "'=already",
  'line1\r\nline2 "q" \u2028\u2029',
  "😀👍🏽 emoji and more words",
  "\u3000\n \u00a0",
  "\u2028\ufeff\t",
  "short",
  "<script>alert(1)</script> & \"x\" 'y'",
];

function parsed(i: number): ParsedReview {
  const text = TEXTS[i % TEXTS.length] ?? null;
  return {
    externalId: `r${i}`,
    author: { name: NAMES[i % NAMES.length] ?? null, url: i % 4 === 0 ? `https://example.com/u/${i}` : null },
    rating: i % 9 === 0 ? null : [1, 2, 3, 3.5, 4, 4.5, 5, 3.99][i % 8]!,
    recommendation: i % 9 === 0 ? (["positive", "negative", null] as const)[i % 3]! : null,
    title: i % 5 === 0 ? `Title, "${i}"` : null,
    text,
    textLanguage: "en",
    originalText: i % 7 === 0 ? (["", "  Original words  ", null] as const)[i % 3]! : null,
    language: LANGS[i % LANGS.length] ?? null,
    publishedAt:
      i % 11 === 0 ? null : `2026-${String((i % 12) + 1).padStart(2, "0")}-0${(i % 9) + 1}T10:00:00.000Z`,
    publishedPrecision: "instant",
    publishedRaw: null,
    siteUpdatedAt: null,
    url: i % 3 === 0 ? `https://maps.example/r/${i}` : null,
    ownerReply:
      i % 6 === 0
        ? { text: i % 12 === 0 ? "" : "Thank you!", publishedAt: i % 4 ? null : "2026-11-02T00:00:00.000Z" }
        : null,
    excerpt: i % 13 === 0,
    raw: { i },
  };
}

function fixtureStore(): Store {
  const store = new Store(path.join(tempDir(), "reviews.db"));
  const site = ["google", "yelp"] as const;
  for (const s of site) {
    const reviews = Array.from({ length: 150 }, (_, i) => parsed(i + (s === "yelp" ? 1000 : 0)));
    store.upsertPage(`${s}-main`, s, reviews, `2026-11-${s === "google" ? "10" : "12"}T00:00:00.000Z`, false);
  }
  // Values only a hand-edited or foreign-built database holds.
  store.db.exec(`
    UPDATE reviews SET removed_at = '2026-11-20T00:00:00.000Z' WHERE id % 10 = 0;
    UPDATE reviews SET removed_at = '' WHERE id % 17 = 0;
    UPDATE reviews SET excerpt = 2 WHERE id % 19 = 0;
    UPDATE reviews SET permission = 'granted' WHERE id % 3 = 0;
    UPDATE reviews SET permission = 'Granted' WHERE id % 23 = 0;
    UPDATE reviews SET rating = 'abc' WHERE id % 29 = 0;
    UPDATE reviews SET rating = -1 WHERE id % 31 = 0;
    UPDATE reviews SET status = 'escalated', assignee = '-me' WHERE id % 8 = 0;
    UPDATE reviews SET reply_text = NULL, reply_at = '2026-11-03T00:00:00.000Z' WHERE id % 37 = 0;
    UPDATE reviews SET published_at = first_seen_at WHERE id % 41 = 0;
  `);
  return store;
}

const store = fixtureStore();

/** What the export wrote for each review before: flatReview(reviewJson(r)). */
function flat(j: ReturnType<typeof reviewJson>): Record<string, unknown> {
  const { author, ownerReply, ...rest } = j;
  return {
    ...rest,
    authorName: author.name,
    authorUrl: author.url,
    replyText: ownerReply?.text ?? null,
    replyAt: ownerReply?.publishedAt ?? null,
  };
}

async function streamCsv(columns: string[], records: unknown[], bom: boolean): Promise<string> {
  const s = csvStringifier(columns, bom);
  const chunks: Buffer[] = [];
  s.on("data", (d: Buffer | string) => chunks.push(Buffer.from(d)));
  const done = new Promise((r) => s.on("end", r));
  for (const r of records) s.write(r);
  s.end();
  await done;
  return Buffer.concat(chunks).toString("utf8");
}

function batchedCsv(
  columns: string[],
  records: unknown[][] | Record<string, unknown>[],
  bom: boolean,
  size: number,
) {
  let text = "";
  for (let i = 0; i < records.length; i += size)
    text += csvBatch(columns, records.slice(i, i + size), i === 0, bom);
  return records.length ? text : csvBatch(columns, [], true, bom);
}

const LIST_FILTERS: ListFilter[] = [
  { includeRemoved: true },
  { includeRemoved: false },
  { includeRemoved: true, site: "yelp", minRating: 3.5 },
  { includeRemoved: true, since: "2026-06-01T00:00:00.000Z", maxRating: 3 },
  { includeRemoved: true, negativeMaxRating: 2, status: "escalated" },
  { includeRemoved: true, source: "google-main", limit: 7 },
];

describe("export reviews from rows", () => {
  it("gives the JSON of reviewJson for every review Store.iterate yields, in the same order", () => {
    for (const filter of LIST_FILTERS) {
      const before = [...store.iterate(filter)].map((r) => JSON.stringify(reviewJson(r, 2)));
      const after = [...reviewRows(store.db, filter)].map((row) => JSON.stringify(reviewRowJson(row, 2)));
      expect(after).toEqual(before);
      expect(before.length).toBeGreaterThan(0);
    }
  });

  it("gives the CSV the Transform stream wrote, in batches of any size, with or without BOM", async () => {
    for (const filter of LIST_FILTERS) {
      for (const bom of [false, true]) {
        const before = await streamCsv(
          REVIEW_COLUMNS,
          [...store.iterate(filter)].map((r) => flat(reviewJson(r, 3))),
          bom,
        );
        for (const size of [1, 7, 1000]) {
          const cells = [...reviewRows(store.db, filter)].map((row) => reviewCells(row, 3));
          expect(batchedCsv(REVIEW_COLUMNS, cells, bom, size)).toBe(before);
        }
      }
    }
  });
});

describe("testimonials from rows", () => {
  const filters: TestimonialFilter[] = [
    { minRating: 4, permission: "any" },
    { minRating: 1, permission: "any" },
    { minRating: 5, permission: "granted", site: "google" },
    { minRating: 4, permission: "any", since: "2026-05-01T00:00:00.000Z" },
    { minRating: 3, permission: "any", minLength: 20 },
    { minRating: 3, permission: "any", minLength: 5 },
    ...["vi", "VI", "en", "ko", "\u212Ao", "vi-vn", "v%", "vi_vn", "xx"].map((lang) => ({
      minRating: 3,
      permission: "any" as const,
      lang,
    })),
  ];
  it("selects the reviews eligible selects, and makes the same testimonials", () => {
    for (const f of filters) {
      const before = [...store.iterate({ site: f.site, since: f.since })]
        .filter((r) => eligible(r, f))
        .map(toTestimonial);
      const after = [...testimonialRows(store.db, f)]
        .map(testimonialRowSource)
        .filter((s) => eligibleSource(s, f))
        .map(testimonialOf);
      expect(after, JSON.stringify(f)).toEqual(before);
    }
    expect(
      [...testimonialRows(store.db, { minRating: 3, permission: "any", lang: "ko" })].length,
    ).toBeGreaterThan(0); // the Kelvin sign: JavaScript's toLowerCase() makes "\u212Ao" "ko"
  });

  it("CSV in batches, of testimonialCells, equals the stream's of the testimonials", async () => {
    const all = [...testimonialRows(store.db, { minRating: 1, permission: "any" })]
      .map(testimonialRowSource)
      .map(testimonialOf);
    for (const t of all)
      expect(testimonialCells(t)).toEqual(TESTIMONIAL_COLUMNS.map((c) => t[c as keyof typeof t]));
    const cells = all.map(testimonialCells);
    for (const bom of [false, true]) {
      const before = await streamCsv(TESTIMONIAL_COLUMNS, all, bom);
      for (const size of [1, 3, 1000]) expect(batchedCsv(TESTIMONIAL_COLUMNS, cells, bom, size)).toBe(before);
      expect(batchedCsv(TESTIMONIAL_COLUMNS, [], bom, 10)).toBe(
        await streamCsv(TESTIMONIAL_COLUMNS, [], bom),
      );
    }
  });
});

describe("the testimonial author, remembered", () => {
  it("is testimonialAuthor's answer for every name and language, repeats and look-alike keys included (property)", () => {
    const part = fc.constantFrom(
      "Nguyễn",
      "Thị",
      "Lan",
      "Tom",
      "Becker",
      "A",
      "J.",
      " ",
      "\0",
      "vi",
      "1:",
      "-",
      "",
    );
    const text = fc.array(part, { maxLength: 4 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(text), fc.option(text)), { maxLength: 30 }), (pairs) => {
        for (const [name, language] of [...pairs, ...pairs]) {
          const t = toTestimonial(storedReview({ author: { name, url: null }, language, text: "Good" }));
          expect(t.author).toBe(testimonialAuthor(name, language));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("csvBatch", () => {
  it("equals the stream for any cells and any split (property)", async () => {
    const cell = fc.oneof(
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.constantFrom("=1", "\n", "\0", "-1", "+", "@", "\t", "\r", "'", '"', ",", ""),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        async (rows, size, bom) => {
          const columns = ["a", "b", "c"];
          const objects = rows.map((r) => ({ a: r[0], b: r[1], c: r[2] }));
          const before = await streamCsv(columns, objects, bom);
          expect(batchedCsv(columns, rows, bom, size)).toBe(before);
          expect(batchedCsv(columns, objects, bom, size)).toBe(before);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("ChunkedWriter", () => {
  it("writes everything in order, a chunk of about its size per writev, waiting for the stream to drain", async () => {
    const written: string[] = [];
    let waits = 0;
    const out = new Writable({
      highWaterMark: 16,
      writev(chunks: { chunk: Buffer }[], cb) {
        written.push(chunks.map((c) => c.chunk.toString()).join(""));
        setImmediate(cb);
      },
    });
    out.on("drain", () => waits++);
    const w = new ChunkedWriter(out, 10);
    let expected = "";
    for (let i = 0; i < 100; i++) {
      const text = `row ${i};`;
      expected += text;
      if (w.add(text)) await w.flush();
    }
    w.add("");
    await w.flush();
    await w.flush(); // nothing queued: nothing written
    out.end();
    await new Promise((r) => out.on("finish", r));
    expect(written.join("")).toBe(expected);
    expect(written.slice(0, -1).every((c) => c.length >= 10 && c.length < 20)).toBe(true);
    expect(waits).toBeGreaterThan(0);
  });

  it("passes a stream error to the awaiting export", async () => {
    const out = new PassThrough({ highWaterMark: 4 });
    const w = new ChunkedWriter(out, 8);
    w.add("0123456789");
    await w.flush(); // buffered: the next flush must wait
    w.add("abcdefghij");
    const pending = w.flush();
    out.destroy(new Error("disk full"));
    await expect(pending).rejects.toThrow("disk full");
  });
});
