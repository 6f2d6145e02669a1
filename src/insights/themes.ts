// `reviews themes`: what reviews talk about, week by week; where and when a topic concentrates; and
// the phrases that keep coming back in negative reviews although no cue list names them yet.
// Pure but for its cache: reads the store through the date index (SQLite counts the period's
// reviews by site and local time slot; only the reviews analysed are read one by one), and keeps
// each review's topics and phrases in review_analysis (analysis-store.ts): worked out once.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { Config } from "../config/schema.js";
import { classifyOptions, topicsOf } from "../classify/index.js";
import { ABUSE, TOPICS, URGENT, stripDiacritics } from "../classify/cues.js";
import { siteName } from "../domain/review.js";
import { localClock, offsetStretches, timeOfDay, type OffsetStretch, type TimeOfDay } from "./local-time.js";
import { weekLabel } from "./stats.js";
import { AnalysisStore } from "./analysis-store.js";
import { liveCountsBetween, nextDay } from "../store/day-counts.js";
import { DaySummaries } from "../store/day-summaries.js";
import {
  ThemeDays,
  newDaySummary,
  newScope,
  summaryKind,
  type DaySummary,
  type PeriodBase,
  type TopicScope,
} from "./theme-days.js";

export { localClock, timeOfDay, type LocalTime, type TimeOfDay } from "./local-time.js";

const DAY = 86_400_000;

/**
 * Every threshold of `computeThemes`, in one place.
 *
 * - A **concentration** (a weekday, a time of day, both, or a site) is reported when at least
 *   `minReviews` (3) of a topic's reviews fall in it, they are at least `minShare` (60%) of the
 *   topic's reviews, and that share is at least `minLift` (1.5×) the share of *all* reviews of the
 *   period falling in it — otherwise the slot is merely busy (most restaurant reviews are written in
 *   the evening, and most may come from one site). Fewer than 3 reviews is chance.
 * - A topic is **rising** when it has at least `minReviews` (3) reviews in the last `recentWeeks`
 *   (4), a weekly rate at least `risingFactor` (2×) the rate of the `previousWeeks` (8) before, and
 *   a larger share of all reviews than before (so that a busier month alone is not a rise).
 * - A **phrase** is reported when it occurs in at least `minPhraseReviews` (2) distinct negative
 *   reviews; at most `maxPhrases` are listed.
 * - Each topic, pattern and phrase carries up to `maxExamples` (5) review ids, newest first.
 */
export const THEME_THRESHOLDS = {
  minReviews: 3,
  minShare: 0.6,
  minLift: 1.5,
  recentWeeks: 4,
  previousWeeks: 8,
  risingFactor: 2,
  minPhraseReviews: 2,
  maxPhrases: 20,
  maxExamples: 5,
} as const;

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The Monday starting the week of a day number. */
const weekStart = (day: number) => day - ((((day + 3) % 7) + 7) % 7);

export interface ThemeTopic {
  /** The classifier's topic: food, service, waiting, price, cleanliness, delivery, booking, staff. */
  topic: string;
  /** Reviews in the period (and scope) that mention it. */
  reviews: number;
  /** Of them, negative ones. */
  negative: number;
  /** Reviews per week, oldest first, aligned with `Themes.weeks` (the last weeks, whatever `since`). */
  weekly: number[];
  /** Up to 5 review ids, newest first. */
  examples: number[];
  /** The words that matched, with the number of reviews each was found in. */
  cues: { cue: string; reviews: number }[];
}

export interface ThemePattern {
  kind: "time" | "site" | "rising";
  topic: string;
  /** One plain English sentence. */
  sentence: string;
  /** The topic's reviews the pattern is about (for `rising`: the last 12 weeks). */
  reviews: number;
  /** Of them, the ones in the slot, on the site, or in the last 4 weeks. */
  matching: number;
  share: number;
  weekday: string | null;
  timeOfDay: TimeOfDay | null;
  site: string | null;
  recent: number | null;
  previous: number | null;
  examples: number[];
}

export interface ThemePhrase {
  phrase: string;
  /** Distinct negative reviews it occurs in. */
  reviews: number;
  examples: number[];
}

export interface Themes {
  since: string | null;
  negativeOnly: boolean;
  timezone: string;
  /** Reviews in the period and scope (negative ones only with `negativeOnly`). */
  reviews: number;
  /** Labels of the weeks of `ThemeTopic.weekly` (SQLite %W of each week's Monday), oldest first. */
  weeks: string[];
  topics: ThemeTopic[];
  patterns: ThemePattern[];
  phrases: ThemePhrase[];
}

