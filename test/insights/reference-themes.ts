// The themes as computed before migration 5 (commit e784df3): every review of the period read
// one by one, classified on every run, local times from Intl for each instant. Kept as the reference
// that test/property/themes.test.ts compares computeThemes with; not used by the program.
import type Database from "better-sqlite3";
import type { Config } from "../../src/config/schema.js";
import { classify, classifyOptions } from "../../src/classify/index.js";
import { isNegative } from "../../src/domain/review.js";
import { weekLabel } from "../../src/insights/stats.js";
import {
  THEME_THRESHOLDS,
  add,
  finishThemes,
  frequentPhrases,
  newAcc,
  reviewPhrases,
  setGet,
  timeOfDay,
  type Bucket,
  type LocalTime,
  type Themes,
  type ThemesOptions,
  type TopicAcc,
} from "../../src/insights/themes.js";

const DAY = 86_400_000;

export function referenceClock(
  timeZone: string,
): (iso: string, precision: string | null) => LocalTime | null {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  });
  return (iso, precision) => {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return null;
    if (precision === "day") {
      const d = new Date(ms);
      return at(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / DAY, null);
    }
    if (precision !== "instant") return null;
    const parts = fmt.formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return at(Date.UTC(get("year"), get("month") - 1, get("day")) / DAY, get("hour") % 24);
  };
}

function at(day: number, hour: number | null): LocalTime {
  return {
    day,
    weekday: (((day + 3) % 7) + 7) % 7, // 1970-01-01 was a Thursday
    hour,
    date: new Date(day * DAY).toISOString().slice(0, 10),
  };
}

/** The Monday starting the week of a day number. */
const weekStart = (day: number) => day - ((((day + 3) % 7) + 7) % 7);

interface Row {
  id: number;
  site: string;
  rating: number | null;
  recommendation: string | null;
  title: string | null;
  text: string | null;
  published_at: string | null;
  published_precision: string | null;
  first_seen_at: string;
}

const WHEN = "coalesce(published_at, first_seen_at)";
const TOPIC_REASON = /^cue '(.+)' → ([\w-]+)$/;

