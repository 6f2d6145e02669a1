// Reviews waiting for a reply as they were found before workflow/waiting.ts: every waiting review
// loaded, then sorted by deadline. test/property/waiting.test.ts compares the indexed reading with it.
import type { Config } from "../../src/config/schema.js";
import { COLUMNS, toStored, type ReviewRow, type Store } from "../../src/store/store.js";
import { dueOf, type Due } from "../../src/workflow/deadlines.js";

export function awaitingReply(store: Store, includeBaseline: boolean) {
  const sql = `SELECT ${COLUMNS} FROM reviews WHERE status IN ('open', 'escalated') AND removed_at IS NULL
    ${includeBaseline ? "" : "AND baseline = 0"} ORDER BY first_seen_at`;
  return (store.db.prepare(sql).all() as ReviewRow[]).map(toStored);
}

/** Overdue first (most overdue first), then by deadline. */
export function byDeadline(store: Store, includeBaseline: boolean, config: Config, now: Date): Due[] {
  return awaitingReply(store, includeBaseline)
    .map((r) => dueOf(r, config, now))
    .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.review.id - b.review.id));
}