export interface ThemesOptions {
  /** Only reviews published (or, without a date, first seen) at or after this ISO instant. */
  since?: string;
  /** Only negative reviews (rating ≤ negative.maxRating, or a negative recommendation). */
  negativeOnly: boolean;
  now: Date;
  /** Weeks of the per-week counts (default 12). */
  weeks?: number;
  /** Whether to find the phrases (default true; the digest shows none). */
  phrases?: boolean;
  /** Reviews read (and their analysis saved) at a time (default 5,000; tests use small pages). */
  pageSize?: number;
}

export interface Bucket {
  n: number;
  ids: number[];
}

export interface TopicAcc {
  reviews: number;
  negative: number;
  examples: number[];
  cues: Map<string, number>;
  weekly: number[];
  slots: Map<string, Bucket>;
  sites: Map<string, Bucket>;
  recent: Bucket;
  previous: number;
}

/**
 * A row of the analysed reviews, as an array (from the date index alone: its date, and whether that
 * is the publication date); review_analysis' columns are null when not analysed.
 */
type Row = [
  id: number,
  site: string,
  rating: number | null,
  recommendation: string | null,
  when: string,
  undated: number,
  publishedPrecision: string | null,
  topics: string | null,
  phrases: string | null,
];

const WHEN = "coalesce(published_at, first_seen_at)";
// Never NULL: a review without a rating counts by its recommendation.
const NEG = `(CASE WHEN rating IS NOT NULL THEN rating <= @max ELSE coalesce(recommendation = 'negative', 0) END)`;

/**
 * Bump when what a review's analysis holds changes in a way its inputs below do not show (the
 * matching of cues, the phrase rules): every stored analysis is then worked out again.
 */
const ANALYSIS_VERSION = 1;

/** The analysis a review's stored topics and phrases belong to: this program's lists and the config's cues. */
function analysisKey(cues: ClassifyCues): string {
  return createHash("sha1")
    .update(JSON.stringify([ANALYSIS_VERSION, TOPICS, URGENT, ABUSE, STOP, [...ENGLISH_WORDS], cues ?? null]))
    .digest("hex");
}

