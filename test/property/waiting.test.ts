// Reviews waiting for a reply, read through the index of open reviews in deadline order, with their
// counts from the running totals (workflow/waiting.ts), against every waiting review loaded and
// sorted by deadline (test/helpers/reference-waiting.ts), on random stores and deadlines.
import fc from "fast-check";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../../src/config/schema.js";
import { Store } from "../../src/store/store.js";
import { deadlineParams, waitingByDeadline, waitingCounts } from "../../src/workflow/waiting.js";
import { tempDir } from "../helpers/cli.js";
import { applyOps, at, MAX_STEP, opsArb } from "../helpers/random-store.js";
import { byDeadline } from "../helpers/reference-waiting.js";

const caseArb = fc.record({
  now: fc.integer({ min: 0, max: MAX_STEP + 20 }),
  negMax: fc.constantFrom(2, 3),
  negative: fc.constantFrom(24, 96, 30),
  other: fc.constantFrom(72, 12, 30),
  limit: fc.constantFrom(0, 1, 3, 10),
  all: fc.boolean(),
  // Sometimes "now" is exactly a deadline: a page's time plus one of the two delays.
  edge: fc.option(fc.tuple(fc.nat(), fc.boolean()), { nil: null }),
});

describe("waiting reviews: read in deadline order = all loaded and sorted", () => {
  it("the most urgent first, overdue ones, and the counts agree", () => {
    fc.assert(
      fc.property(opsArb, caseArb, (ops, c) => {
        const store = new Store(path.join(tempDir(), "w.db"));
        try {
          applyOps(store, ops);
          const config = ConfigSchema.parse({
            business: { name: "Tamm" },
            negative: { maxRating: c.negMax },
            replyWithinHours: { negative: c.negative, other: c.other },
          });
          const pages = ops.filter((o) => o.kind === "page").map((o) => (o as { at: number }).at);
          const step =
            c.edge && pages.length
              ? pages[c.edge[0] % pages.length]! + (c.edge[1] ? c.negative : c.other) / 6
              : c.now;
          const now = new Date(at(step));
          const want = byDeadline(store, c.all, config, now);
          const p = deadlineParams(config, now);
          const ids = (rs: { id: number }[]) => rs.map((r) => r.id);
          const got = waitingByDeadline(store.db, p, { limit: c.limit, includeBaseline: c.all });
          const wantIds = want.map((d) => d.review.id);
          expect(ids(got)).toEqual(c.limit ? wantIds.slice(0, c.limit) : wantIds);
          const overdue = want.filter((d) => d.overdue).map((d) => d.review.id);
          const gotOverdue = waitingByDeadline(store.db, p, {
            limit: c.limit,
            overdueOnly: true,
            includeBaseline: c.all,
          });
          expect(ids(gotOverdue)).toEqual(c.limit ? overdue.slice(0, c.limit) : overdue);
          expect(waitingCounts(store.db, p, c.all)).toEqual({
            waiting: want.length,
            overdue: overdue.length,
          });
        } finally {
          store.close();
        }
      }),
      { numRuns: 250 },
    );
  });
});
