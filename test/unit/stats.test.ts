import path from "node:path";
import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { ConfigSchema } from "../../src/config/schema.js";
import { computeStats, sparkline, weekLabel } from "../../src/insights/stats.js";
import type { ParsedReview } from "../../src/domain/review.js";
import { tempDir } from "../helpers/cli.js";
import { parsedReview, runResult } from "../helpers/reviews.js";

const config = ConfigSchema.parse({ business: { name: "X" } });

function r(
  id: string,
  rating: number | null,
  publishedAt: string,
  over: Partial<ParsedReview> = {},
): ParsedReview {
  return parsedReview(id, { rating, publishedAt, ...over });
}

describe("stats", () => {
  it("counts, averages, distribution, negative share, response rate, median reply time, overdue — by hand", () => {
    const store = new Store(path.join(tempDir(), "s.db"));
    // google: 5, 4.5, 1 (replied after 10 h), 2 (replied after 30 h); facebook: a negative recommendation, unreplied
    store.upsertPage(
      "g",
      "google",
      [
        r("a", 5, "2026-11-01T00:00:00.000Z"),
        r("b", 4.5, "2026-11-02T00:00:00.000Z"),
        r("c", 1, "2026-11-03T00:00:00.000Z", {
          ownerReply: { text: "Sorry", publishedAt: "2026-11-03T10:00:00.000Z" },
        }),
        r("d", 2, "2026-10-10T00:00:00.000Z", {
          ownerReply: { text: "Sorry", publishedAt: "2026-10-11T06:00:00.000Z" },
        }),
      ],
      "2026-11-04T00:00:00.000Z",
      false,
    );
    store.upsertPage(
      "f",
      "facebook",
      [r("e", null, "2026-11-05T00:00:00.000Z", { recommendation: "negative" })],
      "2026-11-05T00:00:00.000Z",
      false,
    );
    store.ensureSource("g", "google", "google-places");
    store.recordSourceRun(
      store.startRun("check", "2026-11-05T00:00:00.000Z"),
      runResult({
        sourceId: "g",
        site: "google",
        startedAt: "x",
        finishedAt: "2026-11-05T00:00:00.000Z",
        fetched: 4,
        new: 4,
      }),
      { rating: 4.4, count: 321 },
    );
    const now = new Date("2026-11-06T12:00:00.000Z");
    const s = computeStats(store.db, config, { by: "site", now });
    expect(s.total).toMatchObject({
      count: 5,
      rated: 4,
      average: 3.13,
      distribution: [1, 1, 0, 1, 1],
      negative: 3,
      negativeShare: 0.6,
      replied: 2,
      responseRate: 0.4,
      medianHoursToReply: 20, // median of 10 h and 30 h
      // open: a (5★, seen 11-04, due 11-07: not yet), b (same), e (negative, seen 11-05, due 11-06 00:00: overdue)
      overdue: 1,
    });
    const google = s.groups.find((g) => g.key === "google")!;
    expect(google).toMatchObject({
      count: 4,
      average: 3.13,
      negative: 2,
      replied: 2,
      medianHoursToReply: 20,
      overdue: 0,
      reported: { rating: 4.4, count: 321 },
    });
    expect(s.groups.find((g) => g.key === "facebook")).toMatchObject({
      count: 1,
      rated: 0,
      average: null,
      negative: 1,
      overdue: 1,
    });
    const months = computeStats(store.db, config, { by: "month", now });
    expect(months.groups.map((g) => [g.key, g.count])).toEqual([
      ["2026-11", 4],
      ["2026-10", 1],
    ]);
    const since = computeStats(store.db, config, { by: "site", now, since: "2026-11-02T00:00:00.000Z" });
    expect(since.total.count).toBe(3);
    expect(s.weekly.reduce((a, w) => a + w.count, 0)).toBe(5);
    store.close();
  });
  it("labels weeks as SQLite's %W does", () => {
    expect(weekLabel(new Date("2026-01-01T00:00:00Z"))).toBe("2026-W00"); // a Thursday, before the first Monday
    expect(weekLabel(new Date("2026-01-05T00:00:00Z"))).toBe("2026-W01"); // the first Monday
    expect(weekLabel(new Date("2026-11-22T00:00:00Z"))).toBe("2026-W46");
  });
  it("sparklines scale to the largest value and are plain digits in a pipe", () => {
    expect(sparkline([0, 1, 2, 4], false)).toBe(" ▂▄█");
    expect(sparkline([0, 1, 2, 4], true)).toBe("0 1 2 4");
  });
});