export function computeThemes(db: Database.Database, config: Config, opts: ThemesOptions): Themes {
  const T = THEME_THRESHOLDS;
  const maxRating = config.negative.maxRating;
  const timezone = config.business.timezone;
  const clock = localClock(timezone);
  const now = opts.now.getTime();
  const weeks = Math.max(1, Math.floor(opts.weeks ?? 12));
  const sinceMs = opts.since ? Date.parse(opts.since) : null;
  const sinceIso = sinceMs == null ? null : new Date(sinceMs).toISOString();
  const recentFrom = now - T.recentWeeks * 7 * DAY;
  const previousFrom = recentFrom - T.previousWeeks * 7 * DAY;
  const recentIso = new Date(recentFrom).toISOString();
  const previousIso = new Date(previousFrom).toISOString();
  const nowWeek = weekStart(clock(opts.now.toISOString(), "instant")!.day);
  const firstWeek = nowWeek - (weeks - 1) * 7;
  const weekLabels = Array.from({ length: weeks }, (_, i) => weekLabel(new Date((firstWeek + 7 * i) * DAY)));

  // The trend (per-week counts, rising) looks at the last weeks whatever `since` says, like `stats`;
  // a day of margin before the first week covers every time zone.
  const from = sinceMs == null ? null : Math.min(sinceMs, previousFrom, (firstWeek - 1) * DAY);

  // Every review of the last 4 weeks and of the 8 before, from the counts per day (the 73,000 reviews
  // of 12 weeks on the benchmark's database took 17 ms to count from the date index).
  const [previousAll = 0, recentAll = 0] = liveCountsBetween(db, [previousIso, recentIso]);
  const trendAll = { recent: recentAll, previous: previousAll };

  // The reviews analysed (every one of the period and the trend weeks, or only the negative ones),
  // newest first, each with its stored analysis when there is one; in pages, after each of which
  // what was worked out is saved (a long first run keeps its work if it is stopped, and holds one
  // page of it at a time). The kept phrases only when they are wanted: a negative review's list
  // averages 880 bytes, and making strings of them for the digest's 12 weeks (14,346 reviews on
  // the benchmark's database, 12 MB) took the read from 91 to 215 ms.
  const withPhrases = opts.phrases ?? true;
  const page = (after: boolean, bounded: boolean) =>
    db
      .prepare(
        `SELECT r.id, r.site, r.rating, r.recommendation, ${WHEN}, r.published_at IS NULL, r.published_precision,
           t.topics, ${withPhrases ? "t.phrases" : "NULL"}
         FROM reviews r INDEXED BY reviews_when LEFT JOIN review_analysis t ON t.review_id = r.id
         WHERE r.removed_at IS NULL${from == null && !bounded ? "" : ` AND ${WHEN} >= @from`}${bounded ? ` AND ${WHEN} < @to` : ""}${opts.negativeOnly ? ` AND ${NEG}` : ""}
           ${after ? `AND ${WHEN} <= @lastWhen AND (${WHEN} < @lastWhen OR r.id < @lastId)` : ""}
         ORDER BY ${WHEN} DESC, r.id DESC LIMIT @size`,
      )
      .raw(true);
  const size = Math.max(1, Math.floor(opts.pageSize ?? 5000));
  const params = {
    size,
    ...(opts.negativeOnly ? { max: maxRating } : {}),
    ...(from == null ? {} : { from: new Date(from).toISOString() }),
  };
  const words = db.prepare("SELECT title, coalesce(original_text, text) AS text FROM reviews WHERE id = ?");

  const options = classifyOptions(config);
  const store = new AnalysisStore(db, "topics", analysisKey(options.cues));
  const topics = new Map<string, TopicAcc>();
  const phrases = new Map<string, Bucket>();
  let inScopeCount = 0;
  let unsaved = 0;

  /** A row's topics (and phrases when wanted): the stored analysis, or a new one kept for next time. */
  const analysed = (row: Row, wantPhrases: boolean) => {
    const [id, , , , , , , stored, storedPhrases] = row;
    let topicList = store.current && stored != null ? parseTopics(stored) : null;
    let phraseList =
      wantPhrases && store.current && storedPhrases != null ? (JSON.parse(storedPhrases) as string[]) : null;
    if (!topicList || (wantPhrases && !phraseList)) {
      const w = words.get(id) as { title: string | null; text: string | null };
      const hasWords = w.text != null || w.title != null;
      topicList ??= hasWords ? analyse(w.title, w.text, options.cues) : [];
      if (wantPhrases) phraseList = hasWords ? [...reviewPhrases(`${w.title ?? ""}\n${w.text ?? ""}`)] : [];
      store.keep(id, {
        topics: topicList.length ? JSON.stringify(topicList) : "[]",
        phrases: phraseList ? JSON.stringify(phraseList) : null,
      });
      if (++unsaved >= size) {
        store.save();
        unsaved = 0;
      }
    }
    return { topicList, phraseList };
  };
  /** When a row happened on the business's clock, and on which local day. */
  const timingOf = (row: Row) => {
    const [, , , , whenIso, undated, precision] = row;
    const timing = undated ? null : clock(whenIso, precision);
    const localDay = timing?.day ?? clock(whenIso, "instant")?.day ?? null;
    return { timing, localDay };
  };
  const weekOf = (localDay: number | null) => (localDay == null ? -1 : (weekStart(localDay) - firstWeek) / 7);

  /** One row into the answer, with every edge of the periods asked about it. */
  const visit = (row: Row) => {
    const [id, site, rating, recommendation, whenIso] = row;
    const inPeriod = sinceIso == null || whenIso >= sinceIso;
    const negative = rating != null ? rating <= maxRating : recommendation === "negative";
    const inScope = inPeriod && (!opts.negativeOnly || negative);
    if (inScope && opts.negativeOnly) inScopeCount++;
    const { topicList, phraseList } = analysed(row, withPhrases && negative && inPeriod);
    if (phraseList)
      for (const p of phraseList) add(phrases.get(p) ?? setGet(phrases, p, { n: 0, ids: [] }), id);
    if (!topicList.length) return;

    const { timing, localDay } = timingOf(row);
    const slots = inScope && timing ? slotKeys(timing.weekday, timing.hour) : [];
    const week = weekOf(localDay);
    for (const [topic, cue] of topicList) {
      const acc = topics.get(topic) ?? setGet(topics, topic, newAcc(weeks));
      if (inScope) countIn(acc, id, negative, cue, slots, site);
      if (week >= 0 && week < weeks) acc.weekly[week]!++;
      if (whenIso >= recentIso) add(acc.recent, id);
      else if (whenIso >= previousIso) acc.previous++;
    }
  };

  /** Every row from `fromIso` (inclusive) to `toIso` (exclusive, or none), newest first, in pages. */
  const first = page(false, false);
  const next = page(true, false);
  const firstIn = page(false, true);
  const nextIn = page(true, true);
  const read = (range: { from: string; to: string } | null, each: (row: Row) => void) => {
    const p = range ? { ...params, ...range } : params;
    let rows = (range ? firstIn : first).all(p) as Row[];
    for (;;) {
      for (const row of rows) each(row);
      if (rows.length < size) break;
      const last = rows[rows.length - 1]!;
      rows = (range ? nextIn : next).all({ ...p, lastWhen: last[4], lastId: last[0] }) as Row[];
    }
  };

  // All reviews of the period, for the lift of a slot or a site and the share behind a rise: SQLite
  // counts them from the date index, grouped by site and local slot.
  let base: PeriodBase;
  if (withPhrases) {
    base = periodCounts(db, timezone, sinceIso);
    read(null, visit);
  } else {
    // Without phrases (the digest), day by day: a day that no edge of the periods cuts is read from
    // its summary when it has not changed since one was made, else summed up and its summary kept.
    base = { reviews: 0, slots: new Map(), sites: new Map() };
    const fromIso = params.from ?? null;
    const sinceDay = sinceIso?.slice(0, 10) ?? null;
    const recentDay = recentIso.slice(0, 10);
    const previousDay = previousIso.slice(0, 10);
    const cut = new Set(
      [fromIso, sinceIso, recentIso, previousIso].flatMap((d) => (d ? [d.slice(0, 10)] : [])),
    );
    const kind = summaryKind([analysisKey(options.cues), timezone, maxRating, opts.negativeOnly]);
    const fromDay = fromIso?.slice(0, 10) ?? null;
    const days = DaySummaries.days(db, fromDay);
    const kept = new ThemeDays(db, kind, fromDay);
    const addBase = (b: PeriodBase) => {
      base.reviews += b.reviews;
      for (const [k, n] of b.sites) base.sites.set(k, (base.sites.get(k) ?? 0) + n);
      for (const [k, n] of b.slots) base.slots.set(k, (base.slots.get(k) ?? 0) + n);
    };
    for (const [day, version] of days) {
      const to = nextDay(day);
      const inPeriod = sinceDay == null || day >= sinceDay;
      if (cut.has(day)) {
        // Review by review, each asked about the edges (the first day read only from `from`).
        read({ from: fromIso && fromIso > day ? fromIso : day, to }, visit);
        if (inPeriod) addBase(periodCounts(db, timezone, sinceIso && sinceIso > day ? sinceIso : day, to));
        continue;
      }
      let summary = kept.get(day, version, inPeriod);
      if (!summary) {
        summary = summarise(day, to, inPeriod);
        kept.keep(day, version, summary);
      }
      if (inPeriod) {
        addBase(summary.base!);
        if (opts.negativeOnly) inScopeCount += summary.inScope;
      }
      for (const [topic, t] of summary.topics) {
        const acc = topics.get(topic) ?? setGet(topics, topic, newAcc(weeks));
        const s = inPeriod ? t.scope : null;
        if (s) {
          acc.reviews += s.reviews;
          acc.negative += s.negative;
          for (const id of s.examples) if (acc.examples.length < T.maxExamples) acc.examples.push(id);
          for (const [cue, n] of s.cues) acc.cues.set(cue, (acc.cues.get(cue) ?? 0) + n);
          for (const [k, b] of s.slots) merge(acc.slots.get(k) ?? setGet(acc.slots, k, { n: 0, ids: [] }), b);
          for (const [k, b] of s.sites) merge(acc.sites.get(k) ?? setGet(acc.sites, k, { n: 0, ids: [] }), b);
        }
        for (const [localDay, n] of t.local) {
          const week = weekOf(localDay);
          if (week >= 0 && week < weeks) acc.weekly[week]! += n;
        }
        if (day > recentDay) merge(acc.recent, t.all);
        else if (day > previousDay) acc.previous += t.all.n;
      }
    }
    kept.save();

    /** One whole day's rows as a summary (with the period's figures when `whole`). */
    function summarise(day: string, to: string, whole: boolean): DaySummary {
      const d = newDaySummary(whole);
      read({ from: day, to }, (row) => {
        const [id, site, rating, recommendation] = row;
        const negative = rating != null ? rating <= maxRating : recommendation === "negative";
        const inScope = whole && (!opts.negativeOnly || negative);
        if (inScope) d.inScope++;
        const { topicList } = analysed(row, false);
        if (!topicList.length) return;
        const { timing, localDay } = timingOf(row);
        const slots = inScope && timing ? slotKeys(timing.weekday, timing.hour) : [];
        for (const [topic, cue] of topicList) {
          let t = d.topics.get(topic);
          if (!t) d.topics.set(topic, (t = { all: { n: 0, ids: [] }, local: new Map(), scope: null }));
          add(t.all, id);
          if (localDay != null) t.local.set(localDay, (t.local.get(localDay) ?? 0) + 1);
          if (inScope) countIn((t.scope ??= newScope()), id, negative, cue, slots, site);
        }
      });
      if (whole) d.base = periodCounts(db, timezone, day, to);
      return d;
    }
  }
  store.save();
  if (!opts.negativeOnly) inScopeCount = base.reviews;

  return finishThemes({
    opts,
    timezone,
    reviews: inScopeCount,
    weeks: weekLabels,
    topics,
    base,
    trendAll,
    phrases: withPhrases ? frequentPhrases(phrases) : [],
  });
}