export function referenceThemes(db: Database.Database, config: Config, opts: ThemesOptions): Themes {
  const T = THEME_THRESHOLDS;
  const maxRating = config.negative.maxRating;
  const timezone = config.business.timezone;
  const clock = referenceClock(timezone);
  const now = opts.now.getTime();
  const weeks = Math.max(1, Math.floor(opts.weeks ?? 12));
  const sinceMs = opts.since ? Date.parse(opts.since) : null;
  const recentFrom = now - T.recentWeeks * 7 * DAY;
  const previousFrom = recentFrom - T.previousWeeks * 7 * DAY;
  const nowWeek = weekStart(clock(opts.now.toISOString(), "instant")!.day);
  const firstWeek = nowWeek - (weeks - 1) * 7;
  const weekLabels = Array.from({ length: weeks }, (_, i) => weekLabel(new Date((firstWeek + 7 * i) * DAY)));

  // The trend (per-week counts, rising) looks at the last weeks whatever `since` says, like `stats`;
  // a day of margin before the first week covers every time zone.
  const from = sinceMs == null ? null : Math.min(sinceMs, previousFrom, (firstWeek - 1) * DAY);
  const isNeg = `(rating <= @max OR (rating IS NULL AND recommendation = 'negative'))`;
  // Words are read only where they are analysed: every review in scope, and all negative ones (phrases).
  const words = `@all = 1 OR ${isNeg}`;
  const stmt = db.prepare(
    `SELECT id, site, rating, recommendation,
       CASE WHEN ${words} THEN title END AS title,
       CASE WHEN ${words} THEN coalesce(original_text, text) END AS text,
       published_at, published_precision, first_seen_at
     FROM reviews
     WHERE removed_at IS NULL${from == null ? "" : ` AND ${WHEN} >= @from`}
     ORDER BY ${WHEN} DESC, id DESC`,
  );
  const params = {
    max: maxRating,
    all: opts.negativeOnly ? 0 : 1,
    ...(from == null ? {} : { from: new Date(from).toISOString() }),
  };

  const options = classifyOptions(config);
  const topics = new Map<string, TopicAcc>();
  // All reviews of the period, for the lift of a slot or a site and the share behind a rise.
  const base = { reviews: 0, slots: new Map<string, number>(), sites: new Map<string, number>() };
  const trendAll = { recent: 0, previous: 0 };
  const phrases = new Map<string, Bucket>();
  let inScopeCount = 0;

  for (const row of stmt.iterate(params) as IterableIterator<Row>) {
    const whenIso = row.published_at ?? row.first_seen_at;
    const t = Date.parse(whenIso);
    const inPeriod = sinceMs == null || t >= sinceMs;
    const negative = isNegative(row, maxRating);
    const inScope = inPeriod && (!opts.negativeOnly || negative);
    const timing = row.published_at ? clock(row.published_at, row.published_precision) : null;
    const slots = timing ? slotKeys(timing) : [];
    if (inPeriod) {
      base.reviews++;
      for (const k of slots) base.slots.set(k, (base.slots.get(k) ?? 0) + 1);
      base.sites.set(row.site, (base.sites.get(row.site) ?? 0) + 1);
    }
    if (t >= recentFrom) trendAll.recent++;
    else if (t >= previousFrom) trendAll.previous++;
    if (inScope) inScopeCount++;
    if (row.text == null && row.title == null) continue;
    if (opts.negativeOnly && !negative) continue;

    if (negative && inPeriod) {
      for (const p of reviewPhrases(`${row.title ?? ""}\n${row.text ?? ""}`)) {
        const b = phrases.get(p) ?? setGet(phrases, p, { n: 0, ids: [] });
        add(b, row.id);
      }
    }

    const c = classify(
      {
        rating: row.rating,
        recommendation:
          row.recommendation === "positive" || row.recommendation === "negative" ? row.recommendation : null,
        text: row.text,
        originalText: null,
        title: row.title,
        language: null,
        textLanguage: null,
      },
      options,
    );
    if (!c.topics.length) continue;
    const cues = new Map<string, string>();
    for (const reason of c.reasons) {
      const m = TOPIC_REASON.exec(reason);
      if (m) cues.set(m[2]!, m[1]!);
    }
    const localDay = timing?.day ?? clock(whenIso, "instant")?.day ?? null;
    const week = localDay == null ? -1 : (weekStart(localDay) - firstWeek) / 7;
    for (const topic of c.topics) {
      const acc = topics.get(topic) ?? setGet(topics, topic, newAcc(weeks));
      if (inScope) {
        acc.reviews++;
        if (negative) acc.negative++;
        if (acc.examples.length < T.maxExamples) acc.examples.push(row.id);
        const cue = cues.get(topic);
        if (cue) acc.cues.set(cue, (acc.cues.get(cue) ?? 0) + 1);
        for (const k of slots) add(acc.slots.get(k) ?? setGet(acc.slots, k, { n: 0, ids: [] }), row.id);
        add(acc.sites.get(row.site) ?? setGet(acc.sites, row.site, { n: 0, ids: [] }), row.id);
      }
      if (week >= 0 && week < weeks) acc.weekly[week]!++;
      if (t >= recentFrom) add(acc.recent, row.id);
      else if (t >= previousFrom) acc.previous++;
    }
  }

  return finishThemes({
    opts,
    timezone,
    reviews: inScopeCount,
    weeks: weekLabels,
    topics,
    base,
    trendAll,
    phrases: frequentPhrases(phrases),
  });
}

/** "d:5" (Saturday), "t:evening", "dt:5:evening"; only the weekday when the hour is unknown. */
function slotKeys(l: LocalTime): string[] {
  if (l.hour == null) return [`d:${l.weekday}`];
  const tod = timeOfDay(l.hour);
  return [`d:${l.weekday}`, `t:${tod}`, `dt:${l.weekday}:${tod}`];
}
