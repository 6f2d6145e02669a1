// `list` shows the newest reviews first. With a filter on status or source, SQLite went through that
// column's index and sorted every match (on a million reviews, `list --status replied` sorted 240,000
// rows to show 50, and `--since 30d --source S --status open` read 759,597 open rows); listIndexHint
// has it walk the date index in list order instead when the matches are many, or search the narrowest
// index (review_tally and review_days count them). Each statement runs through EXPLAIN QUERY PLAN on a
// real file, and its rows are compared with the same filter applied in JavaScript, whichever plan it took.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { StoredReview } from "../../src/domain/review.js";
import { LIST_ORDER, listIndexHint, listTerms, Store, type ListFilter } from "../../src/store/store.js";
import { tempDir } from "../helpers/cli.js";
import { preparedDuring } from "../helpers/sql.js";
import { parsedReview } from "../helpers/reviews.js";

const when = (r: StoredReview) => r.publishedAt ?? r.firstSeenAt;
/** list's order: newest first, then the highest id. */
const listOrder = (a: StoredReview, b: StoredReview) =>
  when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : b.id - a.id;
/** EXPLAIN QUERY PLAN of a statement run with the filter's parameters, its steps joined. */
const planOf = (db: Store["db"], sql: string, f: ListFilter) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(listTerms(f).params) as { detail: string }[])
    .map((r) => r.detail)
    .join(" | ");