/** What the reading of the reviews gathered; finishThemes turns it into the answer. */
export interface ThemeCounts {
  opts: ThemesOptions;
  timezone: string;
  /** Reviews in the period and scope. */
  reviews: number;
  weeks: string[];
  topics: Map<string, TopicAcc>;
  /** All reviews of the period: how many, per local slot and per site. */
  base: { reviews: number; slots: Map<string, number>; sites: Map<string, number> };
  /** All reviews of the last 4 weeks, and of the 8 before. */
  trendAll: { recent: number; previous: number };
  phrases: ThemePhrase[];
}

/** The topics, sorted, and the patterns that stand out (exported for the reference in the tests). */
export function finishThemes(c: ThemeCounts): Themes {
  const T = THEME_THRESHOLDS;
  const { opts, topics, base, trendAll } = c;
  const topicList: ThemeTopic[] = [...topics]
    .filter(([, a]) => a.reviews > 0)
    .map(([topic, a]) => ({
      topic,
      reviews: a.reviews,
      negative: a.negative,
      weekly: a.weekly,
      examples: a.examples,
      cues: [...a.cues]
        .map(([cue, reviews]) => ({ cue, reviews }))
        .sort((x, y) => y.reviews - x.reviews || byCodePoint(x.cue, y.cue)),
    }))
    .sort((x, y) => y.reviews - x.reviews || y.negative - x.negative || byCodePoint(x.topic, y.topic));

  const noun = opts.negativeOnly ? "negative reviews" : "reviews";
  const patterns: ThemePattern[] = [];
  for (const [topic, a] of [...topics].sort(([x], [y]) => byCodePoint(x, y))) {
    const blank = {
      topic,
      weekday: null,
      timeOfDay: null,
      site: null,
      recent: null,
      previous: null,
    };
    const concentrated = (bucket: Bucket | undefined, baseCount: number) =>
      bucket != null &&
      bucket.n >= T.minReviews &&
      bucket.n / a.reviews >= T.minShare &&
      bucket.n / a.reviews >= T.minLift * (baseCount / base.reviews);
    const lead = `'${topic}' in ${a.reviews} ${noun}, `;

    // When: the most specific slot that stands out (weekday and time of day, else either alone).
    for (const prefix of ["dt:", "d:", "t:"]) {
      const [key, bucket] = best(a.slots, prefix);
      if (!key || !concentrated(bucket, base.slots.get(key) ?? 0)) continue;
      const [, first, second] = key.split(":");
      const weekday = prefix === "t:" ? null : WEEKDAYS[Number(first)]!;
      const tod = (prefix === "dt:" ? second : prefix === "t:" ? first : null) as TimeOfDay | null;
      const slot =
        weekday && tod
          ? `about ${weekday} ${tod}s`
          : weekday
            ? `about ${weekday}s`
            : tod === "night"
              ? "at night"
              : `in the ${tod}`;
      patterns.push({
        ...blank,
        kind: "time",
        sentence: `${lead}${bucket!.n} of them ${slot}`,
        reviews: a.reviews,
        matching: bucket!.n,
        share: round(bucket!.n / a.reviews),
        weekday,
        timeOfDay: tod,
        examples: bucket!.ids,
      });
      break;
    }

    // Where: one site.
    const [site, bucket] = best(a.sites, "");
    if (site && concentrated(bucket, base.sites.get(site) ?? 0)) {
      patterns.push({
        ...blank,
        kind: "site",
        sentence: `${lead}${bucket!.n} of them on ${siteName(site)}`,
        reviews: a.reviews,
        matching: bucket!.n,
        share: round(bucket!.n / a.reviews),
        site,
        examples: bucket!.ids,
      });
    }

    // Rising: the last 4 weeks against the 8 before, as weekly rates and as a share of all reviews.
    const recent = a.recent.n;
    const previous = a.previous;
    const recentRate = recent / T.recentWeeks;
    const previousRate = previous / T.previousWeeks;
    const shareUp = previous === 0 || recent / trendAll.recent > previous / trendAll.previous;
    if (recent >= T.minReviews && recentRate >= T.risingFactor * previousRate && shareUp) {
      patterns.push({
        ...blank,
        kind: "rising",
        sentence: `'${topic}' is rising: ${recent} ${noun} in the last ${T.recentWeeks} weeks against ${previous || "none"} in the ${T.previousWeeks} weeks before`,
        reviews: recent + previous,
        matching: recent,
        share: round(recent / (recent + previous)),
        recent,
        previous,
        examples: a.recent.ids,
      });
    }
  }
  const order = { time: 0, site: 1, rising: 2 };
  patterns.sort(
    (x, y) => y.matching - x.matching || order[x.kind] - order[y.kind] || byCodePoint(x.topic, y.topic),
  );

  return {
    since: opts.since ?? null,
    negativeOnly: opts.negativeOnly,
    timezone: c.timezone,
    reviews: c.reviews,
    weeks: c.weeks,
    topics: topicList,
    patterns,
    phrases: c.phrases,
  };
}

