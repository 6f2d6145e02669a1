// The digest queries as they were before migration 4: full scans of the reviews, obviously right.
// queries.test.ts checks that the indexed versions in src/digest/queries.ts give the same answers.
import type Database from "better-sqlite3";
import type { StoredReview } from "../../src/domain/review.js";
import { COLUMNS, toStored, type ReviewRow as Row } from "../../src/store/store.js";
import type {
  DeadlineParams,
  ListKind,
  ListingStatsRow,
  StatsParams,
  TrendRow,
  WindowCounts,
  WindowParams,
} from "../../src/digest/queries.js";

const WHEN = "coalesce(published_at, first_seen_at)";
// Never NULL (a NULL would drop the row from both "negative" and "NOT negative").
const NEG = `(CASE WHEN rating IS NOT NULL THEN rating <= @negMax ELSE coalesce(recommendation = 'negative', 0) END)`;
/** The window and the review ids a check reported (they belong to the digest whatever their dates). */
function bind(p: WindowParams) {
  return {
    since: p.since,
    until: p.until,
    negMax: p.negMax,
    newIds: JSON.stringify(p.newIds),
    updatedIds: JSON.stringify(p.updatedIds),
    removedIds: JSON.stringify(p.removedIds),
  };
}

// What belongs to the window: first seen in it (never the baseline), or reported by the check.
const IS_NEW = `removed_at IS NULL AND baseline = 0 AND
  ((first_seen_at >= @since AND first_seen_at <= @until) OR id IN (SELECT value FROM json_each(@newIds)))`;
const IS_EDITED = `removed_at IS NULL AND NOT (${IS_NEW}) AND (id IN (SELECT value FROM json_each(@updatedIds))
  OR id IN (SELECT review_id FROM revisions WHERE recorded_at >= @since AND recorded_at <= @until))`;
const IS_REMOVED = `((removed_at >= @since AND removed_at <= @until) OR
  (removed_at IS NOT NULL AND id IN (SELECT value FROM json_each(@removedIds))))`;

export function windowCounts(db: Database.Database, p: WindowParams): WindowCounts {
  const row = db
    .prepare(
      `SELECT
        (SELECT count(*) FROM reviews WHERE ${IS_NEW}) AS new,
        (SELECT count(*) FROM reviews WHERE ${IS_NEW} AND ${NEG}) AS negative,
        (SELECT count(*) FROM reviews WHERE ${IS_EDITED}) AS edited,
        (SELECT count(*) FROM reviews WHERE ${IS_REMOVED}) AS removed`,
    )
    .get(bind(p)) as WindowCounts;
  return row;
}

/** One bounded list of the window, newest first (negatives: the worst first). */
export function windowReviews(
  db: Database.Database,
  p: WindowParams,
  kind: ListKind,
  limit: number,
): StoredReview[] {
  const where =
    kind === "negative"
      ? `${IS_NEW} AND ${NEG}`
      : kind === "other"
        ? `${IS_NEW} AND NOT ${NEG}`
        : kind === "edited"
          ? IS_EDITED
          : IS_REMOVED;
  const order =
    kind === "negative"
      ? `coalesce(rating, 0) ASC, ${WHEN} DESC, id DESC`
      : kind === "removed"
        ? "removed_at DESC, id DESC"
        : `${WHEN} DESC, id DESC`;
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM reviews WHERE ${where} ORDER BY ${order} LIMIT @limit`)
    .all({ ...bind(p), limit }) as Row[];
  return rows.map(toStored);
}

const OVERDUE = `status IN ('open', 'escalated') AND removed_at IS NULL AND baseline = 0
  AND first_seen_at < CASE WHEN ${NEG} THEN @negCutoff ELSE @otherCutoff END`;

export function overdueCount(db: Database.Database, p: DeadlineParams): number {
  return (db.prepare(`SELECT count(*) AS n FROM reviews WHERE ${OVERDUE}`).get(p) as { n: number }).n;
}

/** Overdue reviews, the earliest deadline first. */
export function overdueReviews(db: Database.Database, p: DeadlineParams, limit: number): StoredReview[] {
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM reviews WHERE ${OVERDUE}
       ORDER BY julianday(first_seen_at) + (CASE WHEN ${NEG} THEN @negHours ELSE @otherHours END) / 24.0, id
       LIMIT @limit`,
    )
    .all({ ...p, limit }) as Row[];
  return rows.map(toStored);
}