describe("list with a filter on status or source", () => {
  const store = new Store(path.join(tempDir("reviews-list-plans-"), "l.db"));
  const sources = [
    ["g1", "google"],
    ["g2", "google"],
    ["y1", "yelp"],
  ] as const;
  // 600 reviews: dates out of insertion order, some undated (first seen instead), a third with a
  // reply (status replied), a few removed.
  for (const [s, [source, site]] of sources.entries()) {
    const page = Array.from({ length: 200 }, (_, i) => {
      const k = (i * 37 + s * 11) % 200;
      return parsedReview(`${source}-${i}`, {
        rating: 1 + (i % 5),
        text: `Review ${i} of ${source}`,
        publishedAt:
          i % 17 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + k * 86_400_000 + s * 3_600_000).toISOString(),
        ownerReply: i % 3 === 0 ? { text: "Thank you", publishedAt: "2026-11-01T00:00:00.000Z" } : null,
      });
    });
    store.upsertPage(source, site, page, `2026-11-2${s}T00:00:00.000Z`, false);
  }
  store.markUnseenRemoved("y1", "2026-11-30T00:00:00.000Z", "2026-11-30T00:00:00.000Z");
  store.upsertPage(
    "y1",
    "yelp",
    Array.from({ length: 150 }, (_, i) =>
      parsedReview(`y1-${i}`, { rating: 1 + (i % 5), text: `Review ${i} of y1`, publishedAt: null }),
    ),
    "2026-11-30T01:00:00.000Z",
    false,
  );
  // Three reviews set aside by hand: a status with few matches.
  const open = store.list({ source: "g1", status: "open", limit: 3 });
  for (const r of open) store.setStatus(r.id, { status: "ignored", at: "2026-12-01T00:00:00.000Z" });
  store.db.exec("ANALYZE");

  const all = store.list({ includeRemoved: true });
  // [name, filter, the rows it keeps, whether listIndexHint has the date index walked]
  const cases: [string, ListFilter, (r: StoredReview) => boolean, boolean][] = [
    ["no filter", {}, (r) => r.removedAt == null, false],
    ["site", { site: "google" }, (r) => r.removedAt == null && r.site === "google", false],
    ["source", { source: "g2" }, (r) => r.removedAt == null && r.source === "g2", true],
    ["status", { status: "replied" }, (r) => r.removedAt == null && r.status === "replied", true],
    ["status, none such", { status: "escalated" }, () => false, false],
    ["status, a few", { status: "ignored" }, (r) => r.removedAt == null && r.status === "ignored", false],
    [
      "source and status",
      { source: "g1", status: "open" },
      (r) => r.removedAt == null && r.source === "g1" && r.status === "open",
      true,
    ],
    [
      "status and stars",
      { status: "replied", minRating: 2, maxRating: 4 },
      (r) =>
        r.removedAt == null && r.status === "replied" && r.rating != null && r.rating >= 2 && r.rating <= 4,
      true,
    ],
    [
      "source and negative, removed too",
      { source: "y1", negativeMaxRating: 2, includeRemoved: true },
      (r) => r.source === "y1" && r.rating != null && r.rating <= 2,
      true,
    ],
    // The site's index reads a row for each entry: yelp's 150 live ones cost more than the walk's 550
    // entries at a twentieth each.
    [
      "site and status, removed too",
      { site: "yelp", status: "open", includeRemoved: true },
      (r) => r.site === "yelp" && r.status === "open",
      true,
    ],
    [
      "site, source and status",
      { site: "google", source: "g2", status: "replied" },
      (r) => r.removedAt == null && r.source === "g2" && r.status === "replied",
      true,
    ],
    [
      "date range and status",
      { since: "2026-05-01T00:00:00.000Z", status: "replied" },
      (r) => r.removedAt == null && r.status === "replied" && when(r) >= "2026-05-01T00:00:00.000Z",
      true,
    ],
    [
      "date range, source and status",
      { since: "2026-03-01T12:00:00.000Z", source: "g1", status: "open" },
      (r) =>
        r.removedAt == null &&
        r.source === "g1" &&
        r.status === "open" &&
        when(r) >= "2026-03-01T12:00:00.000Z",
      true,
    ],
  ];

  for (const [name, filter, keep, walks] of cases) {
    it(`${name}: the rows of the filter in list order${walks ? ", walking the date index" : ", as SQLite plans"}`, () => {
      for (const limit of [undefined, 20]) {
        const f = { ...filter, ...(limit ? { limit } : {}) };
        let got: StoredReview[] = [];
        const sql = preparedDuring(store.db, () => (got = store.list(f))).find((s) =>
          s.includes(" FROM reviews"),
        );
        expect(sql).toBeDefined();
        const plan = planOf(store.db, sql!, f);
        expect(listIndexHint(store.db, f) === " INDEXED BY reviews_when").toBe(walks);
        if (walks)
          expect(plan, sql).toMatch(
            f.since
              ? /^SEARCH reviews USING INDEX reviews_when \(<expr>>\?\)$/
              : /^SCAN reviews USING INDEX reviews_when$/,
          );
        // A status no review has: its own index finds none at once, where the walk tests every entry.
        else if (f.status === "escalated") expect(plan, sql).toMatch(/reviews_status \(status=\?\)/);
        const want = all
          .filter(keep)
          .sort(listOrder)
          .slice(0, limit ?? Infinity);
        expect(got.map((r) => r.id)).toEqual(want.map((r) => r.id));
      }
    });
  }

  it("the walk is taken only where it tests fewer entries than 20 times the rows the other plan reads", () => {
    // 550 live reviews; g1 has 200, of which about two thirds open.
    const hint = (f: ListFilter) => listIndexHint(store.db, f) === " INDEXED BY reviews_when";
    expect(hint({ status: "open", limit: 50 })).toBe(true);
    expect(hint({ status: "escalated", limit: 50 })).toBe(false); // none: sorting none is free
    expect(hint({ source: "no-such-source" })).toBe(false);
    // Three ignored: sorting their 3 rows (× 20 = 60) beats testing the 550 entries the walk would.
    expect(hint({ status: "ignored", limit: 50 })).toBe(false);
    // g1's replied 3-star reviews (13): the walk tests about 550 / 13 entries to find the first,
    // SQLite's plan reads g1's 200 rows (× 20).
    expect(all.filter((r) => r.source === "g1" && r.status === "replied" && r.rating === 3)).toHaveLength(13);
    expect(hint({ source: "g1", status: "replied", minRating: 3, maxRating: 3, limit: 1 })).toBe(true);
    // All of google's open reviews: the walk tests the 550 entries (27.5 rows' worth), the site's
    // index reads google's 400 rows and the status's 363.
    expect(hint({ site: "google", status: "open" })).toBe(true);
    // A date range bounds the walk: from 2026-06-01, 269 entries of the 550 (review_days).
    expect(hint({ status: "open", since: "2026-06-01T00:00:00.000Z" })).toBe(true);
    // Three ignored still beat the range's entries (269 / 20 = 13.45 rows' worth against 3 rows).
    expect(hint({ status: "ignored", since: "2026-06-01T00:00:00.000Z" })).toBe(false);
  });

  it("with few matches, the narrowest index by the live counts; with a date range, its walk", () => {
    // Without statistics (as on the benchmark's database, where PRAGMA optimize's sampling rated
    // every status and every source alike), SQLite takes the status's index for small's open
    // reviews: checked first, so that the case means something.
    const db2 = new Store(path.join(tempDir("reviews-list-plans-"), "m.db"));
    const reviews = (source: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        parsedReview(`${source}-${i}`, {
          rating: 1 + (i % 5),
          text: `Review ${i}`,
          publishedAt: new Date(Date.UTC(2026, 0, 1) + ((i * 37) % n) * 3_600_000).toISOString(),
        }),
      );
    db2.upsertPage("big", "google", reviews("big", 300), "2026-11-20T00:00:00.000Z", false);
    db2.upsertPage("small", "yelp", reviews("small", 10), "2026-11-21T00:00:00.000Z", false);
    for (const r of db2.list({ source: "big", limit: 2 }))
      db2.setStatus(r.id, { status: "ignored", at: "2026-12-01T00:00:00.000Z" });
    for (const r of db2.list({ source: "small", limit: 1 }))
      db2.setStatus(r.id, { status: "replied", at: "2026-12-01T00:00:00.000Z" });
    const everything = db2.list({ includeRemoved: true });
    const { where } = listTerms({ source: "small", status: "open" });
    expect(
      planOf(db2.db, `SELECT id FROM reviews WHERE ${where.join(" AND ")}${LIST_ORDER}`, {
        source: "small",
        status: "open",
      }),
    ).toMatch(/reviews_status/);
    // [filter, the index that must be searched, the matches]: small's 10 against 307 open, 2 ignored
    // against big's 300, 1 replied against either; 310 entries to walk are more than 20 times those.
    const cases: [ListFilter, string, number][] = [
      [{ source: "small", status: "open" }, "reviews_last_seen (source_id=?)", 9],
      [{ source: "small", status: "replied" }, "reviews_status (status=?)", 1],
      [{ source: "big", status: "ignored" }, "reviews_status (status=?)", 2],
      [{ source: "big", status: "replied" }, "reviews_status (status=?)", 0],
      // yelp's 10 entries read in list order (a row each) against 310 to walk at a twentieth each.
      [{ site: "yelp", status: "open" }, "reviews_site (site=?)", 9],
      // From 2026-01-10, big's last 84 hours: 84 entries to walk against big's 300 rows or 307 open.
      [{ since: "2026-01-10T00:00:00.000Z", source: "big", status: "open" }, "reviews_when (<expr>>?)", 82],
    ];
    for (const [filter, index, matches] of cases) {
      // (With a limit of 5, small's 9 open reviews are worth the walk: 310 × 5 / 9 entries < 10 × 20.)
      for (const limit of [undefined, 50]) {
        const f = { ...filter, ...(limit ? { limit } : {}) };
        let got: StoredReview[] = [];
        const sql = preparedDuring(db2.db, () => (got = db2.list(f))).find((q) =>
          q.includes(" FROM reviews"),
        )!;
        expect(planOf(db2.db, sql, f), sql).toContain(`SEARCH reviews USING INDEX ${index}`);
        const want = everything
          .filter(
            (r) =>
              (f.source == null || r.source === f.source) &&
              (f.site == null || r.site === f.site) &&
              (f.since == null || when(r) >= f.since) &&
              r.status === f.status,
          )
          .sort(listOrder)
          .slice(0, limit ?? Infinity);
        expect(want).toHaveLength(Math.min(matches, limit ?? Infinity));
        expect(got.map((r) => r.id)).toEqual(want.map((r) => r.id));
      }
    }
    db2.close();
  });

  it("the cases have rows to compare (the fixture is what the test needs)", () => {
    expect(all.filter((r) => r.status === "replied" && r.removedAt == null).length).toBeGreaterThan(100);
    expect(all.filter((r) => r.removedAt != null).length).toBe(50);
    expect(all.filter((r) => r.status === "ignored").length).toBe(3);
    expect(all.filter((r) => r.publishedAt == null).length).toBeGreaterThan(150);
  });
});
