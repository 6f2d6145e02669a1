// `reviews stats`: aggregation in SQL over the store (indexes, no full loads of review rows).
import type Database from "better-sqlite3";
import type { Config } from "../config/schema.js";
import { HAS_REPLY_TIME, REPLY_HOURS } from "../store/migrations.js";
import { deadlineParams } from "../workflow/deadlines.js";

export type GroupBy = "site" | "source" | "month" | "week";

export interface StatsRow {
  key: string;
  count: number;
  rated: number;
  average: number | null;
  /** Reviews with 1, 2, 3, 4, 5 stars (halves counted with the star below). */
  distribution: [number, number, number, number, number];
  negative: number;
  negativeShare: number | null;
  replied: number;
  responseRate: number | null;
  /** Hours from publication (or first sight) to the reply, median over replied reviews. */
  medianHoursToReply: number | null;
  overdue: number;
  /** What the site itself reports (per site or source only). */
  reported?: { rating: number | null; count: number | null };
}

export interface Stats {
  since: string | null;
  by: GroupBy;
  total: StatsRow;
  groups: StatsRow[];
  /** Reviews per week and their average, oldest first, for the trend chart. */
  weekly: { week: string; count: number; average: number | null }[];
}

const WHEN = "coalesce(published_at, first_seen_at)";

function keyExpr(by: GroupBy): string {
  if (by === "site") return "site";
  if (by === "source") return "source_id";
  if (by === "month") return `strftime('%Y-%m', ${WHEN})`;
  return `strftime('%Y-W%W', ${WHEN})`;
}

export interface StatsOptions {
  since?: string;
  by: GroupBy;
  now: Date;
  weeks?: number;
}

/**
 * All-time stats per site or source come from the running totals of migration 4 (review_tally,
 * review_days) and the reply-delay indexes: a few thousand rows whatever the size of the database.
 * A --since window, or grouping by month or week, reads the reviews themselves.
 */
export function computeStats(db: Database.Database, config: Config, opts: StatsOptions): Stats {
  const { groups, total } =
    !opts.since && (opts.by === "site" || opts.by === "source")
      ? tallyGroups(db, config, opts.by, opts.now)
      : scanGroups(db, config, opts);
  if (opts.by === "site" || opts.by === "source") addReported(db, opts.by, groups);
  const weeks = opts.weeks ?? 12;
  const from = new Date(opts.now.getTime() - weeks * 7 * 86400_000).toISOString();
  return { since: opts.since ?? null, by: opts.by, total, groups, weekly: weeklyCounts(db, from, opts.now) };
}

function emptyRow(key: string): StatsRow {
  return {
    key,
    count: 0,
    rated: 0,
    average: null,
    distribution: [0, 0, 0, 0, 0],
    negative: 0,
    negativeShare: null,
    replied: 0,
    responseRate: null,
    medianHoursToReply: null,
    overdue: 0,
  };
}

