// Random stores for property tests: a mix of writes as checks and people make them (new pages and
// edits, owner replies, workflow changes, removals from the site, deletions), on a coarse time grid
// so that window edges often fall exactly on a review's times.
import fc from "fast-check";
import type { ParsedReview } from "../../src/domain/review.js";
import type { Store } from "../../src/store/store.js";
import { parsedReview } from "./reviews.js";

export const SOURCES = [
  { id: "g1", site: "google" },
  { id: "g2", site: "google" },
  { id: "fb", site: "facebook" },
  { id: "yp", site: "yelp" },
] as const;

/** Step `n` of the grid: 6 hours apart from 2026-10-01. */
export const at = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 6 * 3600_000).toISOString();

export const MAX_STEP = 220;

const reviewArb = fc.record({
  n: fc.integer({ min: 0, max: 11 }),
  rating: fc.option(fc.constantFrom(1, 1.5, 2, 2.5, 3, 4, 4.5, 5), { nil: null }),
  recommendation: fc.constantFrom(null, "positive", "negative"),
  published: fc.option(fc.integer({ min: 0, max: MAX_STEP - 20 }), { nil: null }),
  replyAfter: fc.option(fc.integer({ min: -1, max: 20 }), { nil: null }),
  text: fc.constantFrom("good", "bad", "edited text"),
});
type ReviewGen = typeof reviewArb extends fc.Arbitrary<infer T> ? T : never;

const source = fc.integer({ min: 0, max: SOURCES.length - 1 });
const step = fc.integer({ min: 0, max: MAX_STEP });

export const opsArb = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant("page" as const),
      source,
      reviews: fc.array(reviewArb, { maxLength: 6 }),
      at: step,
      baseline: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant("status" as const),
      pick: fc.nat(),
      status: fc.constantFrom("open", "replied", "ignored", "escalated"),
      at: step,
    }),
    fc.record({ kind: fc.constant("remove" as const), source, at: step }),
    fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  ),
  { minLength: 1, maxLength: 25 },
);
export type Ops = typeof opsArb extends fc.Arbitrary<infer T> ? T : never;

function toParsed(r: ReviewGen): ParsedReview {
  const publishedAt = r.published == null ? null : at(r.published);
  return parsedReview(`r${r.n}`, {
    rating: r.rating,
    recommendation: r.rating == null ? r.recommendation : null,
    text: r.text,
    publishedAt,
    ownerReply:
      r.replyAfter == null
        ? null
        : { text: "Thank you", publishedAt: publishedAt ? at((r.published ?? 0) + r.replyAfter) : null },
  });
}

export function reviewIds(store: Store): number[] {
  return store.db.prepare("SELECT id FROM reviews ORDER BY id").pluck().all() as number[];
}

export function applyOps(store: Store, ops: Ops): void {
  for (const op of ops) {
    if (op.kind === "page") {
      const src = SOURCES[op.source]!;
      store.upsertPage(src.id, src.site, op.reviews.map(toParsed), at(op.at), op.baseline);
    } else if (op.kind === "remove") {
      // Every review of the source not seen since this moment is marked removed from the site.
      store.markUnseenRemoved(SOURCES[op.source]!.id, at(op.at), at(op.at));
    } else {
      const ids = reviewIds(store);
      if (!ids.length) continue;
      const id = ids[op.pick % ids.length]!;
      if (op.kind === "status") store.setStatus(id, { status: op.status, at: at(op.at) });
      else store.db.prepare("DELETE FROM reviews WHERE id = ?").run(id);
    }
  }
}
