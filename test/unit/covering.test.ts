// The digest's and themes' date-window statements are answered from the date index alone (migration
// 5): a visit to each 2.5 KB review row is what made them slow on large databases. Each statement
// that names reviews_when is run through EXPLAIN QUERY PLAN, on a real file.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../../src/config/schema.js";
import { periodStats } from "../../src/digest/queries.js";
import { computeThemes } from "../../src/insights/themes.js";
import { Store } from "../../src/store/store.js";
import { tempDir } from "../helpers/cli.js";
import { preparedDuring } from "../helpers/sql.js";
import { parsedReview } from "../helpers/reviews.js";

describe("the date index covers the window queries", () => {
  it("themes (as the digest asks), and the trend period (reply rates, medians, weekly trend): no review row is visited", () => {
    const store = new Store(path.join(tempDir("reviews-covering-"), "c.db"));
    store.upsertPage(
      "g",
      "google",
      [
        parsedReview("a", { rating: 1, text: "Cold food.", publishedAt: "2026-11-20T10:00:00.000Z" }),
        parsedReview("b", { rating: 5, text: "Lovely.", publishedAt: "2026-11-21T10:00:00.000Z" }),
      ],
      "2026-11-22T00:00:00.000Z",
      false,
    );
    const config = ConfigSchema.parse({ business: { name: "Tamm", timezone: "Europe/Tallinn" } });
    const now = new Date("2026-11-23T12:00:00.000Z");
    const until = now.toISOString();
    const trendFrom = "2026-09-28T12:00:00.000Z";
    const sql = preparedDuring(store.db, () => {
      computeThemes(store.db, config, {
        since: "2026-10-24T12:00:00.000Z",
        negativeOnly: true,
        now,
        phrases: false,
      });
      periodStats(store.db, {
        since: "2026-11-16T12:00:00.000Z",
        until,
        negMax: 2,
        trendFrom,
        negHours: 24,
        otherHours: 72,
      });
    }).filter((s) => s.includes("INDEXED BY reviews_when"));
    expect(sql.length).toBeGreaterThanOrEqual(4);
    for (const s of sql) {
      const plan = (
        store.db.prepare(`EXPLAIN QUERY PLAN ${s}`).all({
          since: "2026-10-01T00:00:00.000Z",
          until,
          from: "2026-09-01T00:00:00.000Z",
          to: "2026-11-21",
          day: "2026-11-20",
          next: "2026-11-21",
          previous: "2026-09-01T00:00:00.000Z",
          recent: "2026-10-26T00:00:00.000Z",
          trendFrom,
          max: 2,
          o0: "+7200 seconds",
          size: 5000,
          lastWhen: "2026-11-20T00:00:00.000Z",
          lastId: 10,
        }) as { detail: string }[]
      ).map((r) => r.detail);
      expect(plan.join(" | "), s).toMatch(/COVERING INDEX reviews_when/);
      expect(plan.join(" | "), s).not.toMatch(/SCAN reviews\b/);
    }
    store.close();
  });
});