/** Per source and in total: counts, averages, response rate, the share answered in time, medians. */
export function listingStats(db: Database.Database, p: StatsParams): ListingStatsRow[] {
  const deadline = `(CASE WHEN ${NEG} THEN @negHours ELSE @otherHours END) / 24.0`;
  const agg = `count(*) AS count, avg(rating) AS average,
      coalesce(sum(baseline = 0 AND first_seen_at >= @since AND first_seen_at <= @until), 0) AS newInWindow,
      coalesce(sum(${WHEN} >= @trendFrom), 0) AS recent,
      coalesce(sum(${WHEN} >= @trendFrom AND (status = 'replied' OR reply_text IS NOT NULL)), 0) AS recentReplied,
      coalesce(sum(baseline = 0 AND first_seen_at >= @trendFrom AND (replied_at IS NOT NULL
        OR julianday(first_seen_at) + ${deadline} < julianday(@until))), 0) AS due,
      coalesce(sum(baseline = 0 AND first_seen_at >= @trendFrom AND replied_at IS NOT NULL
        AND julianday(replied_at) - julianday(first_seen_at) <= ${deadline}), 0) AS inTime`;
  const rows = db
    .prepare(
      `WITH live AS (SELECT * FROM reviews WHERE removed_at IS NULL),
       delays AS (
         SELECT source_id, (julianday(coalesce(replied_at, reply_at)) - julianday(${WHEN})) * 24 AS h
         FROM live WHERE ${WHEN} >= @trendFrom AND coalesce(replied_at, reply_at) IS NOT NULL
       ),
       keyed AS (
         SELECT source_id AS key, h FROM delays WHERE h >= 0
         UNION ALL SELECT '*' AS key, h FROM delays WHERE h >= 0
       ),
       ranked AS (
         SELECT key, h, row_number() OVER (PARTITION BY key ORDER BY h) AS rn,
           count(*) OVER (PARTITION BY key) AS n FROM keyed
       ),
       medians AS (
         SELECT key, avg(h) AS median FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY key
       ),
       grouped AS (
         SELECT source_id AS key, max(site) AS site, ${agg} FROM live GROUP BY source_id
         UNION ALL SELECT '*' AS key, NULL AS site, ${agg} FROM live
       )
       SELECT g.*, s.site_rating AS reportedRating, s.site_count AS reportedCount, m.median AS medianHoursToReply
       FROM grouped g LEFT JOIN sources s ON s.id = g.key LEFT JOIN medians m ON m.key = g.key
       ORDER BY g.key = '*', g.key`,
    )
    .all(p) as ListingStatsRow[];
  return rows;
}

/** Reviews per source and week (and for all sources, key "*") over the trend period. */
export function weeklyTrend(db: Database.Database, p: { trendFrom: string; until: string }): TrendRow[] {
  return db
    .prepare(
      `WITH w AS (
         SELECT source_id, rating, CAST((julianday(@until) - julianday(${WHEN})) / 7 AS INTEGER) AS weeksAgo
         FROM reviews WHERE removed_at IS NULL AND ${WHEN} >= @trendFrom AND ${WHEN} <= @until
       )
       SELECT source_id AS key, weeksAgo, count(*) AS count, avg(rating) AS average FROM w GROUP BY 1, 2
       UNION ALL
       SELECT '*' AS key, weeksAgo, count(*) AS count, avg(rating) AS average FROM w GROUP BY 2`,
    )
    .all(p) as TrendRow[];
}
