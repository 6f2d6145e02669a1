// The running totals of migration 4 (review_tally, review_days, kept by triggers) and the reply-delay
// indexes must give exactly the stats a full scan of the reviews gives, after any mix of writes:
// new pages, edits, replies appearing, workflow changes, removals and reappearances, deletions.
import fc from "fast-check";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../../src/config/schema.js";
import { computeStats } from "../../src/insights/stats.js";
import { Store } from "../../src/store/store.js";
import { tempDir } from "../helpers/cli.js";
import { applyOps, at, MAX_STEP, opsArb } from "../helpers/random-store.js";

describe("running totals (migration 4)", () => {
  it("all-time stats by site and by source equal a full scan after any sequence of writes", () => {
    const config = ConfigSchema.parse({ business: { name: "X" } });
    const now = new Date(at(MAX_STEP + 10));
    fc.assert(
      fc.property(opsArb, (ops) => {
        const store = new Store(path.join(tempDir(), "t.db"));
        try {
          applyOps(store, ops);
          for (const by of ["site", "source"] as const) {
            const fast = computeStats(store.db, config, { by, now });
            // A --since before everything takes the scanning path over the same reviews.
            const scan = computeStats(store.db, config, { by, now, since: "0000" });
            expect({ ...fast, since: null }).toEqual({ ...scan, since: null });
          }
          // The weekly trend (from review_days) against SQLite's own week labels over the reviews.
          const from = new Date(now.getTime() - 12 * 7 * 86400_000).toISOString();
          const expected = store.db
            .prepare(
              `SELECT strftime('%Y-W%W', coalesce(published_at, first_seen_at)) AS week, count(*) AS count,
                 round(avg(rating), 2) AS average
               FROM reviews WHERE removed_at IS NULL AND coalesce(published_at, first_seen_at) >= ? GROUP BY 1`,
            )
            .all(from);
          const weekly = computeStats(store.db, config, { by: "site", now }).weekly.filter(
            (w) => w.count > 0,
          );
          expect(weekly).toEqual(expected);
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
