// Reviews waiting for a reply, read in deadline order through the index of open reviews (migration
// 4): the most urgent come first without the others being loaded, and the counts come from the
// running totals. `todo`, the end of `check` and the digest all read them here.
import type Database from "better-sqlite3";
import type { StoredReview } from "../domain/review.js";
import { openWithinDeadline } from "../insights/stats.js";
import { COLUMNS, toStored, type ReviewRow } from "../store/store.js";
import type { DeadlineParams } from "./deadlines.js";

export { deadlineParams, type DeadlineParams } from "./deadlines.js";

// Never NULL (a NULL would drop the row from both "negative" and "NOT negative").
const NEG = `(CASE WHEN rating IS NOT NULL THEN rating <= @negMax ELSE coalesce(recommendation = 'negative', 0) END)`;
const OPEN = `status IN ('open', 'escalated') AND removed_at IS NULL`;

/** How many reviews wait for a reply, and how many of them are past their deadline. */
export function waitingCounts(
  db: Database.Database,
  p: DeadlineParams,
  includeBaseline = false,
): { waiting: number; overdue: number } {
  // Open reviews per baseline flag, from the running totals.
  const open = new Map(
    (
      db
        .prepare(
          "SELECT baseline, coalesce(sum(n), 0) AS n FROM review_tally WHERE status IN ('open', 'escalated') GROUP BY 1",
        )
        .all() as { baseline: number; n: number }[]
    ).map((r) => [r.baseline, r.n]),
  );
  const fresh = open.get(0) ?? 0;
  const waiting = fresh + (includeBaseline ? (open.get(1) ?? 0) : 0);
  // The open reviews (baseline left out) minus those still within their deadline, through the index.
  let overdue = fresh - openWithinDeadline(db, p).reduce((a, r) => a + r.n, 0);
  if (includeBaseline)
    overdue += (
      db
        .prepare(
          `SELECT count(*) AS n FROM reviews WHERE ${OPEN} AND baseline = 1
           AND first_seen_at < CASE WHEN ${NEG} THEN @negCutoff ELSE @otherCutoff END`,
        )
        .get(p) as { n: number }
    ).n;
  return { waiting, overdue };
}

/**
 * Waiting reviews, the earliest deadline first (the most overdue first); only the overdue ones if
 * asked. Negatives and the others each come in first-seen order, which is their deadline order; the
 * two are merged by deadline as they are read, so that taking the first few reads only those.
 */
export function* waitingInOrder(
  db: Database.Database,
  p: DeadlineParams,
  opts: { overdueOnly?: boolean; includeBaseline?: boolean } = {},
): Generator<StoredReview> {
  const arm = (negative: boolean) =>
    db
      .prepare(
        `SELECT ${COLUMNS} FROM reviews${opts.includeBaseline ? "" : " INDEXED BY reviews_open"}
         WHERE ${OPEN}${opts.includeBaseline ? "" : " AND baseline = 0"} AND ${negative ? NEG : `NOT ${NEG}`}
           ${opts.overdueOnly ? `AND first_seen_at < ${negative ? "@negCutoff" : "@otherCutoff"}` : ""}
         ORDER BY first_seen_at, id`,
      )
      .iterate(p) as IterableIterator<ReviewRow>;
  const deadline = (r: ReviewRow, negative: boolean) =>
    Date.parse(r.first_seen_at) + (negative ? p.negHours : p.otherHours) * 3600_000;
  const negatives = arm(true);
  const others = arm(false);
  try {
    let n = negatives.next();
    let o = others.next();
    while (!n.done || !o.done) {
      const takeNegative =
        !n.done &&
        (o.done ||
          deadline(n.value, true) < deadline(o.value, false) ||
          (deadline(n.value, true) === deadline(o.value, false) && n.value.id < o.value.id));
      if (takeNegative) {
        yield toStored(n.value);
        n = negatives.next();
      } else if (!o.done) {
        yield toStored(o.value);
        o = others.next();
      }
    }
  } finally {
    negatives.return?.();
    others.return?.();
  }
}

/** The first `limit` of waitingInOrder (0: all of them). */
export function waitingByDeadline(
  db: Database.Database,
  p: DeadlineParams,
  opts: { limit: number; overdueOnly?: boolean; includeBaseline?: boolean },
): StoredReview[] {
  const out: StoredReview[] = [];
  for (const r of waitingInOrder(db, p, opts)) {
    out.push(r);
    if (out.length === opts.limit) break;
  }
  return out;
}
