// Every SQL statement the digest runs. Each reads through an index only the reviews of its window
// (the window, the trend period, the last days' open reviews); all-time figures come from the running
// totals of migration 4 (review_tally). Only bounded lists (LIMIT) come back as whole reviews.
import type Database from "better-sqlite3";
import type { StoredReview } from "../domain/review.js";
import { COLUMNS, toStored, type ReviewRow as Row, type SourceRow } from "../store/store.js";
import { REPLY_HOURS } from "../store/migrations.js";
import { DaySummaries } from "../store/day-summaries.js";
import { nextDay } from "../store/day-counts.js";
import { waitingByDeadline, waitingCounts, type DeadlineParams } from "../workflow/waiting.js";

const WHEN = "coalesce(published_at, first_seen_at)";
// Never NULL (a NULL would drop the row from both "negative" and "NOT negative").
const NEG = `(CASE WHEN rating IS NOT NULL THEN rating <= @negMax ELSE coalesce(recommendation = 'negative', 0) END)`;
/** The window and the review ids a check reported (they belong to the digest whatever their dates). */
export interface WindowParams {
  since: string;
  until: string;
  negMax: number;
  newIds: number[];
  updatedIds: number[];
  removedIds: number[];
}

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
// Each candidate set is a UNION of index lookups, so that SQLite never scans the whole table.
const IS_NEW = `removed_at IS NULL AND baseline = 0 AND id IN (
  SELECT id FROM reviews INDEXED BY reviews_first_seen WHERE first_seen_at >= @since AND first_seen_at <= @until
  UNION SELECT value FROM json_each(@newIds))`;
const IS_EDITED = `removed_at IS NULL AND NOT (${IS_NEW}) AND id IN (
  SELECT value FROM json_each(@updatedIds)
  UNION SELECT review_id FROM revisions WHERE recorded_at >= @since AND recorded_at <= @until)`;
const IS_REMOVED = `removed_at IS NOT NULL AND id IN (
  SELECT id FROM reviews INDEXED BY reviews_removed WHERE removed_at >= @since AND removed_at <= @until
  UNION SELECT value FROM json_each(@removedIds))`;

export interface WindowCounts {
  new: number;
  negative: number;
  edited: number;
  removed: number;
}

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

export type ListKind = "negative" | "other" | "edited" | "removed";

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

export type { DeadlineParams } from "../workflow/waiting.js";

/** Open reviews (review_tally) minus those first seen recently enough to be still within their deadline. */
export function overdueCount(db: Database.Database, p: DeadlineParams): number {
  return waitingCounts(db, p).overdue;
}

/** Overdue reviews, the earliest deadline first. */
export function overdueReviews(db: Database.Database, p: DeadlineParams, limit: number): StoredReview[] {
  return waitingByDeadline(db, p, { limit, overdueOnly: true });
}

export interface ListingStatsRow {
  /** A source id, or "*" for every source together. */
  key: string;
  site: string | null;
  count: number;
  average: number | null;
  newInWindow: number;
  /** Reviews published in the trend period, and how many of them have a reply. */
  recent: number;
  recentReplied: number;
  /** Non-baseline reviews of the period whose deadline has passed or which were answered. */
  due: number;
  /** …answered within the business's own deadline. */
  inTime: number;
  reportedRating: number | null;
  reportedCount: number | null;
  medianHoursToReply: number | null;
}

export interface StatsParams {
  since: string;
  until: string;
  negMax: number;
  trendFrom: string;
  negHours: number;
  otherHours: number;
}

/**
 * Per source and in total: counts and averages (all time, from review_tally), then what the window
 * and the trend period add, each read through its own index: new reviews (first seen in the window),
 * the response rate, the reply medians and the weekly trend (published in the period: one pass,
 * `periodRows`), the share answered in time (first seen in the period).
 */
export function listingStats(db: Database.Database, p: StatsParams): ListingStatsRow[] {
  return periodStats(db, p).listings;
}

/** Reviews per source and week (and for all sources, key "*") over the trend period. */
export function weeklyTrend(db: Database.Database, p: StatsParams): TrendRow[] {
  return periodStats(db, p).trend;
}