/** From review_tally: counts by every attribute, folded per group in JavaScript. */
function tallyGroups(
  db: Database.Database,
  config: Config,
  by: "site" | "source",
  now: Date,
): { groups: StatsRow[]; total: StatsRow } {
  const max = config.negative.maxRating;
  type Tally = {
    source_id: string;
    site: string;
    rating: number;
    recommendation: string;
    status: string;
    baseline: number;
    has_reply: number;
    timed_reply: number;
    n: number;
  };
  const rows = db.prepare("SELECT * FROM review_tally WHERE n > 0").all() as Tally[];
  /** Reply delays in the medians, per group and ("*") overall. */
  const timed = new Map<string, number>();
  const sums = new Map<string, { row: StatsRow; ratingSum: number }>();
  const total = { row: emptyRow("all"), ratingSum: 0 };
  const keyOf = (t: { source_id: string; site: string }) => (by === "site" ? t.site : t.source_id);
  for (const t of rows) {
    const key = keyOf(t);
    const g = sums.get(key) ?? sums.set(key, { row: emptyRow(key), ratingSum: 0 }).get(key)!;
    const rating = t.rating === -1 ? null : t.rating;
    const negative = rating != null ? rating <= max : t.recommendation === "negative";
    const open = (t.status === "open" || t.status === "escalated") && t.baseline === 0;
    if (t.timed_reply) {
      timed.set(key, (timed.get(key) ?? 0) + t.n);
      timed.set("*", (timed.get("*") ?? 0) + t.n);
    }
    for (const acc of [g, total]) {
      const r = acc.row;
      r.count += t.n;
      if (rating != null) {
        r.rated += t.n;
        acc.ratingSum += rating * t.n;
        const star = Math.min(5, Math.floor(rating));
        if (star >= 1) r.distribution[star - 1]! += t.n;
      }
      if (negative) r.negative += t.n;
      if (t.status === "replied" || t.has_reply) r.replied += t.n;
      // Every open review for now; those still within their deadline are taken off below.
      if (open) r.overdue += t.n;
    }
  }
  const { negCutoff, otherCutoff } = deadlineParams(config, now);
  const recent = openWithinDeadline(db, { negMax: max, negCutoff, otherCutoff }, by);
  for (const r of recent) {
    const g = sums.get(r.key);
    if (g) g.row.overdue -= r.n;
    total.row.overdue -= r.n;
  }
  const finish = (acc: { row: StatsRow; ratingSum: number }) => {
    const r = acc.row;
    r.average = r.rated ? Math.round((acc.ratingSum / r.rated) * 100) / 100 : null;
    r.negativeShare = r.count ? r.negative / r.count : null;
    r.responseRate = r.count ? r.replied / r.count : null;
    return r;
  };
  const groups = [...sums.values()].map(finish).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const medians = indexedMedians(db, by, timed);
  for (const g of groups) g.medianHoursToReply = medians.get(g.key) ?? null;
  const all = finish(total);
  all.medianHoursToReply = medians.get("*") ?? null;
  return { groups, total: all };
}

/**
 * Median hours to reply per site or source and overall, read by position from the reply-delay
 * indexes (the count from review_tally, then the one or two middle entries) instead of sorting.
 */
function indexedMedians(
  db: Database.Database,
  by: "site" | "source",
  counts: Map<string, number>,
): Map<string, number | null> {
  const col = by === "site" ? "site" : "source_id";
  const index = by === "site" ? "reviews_reply_hours_site" : "reviews_reply_hours_source";
  const where = `${HAS_REPLY_TIME} AND ${REPLY_HOURS} >= 0`;
  const out = new Map<string, number | null>();
  for (const [key, n] of counts) {
    if (!n) continue;
    const sql =
      key === "*"
        ? `SELECT ${REPLY_HOURS} AS h FROM reviews INDEXED BY reviews_reply_hours WHERE ${where}`
        : `SELECT ${REPLY_HOURS} AS h FROM reviews INDEXED BY ${index} WHERE ${col} = @key AND ${where}`;
    const rows = db
      .prepare(`${sql} ORDER BY ${REPLY_HOURS} LIMIT 2 OFFSET @offset`)
      .all({ ...(key === "*" ? {} : { key }), offset: Math.floor((n - 1) / 2) }) as { h: number }[];
    const a = rows[0]?.h;
    const b = rows[1]?.h;
    if (a == null) continue;
    const m = n % 2 || b == null ? a : (a + b) / 2;
    out.set(key, Math.round(m * 10) / 10);
  }
  return out;
}

const NEGATIVE = `(rating <= @max OR (rating IS NULL AND recommendation = 'negative'))`;

/**
 * Open reviews (workflow open or escalated, not the baseline, not removed) still within their reply
 * deadline, per site or source (or all together): only those first seen after the earlier cutoff
 * can be, so an index range of the last days is read. Overdue = the open reviews of review_tally
 * minus these.
 */
export function openWithinDeadline(
  db: Database.Database,
  p: { negMax: number; negCutoff: string; otherCutoff: string },
  by?: "site" | "source",
): { key: string; n: number }[] {
  const key = by === "site" ? "site" : by === "source" ? "source_id" : "'*'";
  return db
    .prepare(
      // Without the hint SQLite walks every open review through reviews_status.
      `SELECT ${key} AS key, count(*) AS n FROM reviews INDEXED BY reviews_open
       WHERE first_seen_at >= @earliest AND status IN ('open', 'escalated') AND removed_at IS NULL AND baseline = 0
         AND first_seen_at >= CASE WHEN ${NEGATIVE} THEN @negCutoff ELSE @otherCutoff END
       GROUP BY 1`,
    )
    .all({
      max: p.negMax,
      negCutoff: p.negCutoff,
      otherCutoff: p.otherCutoff,
      earliest: p.negCutoff < p.otherCutoff ? p.negCutoff : p.otherCutoff,
    }) as { key: string; n: number }[];
}