export function newAcc(weeks: number): TopicAcc {
  return {
    reviews: 0,
    negative: 0,
    examples: [],
    cues: new Map(),
    weekly: new Array<number>(weeks).fill(0),
    slots: new Map(),
    sites: new Map(),
    recent: { n: 0, ids: [] },
    previous: 0,
  };
}

export function setGet<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}

export function add(b: Bucket, id: number): void {
  b.n++;
  if (b.ids.length < THEME_THRESHOLDS.maxExamples) b.ids.push(id);
}

/** A review in scope naming a topic (by `cue`), into the topic's figures (or a day's part of them). */
function countIn(
  s: TopicScope,
  id: number,
  negative: boolean,
  cue: string,
  slots: readonly string[],
  site: string,
): void {
  s.reviews++;
  if (negative) s.negative++;
  if (s.examples.length < THEME_THRESHOLDS.maxExamples) s.examples.push(id);
  s.cues.set(cue, (s.cues.get(cue) ?? 0) + 1);
  for (const k of slots) add(s.slots.get(k) ?? setGet(s.slots, k, { n: 0, ids: [] }), id);
  add(s.sites.get(site) ?? setGet(s.sites, site, { n: 0, ids: [] }), id);
}

/** A later (older) bucket's reviews after those of `b`: its count, and ids while there is room. */
function merge(b: Bucket, older: Bucket): void {
  b.n += older.n;
  for (const id of older.ids) if (b.ids.length < THEME_THRESHOLDS.maxExamples) b.ids.push(id);
}