/** listingStats and weeklyTrend together: the reviews of the trend period are read once for both. */
export function periodStats(
  db: Database.Database,
  p: StatsParams,
): { listings: ListingStatsRow[]; trend: TrendRow[] } {
  const rows = new Map<string, ListingStatsRow>();
  const total: ListingStatsRow = emptyListing("*", null);
  const ratingSums = new Map<string, number>();
  let totalRatingSum = 0;
  let totalRated = 0;
  const rated = new Map<string, number>();
  const tally = db
    .prepare(
      `SELECT source_id AS key, max(site) AS site, sum(n) AS count,
         coalesce(sum(CASE WHEN rating <> -1 THEN n END), 0) AS rated,
         coalesce(sum(CASE WHEN rating <> -1 THEN rating * n END), 0) AS ratingSum
       FROM review_tally WHERE n > 0 GROUP BY source_id`,
    )
    .all() as { key: string; site: string; count: number; rated: number; ratingSum: number }[];
  for (const t of tally) {
    const row = emptyListing(t.key, t.site);
    row.count = t.count;
    rows.set(t.key, row);
    rated.set(t.key, t.rated);
    ratingSums.set(t.key, t.ratingSum);
    total.count += t.count;
    totalRated += t.rated;
    totalRatingSum += t.ratingSum;
  }
  const each = (key: string, f: (r: ListingStatsRow) => void) => {
    const r = rows.get(key);
    if (r) f(r);
    f(total);
  };

  const fresh = db
    .prepare(
      `SELECT source_id AS key, count(*) AS n FROM reviews INDEXED BY reviews_first_seen
       WHERE first_seen_at >= @since AND first_seen_at <= @until AND baseline = 0 AND removed_at IS NULL
       GROUP BY 1`,
    )
    .all(p) as { key: string; n: number }[];
  for (const f of fresh) each(f.key, (r) => (r.newInWindow += f.n));

  // The trend period: reviews and ratings per source and week, replies per source, and the median
  // reply delay per source and overall.
  const { groups, replied, medians } = periodRows(db, p);
  for (const [key, n] of replied) each(key, (row) => (row.recentReplied += n));
  const trendAll = new Map<number, { count: number; rated: number; ratingSum: number }>();
  const trend: TrendRow[] = [];
  for (const g of groups) {
    each(g.key, (row) => {
      row.recent += g.n;
    });
    if (g.weeksAgo == null) continue; // dated after `until`: in the response rate, not in the trend
    trend.push({
      key: g.key,
      weeksAgo: g.weeksAgo,
      count: g.n,
      average: g.rated ? g.ratingSum / g.rated : null,
    });
    const a = trendAll.get(g.weeksAgo) ?? { count: 0, rated: 0, ratingSum: 0 };
    trendAll.set(g.weeksAgo, a);
    a.count += g.n;
    a.rated += g.rated;
    a.ratingSum += g.ratingSum;
  }
  for (const [weeksAgo, a] of [...trendAll].sort(([x], [y]) => x - y))
    trend.push({ key: "*", weeksAgo, count: a.count, average: a.rated ? a.ratingSum / a.rated : null });
  const medianOf = new Map(medians.map((x) => [x.key, x.m]));

  // Due: answered, or first seen before its deadline's cutoff (compared as text, as stored).
  const deadline = `(CASE WHEN ${NEG} THEN @negHours ELSE @otherHours END) / 24.0`;
  const cutoff = (hours: number) => new Date(Date.parse(p.until) - hours * 3600_000).toISOString();
  const timely = db
    .prepare(
      // A CASE stops at its first true branch: most reviews were first seen before either cutoff
      // and are not asked whether they are negative (31 -> 26 ms on 49,000 reviews).
      `SELECT source_id AS key,
         sum(CASE WHEN replied_at IS NOT NULL OR first_seen_at < @earlierCutoff THEN 1
           WHEN first_seen_at < CASE WHEN ${NEG} THEN @negCutoff ELSE @otherCutoff END THEN 1 ELSE 0 END) AS due,
         sum(CASE WHEN replied_at IS NULL THEN 0
           ELSE julianday(replied_at) - julianday(first_seen_at) <= ${deadline} END) AS inTime
       FROM reviews INDEXED BY reviews_first_seen
       WHERE first_seen_at >= @trendFrom AND baseline = 0 AND removed_at IS NULL GROUP BY 1`,
    )
    .all({
      ...p,
      negCutoff: cutoff(p.negHours),
      otherCutoff: cutoff(p.otherHours),
      earlierCutoff: cutoff(Math.max(p.negHours, p.otherHours)),
    }) as {
    key: string;
    due: number;
    inTime: number;
  }[];
  for (const t of timely)
    each(t.key, (r) => {
      r.due += t.due;
      r.inTime += t.inTime;
    });

  const reported = db.prepare("SELECT id, site_rating, site_count FROM sources").all() as {
    id: string;
    site_rating: number | null;
    site_count: number | null;
  }[];
  for (const s of reported) {
    const r = rows.get(s.id);
    if (!r) continue;
    r.reportedRating = s.site_rating;
    r.reportedCount = s.site_count;
  }
  for (const [key, r] of rows) {
    const n = rated.get(key) ?? 0;
    r.average = n ? (ratingSums.get(key) ?? 0) / n : null;
    r.medianHoursToReply = medianOf.get(key) ?? null;
  }
  total.average = totalRated ? totalRatingSum / totalRated : null;
  total.medianHoursToReply = medianOf.get("*") ?? null;
  const sorted = [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { listings: [...sorted, total], trend };
}

/** The reviews of the trend period of one source and one week back from `until` (NULL: after it). */
interface PeriodGroup {
  key: string;
  weeksAgo: number | null;
  n: number;
  rated: number;
  ratingSum: number;
}

const DAY_MS = 86400_000;
/** The replies' day summaries (day_summaries): bump the number when what they hold changes. */
const REPLIES_KIND = "replies:1";
/** Per source: the reviews with a reply, and the reply delays (hours) that count in the medians. */
type ReplySummary = [source: string, replied: number, hours: number[]][];

/**
 * The reviews published in the trend period (not removed): per source and week back from `until`
 * (NULL: dated after `until`) their number and ratings; per source the number with a reply; and the
 * median reply delay per source and overall.
 *
 * The weekly counts come from review_days (live reviews per source and UTC day, kept by triggers):
 * every day that no week boundary (`until`, each week's start, `trendFrom`) cuts lies wholly in one
 * week, because dates compare as text and a date of day D sorts after every boundary of an earlier
 * day and before every boundary of a later one. The few days a boundary cuts are read from the date
 * index and placed review by review. Replies and delays are read from the date index, only for the
 * reviews that have one; SQLite's GROUP BY over every review of the period sorted them all (48,425 on
 * the benchmark's database) and was most of the digest's time in SQL.
 */
function periodRows(
  db: Database.Database,
  p: StatsParams,
): {
  groups: PeriodGroup[];
  replied: Map<string, number>;
  medians: { key: string; m: number }[];
} {
  const until = Date.parse(p.until);
  const weeks = Math.floor((until - Date.parse(p.trendFrom)) / (7 * DAY_MS));
  const starts = Array.from({ length: weeks }, (_, k) =>
    new Date(until - (k + 1) * 7 * DAY_MS).toISOString(),
  );
  // As the CASE below, for a date string: NULL after `until`, else the first week whose start it follows.
  const weeksAgo = `CASE WHEN w > @until THEN NULL ${starts.map((b, k) => `WHEN w > '${b}' THEN ${k}`).join(" ")} ELSE ${weeks} END`;
  const fromDay = p.trendFrom.slice(0, 10);
  const cut = [...new Set([p.until, ...starts, p.trendFrom].map((b) => b.slice(0, 10)))].filter(
    (d) => d >= fromDay,
  );
  const dayWeek = (day: string): number | null => {
    if (day > p.until.slice(0, 10)) return null;
    const k = starts.findIndex((b) => day > b.slice(0, 10));
    return k < 0 ? weeks : k;
  };

  const byGroup = new Map<string, PeriodGroup>();
  const add = (key: string, wk: number | null, n: number, rated: number, ratingSum: number) => {
    const id = `${wk}\u0000${key}`;
    let g = byGroup.get(id);
    if (!g) byGroup.set(id, (g = { key, weeksAgo: wk, n: 0, rated: 0, ratingSum: 0 }));
    g.n += n;
    g.rated += rated;
    g.ratingSum += ratingSum;
  };
  const days = db
    .prepare(
      `SELECT source_id, day, n, rated, rating_sum FROM review_days
       WHERE day > @fromDay AND n > 0 AND day NOT IN (SELECT value FROM json_each(@cut))`,
    )
    .raw(true)
    .all({ fromDay, cut: JSON.stringify(cut) }) as [string, string, number, number, number][];
  for (const [key, day, n, rated, ratingSum] of days) add(key, dayWeek(day), n, rated, ratingSum);
  // The inner query reads the date index alone (SQLite would visit every review row for a GROUP BY
  // on the date); LIMIT -1 keeps it apart.
  const cutDay = db
    .prepare(
      `SELECT key, ${weeksAgo} AS wk, count(*) AS n, count(rating) AS rated, total(rating) AS ratingSum
       FROM (SELECT source_id AS key, ${WHEN} AS w, rating FROM reviews INDEXED BY reviews_when
         WHERE ${WHEN} >= @from AND ${WHEN} < @to AND removed_at IS NULL LIMIT -1)
       GROUP BY 1, 2`,
    )
    .raw(true);
  for (const day of cut) {
    const rows = cutDay.all({
      from: day === fromDay ? p.trendFrom : day,
      to: nextDay(day),
      until: p.until,
    }) as [string, number | null, number, number, number][];
    for (const [key, wk, n, rated, ratingSum] of rows) add(key, wk, n, rated, ratingSum);
  }

  // Replies, and the reply delays (hours, not before publication) for the medians, per source: from
  // each day's summary while the day has not changed (the digest's 8 weeks on 1,000,000 reviews
  // took 30 ms to read from the date index), the first day (cut by trendFrom) review by review.
  const repliesIn = db
    .prepare(
      `SELECT source_id, replied, h FROM (SELECT source_id,
           (status = 'replied' OR reply_text IS NOT NULL) AS replied, ${REPLY_HOURS} AS h
         FROM reviews INDEXED BY reviews_when
         WHERE ${WHEN} >= @from AND ${WHEN} < @to AND removed_at IS NULL LIMIT -1)
       WHERE replied OR h >= 0`,
    )
    .raw(true);
  const replied = new Map<string, number>();
  const delays = new Map<string, number[]>();
  const all: number[] = [];
  const addReplies = (key: string, n: number, hours: readonly number[]) => {
    if (n) replied.set(key, (replied.get(key) ?? 0) + n);
    if (!hours.length) return;
    let list = delays.get(key);
    if (!list) delays.set(key, (list = []));
    for (const h of hours) {
      all.push(h);
      list.push(h);
    }
  };
  /** A day's (or part of a day's) replies and delays by source: [source, replied, delays]. */
  const repliesOf = (from: string, to: string): ReplySummary => {
    const bySource = new Map<string, [number, number[]]>();
    for (const [key, r, h] of repliesIn.all({ from, to }) as [string, number, number | null][]) {
      let s = bySource.get(key);
      if (!s) bySource.set(key, (s = [0, []]));
      if (r) s[0]++;
      if (h != null && h >= 0) s[1].push(h);
    }
    return [...bySource].map(([key, [n, hours]]) => [key, n, hours]);
  };
  const kept = new DaySummaries(db, REPLIES_KIND, fromDay);
  for (const [day, version] of DaySummaries.days(db, fromDay)) {
    let summary: ReplySummary;
    if (day === fromDay) summary = repliesOf(p.trendFrom, nextDay(day));
    else {
      const data = kept.get(day, version);
      if (data != null) summary = JSON.parse(data) as ReplySummary;
      else kept.keep(day, version, JSON.stringify((summary = repliesOf(day, nextDay(day)))));
    }
    for (const [key, n, hours] of summary) addReplies(key, n, hours);
  }
  kept.save();
  const medians: { key: string; m: number }[] = [];
  for (const [key, list] of delays) medians.push({ key, m: medianOf(list) });
  if (all.length) medians.push({ key: "*", m: medianOf(all) });
  return { groups: [...byGroup.values()], replied, medians };
}

/** The middle value (the mean of the two middle ones) of a non-empty list, as SQLite's avg gives it. */
function medianOf(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function emptyListing(key: string, site: string | null): ListingStatsRow {
  return {
    key,
    site,
    count: 0,
    average: null,
    newInWindow: 0,
    recent: 0,
    recentReplied: 0,
    due: 0,
    inTime: 0,
    reportedRating: null,
    reportedCount: null,
    medianHoursToReply: null,
  };
}

export interface TrendRow {
  key: string;
  /** 0 = the last 7 days, 1 = the 7 days before, … */
  weeksAgo: number;
  count: number;
  average: number | null;
}

/** A source's state as the digest reads it: its row, and the warnings of its latest run as JSON. */
export type SourceStateRow = Pick<
  SourceRow,
  | "id"
  | "site"
  | "method"
  | "baseline_at"
  | "last_run_at"
  | "last_status"
  | "last_error_kind"
  | "last_error_message"
  | "site_name"
> & { warnings: string | null };

/** Every source's latest state, with the warnings of its latest run. */
export function sourceStates(db: Database.Database): SourceStateRow[] {
  return db
    .prepare(
      `SELECT s.id, s.site, s.method, s.baseline_at, s.last_run_at, s.last_status, s.last_error_kind,
         s.last_error_message, s.site_name,
         (SELECT rs.warnings FROM run_sources rs WHERE rs.source_id = s.id ORDER BY rs.run_id DESC LIMIT 1) AS warnings
       FROM sources s ORDER BY s.id`,
    )
    .all() as SourceStateRow[];
}
