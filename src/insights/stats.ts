// `reviews stats`: aggregation in SQL over the store (indexes, no full loads of review rows).
import type Database from "better-sqlite3";
import type { Config } from "../config/schema.js";

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

export function computeStats(
  db: Database.Database,
  config: Config,
  opts: { since?: string; by: GroupBy; now: Date; weeks?: number },
): Stats {
  const max = config.negative.maxRating;
  const now = opts.now.getTime();
  const negCutoff = new Date(now - config.replyWithinHours.negative * 3600_000).toISOString();
  const otherCutoff = new Date(now - config.replyWithinHours.other * 3600_000).toISOString();
  const isNeg = `(rating <= @max OR (rating IS NULL AND recommendation = 'negative'))`;
  const where = `removed_at IS NULL${opts.since ? ` AND ${WHEN} >= @since` : ""}`;
  const params = { max, since: opts.since ?? null, negCutoff, otherCutoff };
  const select = (key: string) => `
    SELECT ${key} AS key, count(*) AS count, count(rating) AS rated, avg(rating) AS average,
      sum(rating >= 1 AND rating < 2) AS s1, sum(rating >= 2 AND rating < 3) AS s2, sum(rating >= 3 AND rating < 4) AS s3,
      sum(rating >= 4 AND rating < 5) AS s4, sum(rating >= 5) AS s5,
      sum(${isNeg}) AS negative,
      sum(status = 'replied' OR reply_text IS NOT NULL) AS replied,
      sum(status IN ('open', 'escalated') AND baseline = 0 AND first_seen_at < CASE WHEN ${isNeg} THEN @negCutoff ELSE @otherCutoff END) AS overdue
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

  // Medians: only the reply delays of replied reviews are read, already sorted by SQLite.
  const delays = db
    .prepare(
      `SELECT ${key} AS key, (julianday(coalesce(replied_at, reply_at)) - julianday(${WHEN})) * 24 AS hours
       FROM reviews WHERE ${where} AND coalesce(replied_at, reply_at) IS NOT NULL ORDER BY hours`,
    )
    .all(params) as { key: string | null; hours: number | null }[];
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

  if (opts.by === "site" || opts.by === "source") {
    const col = opts.by === "site" ? "site" : "id";
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

  const weeks = opts.weeks ?? 12;
  const from = new Date(now - weeks * 7 * 86400_000).toISOString();
  const weekly = db
    .prepare(
      `SELECT strftime('%Y-W%W', ${WHEN}) AS week, count(*) AS count, avg(rating) AS average FROM reviews WHERE removed_at IS NULL AND ${WHEN} >= ? GROUP BY 1 ORDER BY 1`,
    )
    .all(from) as { week: string; count: number; average: number | null }[];
  return { since: opts.since ?? null, by: opts.by, total, groups, weekly: fillWeeks(weekly, from, opts.now) };
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