/** A --since window, or groups by month or week: aggregates over the reviews themselves. */
function scanGroups(
  db: Database.Database,
  config: Config,
  opts: StatsOptions,
): { groups: StatsRow[]; total: StatsRow } {
  const max = config.negative.maxRating;
  const { negCutoff, otherCutoff } = deadlineParams(config, opts.now);
  const where = `removed_at IS NULL${opts.since ? ` AND ${WHEN} >= @since` : ""}`;
  const params = { max, since: opts.since ?? null, negCutoff, otherCutoff };
  const select = (key: string) => `
    SELECT ${key} AS key, count(*) AS count, count(rating) AS rated, avg(rating) AS average,
      sum(rating >= 1 AND rating < 2) AS s1, sum(rating >= 2 AND rating < 3) AS s2, sum(rating >= 3 AND rating < 4) AS s3,
      sum(rating >= 4 AND rating < 5) AS s4, sum(rating >= 5) AS s5,
      sum(${NEGATIVE}) AS negative,
      sum(status = 'replied' OR reply_text IS NOT NULL) AS replied,
      sum(status IN ('open', 'escalated') AND baseline = 0 AND first_seen_at < CASE WHEN ${NEGATIVE} THEN @negCutoff ELSE @otherCutoff END) AS overdue
    FROM reviews WHERE ${where}`;
  type Raw = {
    key: string | null;
    count: number;
    rated: number;
    average: number | null;
    s1: number | null;
    s2: number | null;
    s3: number | null;
    s4: number | null;
    s5: number | null;
    negative: number | null;
    replied: number | null;
    overdue: number | null;
  };
  const toRow = (r: Raw): StatsRow => ({
    key: r.key ?? "(unknown)",
    count: r.count,
    rated: r.rated,
    average: r.average == null ? null : Math.round(r.average * 100) / 100,
    distribution: [r.s1 ?? 0, r.s2 ?? 0, r.s3 ?? 0, r.s4 ?? 0, r.s5 ?? 0],
    negative: r.negative ?? 0,
    negativeShare: r.count ? (r.negative ?? 0) / r.count : null,
    replied: r.replied ?? 0,
    responseRate: r.count ? (r.replied ?? 0) / r.count : null,
    medianHoursToReply: null,
    overdue: r.overdue ?? 0,
  });
  const key = keyExpr(opts.by);
  const raws = db
    .prepare(
      `${select(key)} GROUP BY 1 ORDER BY 1${opts.by === "month" || opts.by === "week" ? " DESC" : ""}`,
    )
    .all(params) as Raw[];
  const groups = raws.map(toRow);
  // The total is the sum of the groups: one pass over the table instead of two.
  const sum = (f: (r: Raw) => number | null) => raws.reduce((a, r) => a + (f(r) ?? 0), 0);
  const rated = sum((r) => r.rated);
  const total = toRow({
    key: "all",
    count: sum((r) => r.count),
    rated,
    average: rated ? sum((r) => (r.average == null ? 0 : r.average * r.rated)) / rated : null,
    s1: sum((r) => r.s1),
    s2: sum((r) => r.s2),
    s3: sum((r) => r.s3),
    s4: sum((r) => r.s4),
    s5: sum((r) => r.s5),
    negative: sum((r) => r.negative),
    replied: sum((r) => r.replied),
    overdue: sum((r) => r.overdue),
  });

  // Medians: only the reply delays of replied reviews are read, and sorted here. (Asked to sort them,
  // SQLite would walk the whole reply-delay index to the window instead of the window to its rows.)
  const delays = db
    .prepare(
      `SELECT ${key} AS key, (julianday(coalesce(replied_at, reply_at)) - julianday(${WHEN})) * 24 AS hours
       FROM reviews${opts.since ? " INDEXED BY reviews_when" : ""}
       WHERE ${where} AND coalesce(replied_at, reply_at) IS NOT NULL`,
    )
    .all(params) as { key: string | null; hours: number | null }[];
  delays.sort((a, b) => (a.hours ?? 0) - (b.hours ?? 0));
  const byKey = new Map<string, number[]>();
  const all: number[] = [];
  for (const d of delays) {
    if (d.hours == null || d.hours < 0) continue;
    all.push(d.hours);
    const k = d.key ?? "(unknown)";
    (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(d.hours);
  }
  total.medianHoursToReply = median(all);
  for (const g of groups) g.medianHoursToReply = median(byKey.get(g.key) ?? []);

  return { groups, total };
}

/** What the sites themselves report, beside our own counts. */
function addReported(db: Database.Database, by: "site" | "source", groups: StatsRow[]): void {
  const col = by === "site" ? "site" : "id";
  const reported = db
    .prepare(
      `SELECT ${col} AS key, sum(site_count) AS count, sum(site_rating * site_count) / sum(site_count) AS rating FROM sources WHERE site_count IS NOT NULL GROUP BY 1`,
    )
    .all() as { key: string; count: number | null; rating: number | null }[];
  for (const g of groups) {
    const r = reported.find((x) => x.key === g.key);
    if (r)
      g.reported = { rating: r.rating == null ? null : Math.round(r.rating * 100) / 100, count: r.count };
  }
}

/**
 * Reviews per week since `from`, from review_days (whole UTC days after the day of `from`) plus the
 * reviews of that first, partial day read directly, so the counts are exactly those since `from`.
 */
function weeklyCounts(db: Database.Database, from: string, now: Date) {
  const fromDay = from.slice(0, 10);
  const days = db
    .prepare(
      `SELECT day, sum(n) AS n, sum(rated) AS rated, sum(rating_sum) AS ratingSum FROM review_days
       WHERE day > @fromDay AND n > 0 GROUP BY day`,
    )
    .all({ fromDay }) as { day: string; n: number; rated: number; ratingSum: number }[];
  const first = db
    .prepare(
      `SELECT count(*) AS n, count(rating) AS rated, coalesce(sum(rating), 0) AS ratingSum FROM reviews
       WHERE removed_at IS NULL AND ${WHEN} >= @from AND ${WHEN} < @nextDay`,
    )
    .get({ from, nextDay: `${fromDay}T99` }) as { n: number; rated: number; ratingSum: number };
  const weeks = new Map<string, { n: number; rated: number; ratingSum: number }>();
  const add = (day: string, d: { n: number; rated: number; ratingSum: number }) => {
    const label = weekLabel(new Date(`${day}T00:00:00Z`));
    const w = weeks.get(label) ?? weeks.set(label, { n: 0, rated: 0, ratingSum: 0 }).get(label)!;
    w.n += d.n;
    w.rated += d.rated;
    w.ratingSum += d.ratingSum;
  };
  if (first.n) add(fromDay, first);
  for (const d of days) add(d.day, d);
  const rows = [...weeks].map(([week, w]) => ({
    week,
    count: w.n,
    average: w.rated ? w.ratingSum / w.rated : null,
  }));
  return fillWeeks(rows, from, now);
}

function median(sorted: number[]): number | null {
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m * 10) / 10;
}

