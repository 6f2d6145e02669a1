import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { csvStringifier, unescapeCell } from "../../src/export/csv.js";
import { testimonialAuthor } from "../../src/export/author.js";
import { eligible, toTestimonial } from "../../src/export/testimonials.js";
import { escapeHtml, jsonForScript, testimonialsHtml } from "../../src/export/html.js";
import { parseImport } from "../../src/import/parse.js";
import type { StoredReview } from "../../src/domain/review.js";
import { storedReview } from "../helpers/reviews.js";
import { cleanText } from "../../src/util/sanitize.js";

async function csvOf(rows: Record<string, unknown>[], columns: string[], bom = false): Promise<string> {
  const s = csvStringifier(columns, bom);
  let out = "";
  s.on("data", (d: Buffer | string) => (out += d.toString()));
  const done = new Promise((r) => s.on("end", r));
  for (const r of rows) s.write(r);
  s.end();
  await done;
  return out;
}

const TRIGGER = /^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/;

describe("CSV export", () => {
  it("no cell starts with a trigger character, and reading back gives the input (property)", async () => {
    await fc.assert(
      // A text that itself begins with "'" + a trigger cannot be told apart from an escaped one on
      // import (README: import); the property holds for every other text.
      fc.asyncProperty(
        fc.array(
          fc
            .string({ unit: "binary", maxLength: 40 })
            .filter((c) => !/^'[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/.test(c)),
          { minLength: 1, maxLength: 5 },
        ),
        async (cells) => {
          const columns = cells.map((_, i) => `c${i}`);
          const row = Object.fromEntries(cells.map((c, i) => [`c${i}`, c]));
          const text = await csvOf([row], columns);
          const [header, back] = parse(text, { relax_quotes: false }) as string[][];
          expect(header).toEqual(columns);
          back!.forEach((cell, i) => {
            expect(cell).not.toMatch(TRIGGER);
            expect(unescapeCell(cell)).toBe(cells[i]);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
  it("neutralises formulas, leading LF and NUL, full-width signs", async () => {
    const text = await csvOf(
      [{ a: '=HYPERLINK("http://x")', b: "\n=1+1", c: "＝1", d: "@SUM(A1)", e: "-2+3", f: "plain" }],
      ["a", "b", "c", "d", "e", "f"],
    );
    const [, row] = parse(text) as string[][];
    expect(row).toEqual(['\'=HYPERLINK("http://x")', "'\n=1+1", "'＝1", "'@SUM(A1)", "'-2+3", "plain"]);
  });
  it("starts with a UTF-8 BOM only on request", async () => {
    expect((await csvOf([{ a: "Phở" }], ["a"], true)).charCodeAt(0)).toBe(0xfeff);
    expect((await csvOf([{ a: "Phở" }], ["a"], false)).charCodeAt(0)).toBe(0x22);
  });
});

function stored(over: Partial<StoredReview>): StoredReview {
  return storedReview({
    author: { name: "Tom Becker", url: null },
    rating: 5,
    text: "Great food",
    textLanguage: "en",
    language: "en",
    publishedAt: "2026-11-01T10:00:00.000Z",
    url: "https://maps.example/r/1",
    firstSeenAt: "2026-11-02T00:00:00.000Z",
    lastSeenAt: "2026-11-02T00:00:00.000Z",
    ...over,
  });
}

describe("testimonials", () => {
  const f = { minRating: 4, permission: "any" as const };
  it("names the author by first name and initial, by the name order of the language", () => {
    expect(testimonialAuthor("Tom Becker", "en")).toBe("Tom B.");
    expect(testimonialAuthor("Nguyễn Thị Lan", "vi")).toBe("Lan N.");
    expect(testimonialAuthor("Kadri Tamm", "et")).toBe("Kadri T.");
    expect(testimonialAuthor("Samuel S.", "en")).toBe("Samuel S.");
    expect(testimonialAuthor("Cher", "en")).toBe("Cher");
    expect(testimonialAuthor("A Google User", "en")).toBeNull();
  });
  it("takes only positive, non-excerpt, non-removed reviews with text; the own words verbatim", () => {
    expect(eligible(stored({}), f)).toBe(true);
    expect(eligible(stored({ rating: 3 }), f)).toBe(false);
    expect(eligible(stored({ excerpt: true }), f)).toBe(false);
    expect(eligible(stored({ removedAt: "2026-11-03T00:00:00Z" }), f)).toBe(false);
    expect(eligible(stored({ text: null }), f)).toBe(false);
    expect(eligible(stored({ rating: null, recommendation: "positive" }), f)).toBe(true);
    expect(eligible(stored({}), { ...f, permission: "granted" })).toBe(false);
    expect(eligible(stored({ permission: "granted" }), { ...f, permission: "granted" })).toBe(true);
    expect(eligible(stored({}), { ...f, minLength: 50 })).toBe(false);
    expect(eligible(stored({ language: "vi" }), { ...f, lang: "en" })).toBe(false);
    const t = toTestimonial(
      stored({
        text: "Very good pho",
        originalText: "Phở rất ngon  ",
        language: "vi",
        author: { name: "Đỗ Minh Châu", url: null },
      }),
    );
    expect(t).toMatchObject({
      text: "Phở rất ngon  ",
      author: "Châu Đ.",
      date: "2026-11-01",
      language: "vi",
    });
  });
  it("the HTML page escapes everything and its JSON-LD cannot close the script", () => {
    const evil = stored({
      text: '</script><script>alert(1)</script> & "quotes"',
      author: { name: "<b>Eve</b> Doe", url: null },
      url: "javascript:alert(1)",
    });
    const html = testimonialsHtml([toTestimonial(evil)], "Café <Ngon>");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("javascript:");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;");
    expect(html.match(/<\/script>/g)).toHaveLength(1); // only the JSON-LD block's own end
    const ld = JSON.parse(html.split('<script type="application/ld+json">')[1]!.split("</script>")[0]!);
    expect(ld.review[0].reviewBody).toBe('</script><script>alert(1)</script> & "quotes"');
    expect(ld.name).toBe("Café <Ngon>");
    expect(escapeHtml(`<'&">`)).toBe("&lt;&#39;&amp;&quot;&gt;");
    expect(jsonForScript({ a: "</script>\u2028" })).toBe('{"a":"\\u003c/script\\u003e\\u2028"}');
  });
});

describe("import", () => {
  const now = new Date("2026-11-22T00:00:00Z");
  it("reads a hand-kept spreadsheet through the documented column names, reporting bad rows by line", () => {
    const csv =
      'Review ID,Reviewer,Stars,Comment,Date\n1,Mai Anh,5,"Ngon lắm!",2026-10-01\n2,Bob,seven,bad,2026-10-02\n3,Eve,4,"ok","Nov 3, 2026"\n4,Zed,4,x,someday\n,No Id,3,"same again",2026-10-05\n';
    const r = parseImport(csv, "csv", now);
    expect(r.errors).toEqual([
      { line: 3, message: 'rating "seven" is not a number from 1 to 5' },
      { line: 5, message: 'date "someday" is not a date (use 2026-11-12 or an ISO time)' },
    ]);
    expect(
      r.reviews.map((x) => [
        x.externalId.startsWith("import:") ? "derived" : x.externalId,
        x.author.name,
        x.rating,
        x.text,
        x.publishedAt,
      ]),
    ).toEqual([
      ["1", "Mai Anh", 5, "Ngon lắm!", "2026-10-01T00:00:00.000Z"],
      ["3", "Eve", 4, "ok", "2026-11-03T00:00:00.000Z"],
      ["derived", "No Id", 3, "same again", "2026-10-05T00:00:00.000Z"],
    ]);
    // A derived id is stable: the same row twice gets the same id.
    expect(parseImport(csv, "csv", now).reviews[2]!.externalId).toBe(r.reviews[2]!.externalId);
  });
  it("reads the retired Zomato API v2.1 shape", () => {
    const json = JSON.stringify({
      reviews_count: 2,
      user_reviews: [
        {
          review: {
            rating: 4.5,
            review_text: "Bún chả rất ngon",
            id: 31337,
            timestamp: 1700000000,
            user: { name: "Anh T.", profile_url: "https://www.zomato.com/users/anh" },
          },
        },
        { review: { rating: "abc", id: 2 } },
      ],
    });
    const r = parseImport(json, "json", now);
    expect(r.format).toBe("zomato-v2.1");
    expect(r.reviews[0]).toMatchObject({
      externalId: "31337",
      rating: 4.5,
      text: "Bún chả rất ngon",
      publishedAt: "2023-11-14T22:13:20.000Z",
      author: { name: "Anh T." },
    });
    expect(r.errors).toEqual([{ line: 2, message: 'rating "abc" is not a number from 1 to 5' }]);
  });
  it("reads JSON lines and reports a broken line", () => {
    const r = parseImport(
      '{"externalId":"a","rating":5,"publishedAt":"2026-11-01T10:00:00Z"}\n{oops\n\n{"externalId":"b","recommendation":"negative"}\n',
      "jsonl",
      now,
    );
    expect(r.reviews.map((x) => x.externalId)).toEqual(["a", "b"]);
    expect(r.errors).toEqual([{ line: 2, message: "not valid JSON" }]);
  });
});

describe("HTML escaping", () => {
  it("escaped text renders as the same text (controls and bidi overrides removed), never as markup (property)", async () => {
    const cheerio = await import("cheerio");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "grapheme" }),
          fc.constantFrom("<b>x</b>", "&amp;", "<script>a</script>", "\"'<>&"),
        ),
        (s) => {
          const $ = cheerio.load(`<p title="${escapeHtml(s)}">${escapeHtml(s)}</p>`);
          expect($("p").children().length).toBe(0);
          expect($("p").text()).toBe(cleanText(s).replace(/\r\n?/g, "\n"));
          expect($("p").attr("title")).toBe(cleanText(s).replace(/\r\n?/g, "\n"));
        },
      ),
      { numRuns: 500 },
    );
  });
});