/** The largest bucket whose key starts with `prefix` (ties: the smaller key, so results are stable). */
function best(map: Map<string, Bucket>, prefix: string): [string | undefined, Bucket | undefined] {
  let key: string | undefined;
  let bucket: Bucket | undefined;
  for (const [k, b] of map) {
    if (!k.startsWith(prefix)) continue;
    if (!bucket || b.n > bucket.n || (b.n === bucket.n && k < key!)) [key, bucket] = [k, b];
  }
  return [key, bucket];
}

/** "d:5" (Saturday), "t:evening", "dt:5:evening"; only the weekday when the hour is unknown. */
function slotKeys(weekday: number, hour: number | null): string[] {
  if (hour == null) return [`d:${weekday}`];
  const tod = timeOfDay(hour);
  return [`d:${weekday}`, `t:${tod}`, `dt:${weekday}:${tod}`];
}

/**
 * Every review of the period (published, or first seen, at or after `since`; all without it): how
 * many, per site and per local slot. SQLite groups them on the date index by local weekday and hour,
 * which it computes with the zone's offsets over the period (offsetStretches): a publication time
 * known to the instant gets its weekday and hour, a date alone its weekday. (Exported for its test.)
 */
export function periodCounts(
  db: Database.Database,
  timeZone: string,
  since: string | null,
  until?: string,
): PeriodBase {
  const base = { reviews: 0, slots: new Map<string, number>(), sites: new Map<string, number>() };
  const range = `${since == null ? "" : ` AND ${WHEN} >= @since`}${until == null ? "" : ` AND ${WHEN} < @until`}`;
  const bounds = { ...(since == null ? {} : { since }), ...(until == null ? {} : { until }) };
  const edge = (dir: "ASC" | "DESC") =>
    (
      db
        .prepare(
          `SELECT ${WHEN} AS w FROM reviews INDEXED BY reviews_when
           WHERE published_precision = 'instant'${range}
           ORDER BY ${WHEN} ${dir} LIMIT 1`,
        )
        .get(bounds) as { w: string } | undefined
    )?.w;
  const first = edge("ASC");
  const last = edge("DESC");
  const stretches: OffsetStretch[] =
    first && last
      ? offsetStretches(timeZone, Date.parse(first), Date.parse(last))
      : [{ until: Infinity, offset: 0 }];
  const params: Record<string, string> = { ...bounds };
  const shifts = stretches.map((s, i) => {
    params[`o${i}`] = `${s.offset >= 0 ? "+" : ""}${s.offset / 1000} seconds`;
    if (s.until === Infinity) return `ELSE @o${i}`;
    params[`u${i}`] = new Date(s.until).toISOString();
    return `WHEN w < @u${i} THEN @o${i}`;
  });
  // The inner query reads the date index alone (SQLite would not, for a date inside strftime);
  // LIMIT -1 keeps it apart.
  const rows = db
    .prepare(
      `SELECT site, CASE WHEN undated THEN NULL
           WHEN p = 'day' THEN strftime('%w', w)
           WHEN p = 'instant' THEN strftime('%w %H', w, ${shifts.length === 1 ? "@o0" : `CASE ${shifts.join(" ")} END`})
         END AS slot, count(*) AS n
       FROM (SELECT site, ${WHEN} AS w, published_at IS NULL AS undated, published_precision AS p
         FROM reviews INDEXED BY reviews_when
         WHERE removed_at IS NULL${range} LIMIT -1)
       GROUP BY 1, 2`,
    )
    .all(params) as { site: string; slot: string | null; n: number }[];
  for (const { site, slot, n } of rows) {
    base.reviews += n;
    base.sites.set(site, (base.sites.get(site) ?? 0) + n);
    if (slot == null) continue;
    const weekday = (Number(slot.slice(0, 1)) + 6) % 7; // %w: 0 = Sunday
    const hour = slot.length > 1 ? Number(slot.slice(2)) : null;
    for (const k of slotKeys(weekday, hour)) base.slots.set(k, (base.slots.get(k) ?? 0) + n);
  }
  return base;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Plain code-point order: the same on every machine, whatever its locale (stable JSON). */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// Cheap pre-check: the classifier finds a topic only where a cue occurs as a substring (of the
// lower-cased text, or of the text without diacritics for longer Vietnamese cues). Reviews without
// any are skipped without building the classifier's regular expressions.

const TOPIC_NEEDLES = (() => {
  const exact = new Set<string>();
  const bare = new Set<string>();
  for (const table of Object.values(TOPICS))
    for (const cues of Object.values(table))
      for (const cue of cues) {
        const c = cue.toLowerCase();
        exact.add(c);
        const b = stripDiacritics(c);
        if (b !== c && b.length >= 5) bare.add(b);
      }
  return { exact: [...exact], bare: [...bare] };
})();

const parseTopics = (json: string): [string, string][] =>
  json === "[]" ? [] : (JSON.parse(json) as [string, string][]);

/** A text's topics, each with the cue that named it, as the classifier finds them. */
function analyse(title: string | null, text: string | null, cues: ClassifyCues): [string, string][] {
  // The quick pre-filter knows only the built-in cues: with your own (classify.cues) every review is read.
  if (!cues && !mayHaveTopic(title, text)) return [];
  return topicsOf(title, text, cues).map((t) => [t.key, t.cue]);
}
type ClassifyCues = ReturnType<typeof classifyOptions>["cues"];

function mayHaveTopic(title: string | null, text: string | null): boolean {
  const body = `${title ?? ""}\n${text ?? ""}`.toLowerCase();
  if (TOPIC_NEEDLES.exact.some((c) => body.includes(c))) return true;
  const plain = stripDiacritics(body);
  return TOPIC_NEEDLES.bare.some((c) => plain.includes(c));
}

// ---------------------------------------------------------------------------------------------
// Phrases: word bigrams and trigrams of negative reviews, stop words removed, within a clause.

/**
 * Function words of English, Vietnamese (syllables) and Estonian, and the words that merely name
 * the business itself (food, place, restaurant; đồ ăn, món, quán; toit, koht). Negations are kept on
 * purpose: "not fresh", "không nghe", "ei töötanud" are the point.
 */
const STOP = {
  en: `a an the and or but if then so as at by for from in into of on onto to with without about after
    before again also just very really too quite much many more most some any all both each few other
    such only own same than that this these those there here what which who whom whose when where why
    how i me my mine myself we us our ours you your yours he him his she her hers it its they them their
    theirs is am are was were be been being have has had having do does did doing will would shall
    should can could may might must i'm we're we've we'd we'll you're they're it's that's there's i've
    i'd i'll he's she's let's get got gets go went come came one even still ever like bit well
    because while during over under up down out off through until again place restaurant food
    meal meals dish dishes`,
  vi: `và là của có được thì mà rất quá này đó kia cho với các những một tôi chúng ta mình bạn anh chị em
    họ nó đã đang sẽ cũng lại nhưng vì nên khi ở trong ngoài ra vào lên xuống đi đến thật lắm nhé ạ ơi
    nha nhiều ít hơn nhất như để từ về theo bị rồi nữa vẫn còn chỉ mới hay hoặc nếu thế vậy ấy gì ai
    đây sau trước luôn lúc làm quán đồ ăn món`,
  et: `ja on oli olid olime oleme olema olla ole see seda selle sellel et aga ka kui siis mis mida ma mu
    mina minu me meie meid meil meile sa sina te teie nad nemad ta tema nii väga veel juba või kes kus
    nagu oma üks ühe sest kuid siin seal pärast enne ainult kõik kogu liiga ning kas siia sinna üle
    ilma koos vaid isegi natuke sai saime toit toidu toidud söök koht
    restoran`,
};
const ENGLISH_WORDS = new Set(["no", "day", "van", "ban", "den", "con"]);
const STOP_WORDS = (() => {
  const set = new Set<string>();
  for (const list of Object.values(STOP))
    for (const w of list.split(/\s+/).filter(Boolean)) {
      set.add(w.normalize("NFC"));
      // Vietnamese is often typed without diacritics ("rat ngon"); those forms are function words
      // too, except where they would hide an English word ("nó" → "no", "đây" → "day").
      const bare = stripDiacritics(w);
      if (list === STOP.vi && bare.length >= 2 && !ENGLISH_WORDS.has(bare)) set.add(bare);
    }
  return set;
})();

const CLAUSE_BREAK = /[^\p{L}\p{M}\p{N}'\s]+/u;
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*/gu;

/** Lower-cased words per clause (punctuation ends a clause), apostrophes unified. */
export function clauses(text: string): string[][] {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .split(CLAUSE_BREAK)
    .map((c) => c.match(TOKEN) ?? [])
    .filter((c) => c.length > 0);
}

/** Every word of every cue list (topics, urgent, abuse) in every language. */
const CUE_WORDS = (() => {
  const exact = new Set<string>();
  const bare = new Set<string>();
  const prefixes: string[] = [];
  const tables = [...Object.values(TOPICS), ...Object.values(URGENT)].flatMap((t) => Object.values(t).flat());
  for (const cue of [...tables, ...Object.values(ABUSE).flat()])
    for (const word of clauses(cue).flat()) {
      exact.add(word);
      const b = stripDiacritics(word);
      if (b !== word && b.length >= 5) bare.add(b);
      // As in the classifier, a cue longer than 4 letters also matches as a word start ("discriminat").
      if (word.length > 4) prefixes.push(word);
    }
  return { exact, bare, prefixes };
})();
const cueWordCache = new Map<string, boolean>();

function isCueWord(w: string): boolean {
  let hit = cueWordCache.get(w);
  if (hit === undefined) {
    hit =
      CUE_WORDS.exact.has(w) ||
      CUE_WORDS.bare.has(stripDiacritics(w)) ||
      CUE_WORDS.prefixes.some((p) => w.startsWith(p));
    if (cueWordCache.size < 50_000) cueWordCache.set(w, hit);
  }
  return hit;
}

/**
 * The distinct phrases of one review: bigrams and trigrams of the words left once stop words are
 * removed (a number or a one-letter word breaks a phrase), never crossing punctuation, and never made
 * only of cue words — those are named already (topics, urgent, abuse).
 */
export function reviewPhrases(text: string): Set<string> {
  const out = new Set<string>();
  for (const clause of clauses(text)) {
    const runs: string[][] = [[]];
    for (const w of clause) {
      if (STOP_WORDS.has(w)) continue;
      if (/\p{N}/u.test(w) || Array.from(w).length < 2) {
        runs.push([]);
        continue;
      }
      runs.at(-1)!.push(w);
    }
    for (const run of runs)
      for (const n of [2, 3])
        for (let i = 0; i + n <= run.length; i++) {
          const gram = run.slice(i, i + n);
          if (gram.every(isCueWord)) continue;
          out.add(gram.join(" "));
        }
  }
  return out;
}

export function frequentPhrases(phrases: Map<string, Bucket>): ThemePhrase[] {
  const T = THEME_THRESHOLDS;
  const kept = [...phrases].filter(([, b]) => b.n >= T.minPhraseReviews);
  const trigrams = kept.filter(([p]) => p.split(" ").length === 3);
  // A bigram found in exactly the reviews of a trigram holding it says nothing more: keep the trigram.
  const subsumed = (p: string, n: number) =>
    p.split(" ").length === 2 &&
    trigrams.some(([q, b]) => b.n === n && (q.startsWith(`${p} `) || q.endsWith(` ${p}`)));
  return kept
    .filter(([p, b]) => !subsumed(p, b.n))
    .map(([phrase, b]) => ({ phrase, reviews: b.n, examples: b.ids }))
    .sort(
      (x, y) =>
        y.reviews - x.reviews ||
        y.phrase.split(" ").length - x.phrase.split(" ").length ||
        byCodePoint(x.phrase, y.phrase),
    )
    .slice(0, T.maxPhrases);
}