/** SQLite's %W week label of a date (weeks start on Monday; days before the first Monday are week 00). */
export function weekLabel(d: Date): string {
  const jan1 = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const yday = Math.floor((d.getTime() - jan1.getTime()) / 86400_000);
  const wdayMon0 = (d.getUTCDay() + 6) % 7;
  const week = Math.floor((yday + 7 - wdayMon0) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

function fillWeeks(rows: { week: string; count: number; average: number | null }[], from: string, now: Date) {
  const out: { week: string; count: number; average: number | null }[] = [];
  const seen = new Set<string>();
  for (let t = Date.parse(from); t <= now.getTime(); t += 7 * 86400_000) {
    const label = weekLabel(new Date(t));
    if (seen.has(label)) continue;
    seen.add(label);
    const r = rows.find((x) => x.week === label);
    out.push({
      week: label,
      count: r?.count ?? 0,
      average: r?.average == null ? null : Math.round(r.average * 100) / 100,
    });
  }
  return out;
}

const BARS = "▁▂▃▄▅▆▇█";

/** A sparkline for a terminal; `plain` gives digits for pipes. */
export function sparkline(values: number[], plain: boolean): string {
  if (plain) return values.join(" ");
  const max = Math.max(1, ...values);
  return values
    .map((v) => (v === 0 ? " " : BARS[Math.min(BARS.length - 1, Math.floor((v / max) * (BARS.length - 1)))]))
    .join("");
}
