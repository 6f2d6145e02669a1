// liveCountsBetween (review_days for whole days, the date index for the days a boundary cuts) against
// counting the reviews themselves, on random stores and random boundaries, some on the grid of the
// reviews' own times and some between.
import fc from "fast-check";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { liveCountsBetween } from "../../src/store/day-counts.js";
import { Store } from "../../src/store/store.js";
import { tempDir } from "../helpers/cli.js";
import { applyOps, at, MAX_STEP, opsArb } from "../helpers/random-store.js";

const WHEN = "coalesce(published_at, first_seen_at)";
const boundArb = fc.oneof(
  fc.integer({ min: 0, max: MAX_STEP }).map(at),
  fc
    .integer({ min: 0, max: MAX_STEP * 6 * 3600 })
    .map((s) => new Date(Date.UTC(2026, 9, 1) + s * 1000 + 123).toISOString()),
);

describe("live review counts between dates", () => {
  it("agree with counting the reviews, whole days from review_days and cut days review by review", () => {
    fc.assert(
      fc.property(opsArb, fc.array(boundArb, { minLength: 1, maxLength: 4 }), (ops, raw) => {
        const store = new Store(path.join(tempDir(), "d.db"));
        try {
          applyOps(store, ops);
          const bounds = [...new Set(raw)].sort();
          const count = store.db.prepare(
            `SELECT count(*) FROM reviews WHERE removed_at IS NULL AND ${WHEN} >= ? AND ${WHEN} < ?`,
          );
          const want = bounds.map((b, i) => count.pluck().get(b, bounds[i + 1] ?? "9999") as number);
          expect(liveCountsBetween(store.db, bounds)).toEqual(want);
        } finally {
          store.close();
        }
      }),
      { numRuns: 100 },
    );
  });

  it("counts nothing without boundaries", () => {
    const store = new Store(path.join(tempDir(), "e.db"));
    expect(liveCountsBetween(store.db, [])).toEqual([]);
    store.close();
  });
});
