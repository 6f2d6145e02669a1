// computeThemes (counts from the date index, local slots grouped by SQLite over the zone's offsets,
// topics and phrases kept in review_analysis) against the themes as they were computed before
// (test/insights/reference-themes.ts: every review read and classified, Intl for every instant), on
// random stores and trends of 1 to 17 weeks: the first run, a second one from the stored analysis,
// after edits, after reviews leave the site, and with the config's own cues. findSuspicious, from
// its kept marks or afresh.
import fc from "fast-check";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../../src/config/schema.js";
import type { ParsedReview } from "../../src/domain/review.js";
import { findSuspicious } from "../../src/insights/suspicious.js";
import { computeThemes, periodCounts, timeOfDay } from "../../src/insights/themes.js";
import { Store } from "../../src/store/store.js";
import { tempDir } from "../helpers/cli.js";
import { parsedReview } from "../helpers/reviews.js";
import { referenceClock, referenceThemes } from "../insights/reference-themes.js";

// Topic cues in three languages, words the phrase finder picks up, and text without either.
const TEXTS = [
  "Cold food again, and the card machine was broken.",
  "The soup was stale and the card machine broken",
  "Phở nguội, máy quẹt thẻ bị hỏng.",
  "Chờ lâu quá, máy quẹt thẻ hỏng.",
  "Pho nguoi qua, cho lau", // Vietnamese typed without diacritics
  "Toit oli külm ja kaardimakse ei töötanud.",
  "Ootasime kaua ja kaardimakse ei töötanud.",
  "We waited 50 minutes for noodles. Rude waiter, dirty tables.",
  "Too expensive for what you get; the booking was lost.",
  "Lovely staff and great pho.",
  "Nice view from the terrace.",
  "card machine broken, card machine broken",
  "We waited 50 minutes for noodles. Rude waiter, dirty tables!",
  "Idiots. We waited 50 minutes for noodles, rude waiter, dirty tables.",
  "",
];
const ZONES = [
  "Asia/Ho_Chi_Minh",
  "Europe/Tallinn",
  "America/New_York",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
];
const SITES = ["google", "yelp", "facebook"] as const;
// "Now": the week after Europe's change to winter time, a day in (northern) spring, and a Sunday
// at 23:30 in Tallinn, where a review dated up to 90 minutes after "now" (a site's clock ahead of
// ours) falls in the next local week, after the trend's last one.
const NOWS = ["2026-11-03T09:30:00.000Z", "2026-04-02T23:10:00.000Z", "2026-11-08T21:30:00.000Z"];
const DAY = 86_400_000;

const reviewArb = fc.record({
  site: fc.integer({ min: 0, max: SITES.length - 1 }),
  rating: fc.option(fc.constantFrom(1, 2, 3, 4, 5), { nil: null }),
  recommendation: fc.constantFrom(null, "positive", "negative"),
  // Minutes before "now", up to 130 days: the 12 trend weeks, the periods and a little before. Most
  // at a few times of day (so that slots fill up and patterns form), some exactly on the edges of
  // the periods and trend weeks, some anywhere.
  ago: fc.option(
    fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 125 }), fc.constantFrom(30, 600, 610, 810, 1300))
        .map(([day, minute]) => day * 1440 + minute),
      fc.constantFrom(0, 1440, 7 * 1440, 28 * 1440, 30 * 1440, 84 * 1440, 90 * 1440, -45, -85),
      fc.integer({ min: -90, max: 130 * 1440 }),
    ),
    { nil: null },
  ),
  // Instead of `ago`: minutes from the UTC Monday midnight k weeks before now's, around where local
  // weeks start in the zones tested (Sunday 17:00 to Monday 05:00 UTC). k is the first week of a
  // trend of `weeks` weeks (weeks - 1) or the one before it: the first trend week must be read
  // whole, however the zone shifts it against UTC (the date index is read from a day before).
  monday: fc.oneof(
    { arbitrary: fc.constant(null), weight: 2 },
    {
      arbitrary: fc.tuple(
        fc.constantFrom(0, 1, 3, 4, 11, 12, 13, 16, 17),
        fc.integer({ min: -480, max: 360 }),
      ),
      weight: 1,
    },
  ),
  precision: fc.constantFrom("instant", "instant", "day", "month"),
  text: fc.oneof(fc.constantFrom(0, 1, 2, 7), fc.integer({ min: 0, max: TEXTS.length - 1 })),
  title: fc.option(fc.constantFrom("Never again", "Chờ lâu", "Hea koht"), { nil: null }),
  seenAgo: fc.integer({ min: 0, max: 130 }),
});
type ReviewGen = typeof reviewArb extends fc.Arbitrary<infer T> ? T : never;

/** A negative review with topics (cold food, the card machine), dated as `at` says. */
const edgeReview = (at: Pick<ReviewGen, "ago" | "monday">): ReviewGen => ({
  site: 0,
  rating: 1,
  recommendation: null,
  precision: "instant",
  text: 0,
  title: null,
  seenAgo: 0,
  ...at,
});

const caseArb = fc.record({
  reviews: fc.array(reviewArb, { minLength: 1, maxLength: 60 }),
  zone: fc.constantFrom(...ZONES),
  now: fc.constantFrom(...NOWS),
  since: fc.option(fc.constantFrom(1, 7, 30, 90, 365), { nil: null }),
  // The weeks of the trend: the default 12, fewer, and more than the 12 weeks "rising" compares.
  weeks: fc.option(fc.constantFrom(1, 4, 12, 13, 17), { nil: undefined }),
  negativeOnly: fc.boolean(),
  // Pages of a few reviews: every page boundary (and each save between pages) is crossed.
  pageSize: fc.option(fc.constantFrom(1, 2, 3, 7), { nil: undefined }),
  edits: fc.array(fc.record({ pick: fc.nat(), text: fc.integer({ min: 0, max: TEXTS.length - 1 }) }), {
    maxLength: 4,
  }),
  removeSite: fc.option(fc.integer({ min: 0, max: SITES.length - 1 }), { nil: null }),
});

/** The UTC midnight that starts the Monday `weeks` weeks before the one of `now`. */
function mondayBefore(now: number, weeks: number): number {
  const day = Math.floor(now / DAY);
  const weekday = (day + 3) % 7; // 1970-01-01 was a Thursday: 0 = Monday
  return (day - weekday - 7 * weeks) * DAY;
}

function toParsed(r: ReviewGen, i: number, now: number, text: number = r.text): ParsedReview {
  const published =
    r.monday != null
      ? new Date(mondayBefore(now, r.monday[0]) + r.monday[1] * 60_000)
      : r.ago == null
        ? null
        : new Date(now - r.ago * 60_000);
  const publishedAt =
    published == null
      ? null
      : r.precision === "instant"
        ? published.toISOString()
        : r.precision === "day"
          ? `${published.toISOString().slice(0, 10)}T00:00:00.000Z`
          : `${published.toISOString().slice(0, 7)}-01T00:00:00.000Z`;
  return parsedReview(`r${i}`, {
    rating: r.rating,
    recommendation: r.rating == null ? (r.recommendation as ParsedReview["recommendation"]) : null,
    title: r.title,
    text: TEXTS[text] || null,
    publishedAt,
    publishedPrecision: publishedAt == null ? null : (r.precision as ParsedReview["publishedPrecision"]),
  });
}

const dir = tempDir("reviews-themes-property-");
let n = 0;

describe("computeThemes against the reference", () => {
  it("gives the same themes, analysed afresh or from the stored analysis", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const now = new Date(c.now);
        const store = new Store(path.join(dir, `t${n++}.db`));
        const config = ConfigSchema.parse({ business: { name: "Gió Mùa", timezone: c.zone } });
        const own = ConfigSchema.parse({
          business: { name: "Gió Mùa", timezone: c.zone },
          classify: { cues: { en: { terrace: ["terrace", "view"] }, et: { food: ["kaua"] } } },
        });
        const opts = {
          negativeOnly: c.negativeOnly,
          now,
          ...(c.weeks ? { weeks: c.weeks } : {}),
          ...(c.pageSize ? { pageSize: c.pageSize } : {}),
          ...(c.since == null ? {} : { since: new Date(now.getTime() - c.since * DAY).toISOString() }),
        };
        const put = (edit?: { pick: number; text: number }) => {
          SITES.forEach((site, s) => {
            const mine = c.reviews.map((r, i) => [r, i] as const).filter(([r]) => r.site === s);
            for (const [r, i] of mine) {
              const text = edit && edit.pick % c.reviews.length === i ? edit.text : r.text;
              const seen = new Date(now.getTime() - r.seenAgo * DAY).toISOString();
              store.upsertPage(site, site, [toParsed(r, i, now.getTime(), text)], seen, false);
            }
          });
        };
        put();
        // And the digest's way (no phrases): day by day, from the summaries earlier runs kept of the
        // days that have not changed since.
        const same = (cfg: typeof config) => {
          const want = referenceThemes(store.db, cfg, opts);
          expect(computeThemes(store.db, cfg, opts)).toEqual(want);
          expect(computeThemes(store.db, cfg, { ...opts, phrases: false })).toEqual({ ...want, phrases: [] });
        };

        // The period's counts by site and local slot, against Intl asked about each review.
        const clock = referenceClock(c.zone);
        const want = { reviews: 0, slots: new Map<string, number>(), sites: new Map<string, number>() };
        const rows = store.db
          .prepare(
            "SELECT site, published_at, published_precision, first_seen_at FROM reviews WHERE removed_at IS NULL",
          )
          .all() as {
          site: string;
          published_at: string | null;
          published_precision: string | null;
          first_seen_at: string;
        }[];
        for (const r of rows) {
          if (opts.since && (r.published_at ?? r.first_seen_at) < opts.since) continue;
          want.reviews++;
          want.sites.set(r.site, (want.sites.get(r.site) ?? 0) + 1);
          const l = r.published_at ? clock(r.published_at, r.published_precision) : null;
          if (!l) continue;
          const tod = l.hour == null ? null : timeOfDay(l.hour);
          const keys = tod ? [`d:${l.weekday}`, `t:${tod}`, `dt:${l.weekday}:${tod}`] : [`d:${l.weekday}`];
          for (const k of keys) want.slots.set(k, (want.slots.get(k) ?? 0) + 1);
        }
        expect(periodCounts(store.db, c.zone, opts.since ?? null)).toEqual(want);

        const ref = referenceThemes(store.db, config, opts);
        expect(computeThemes(store.db, config, opts)).toEqual(ref); // analysed afresh
        const stored = store.db.prepare("SELECT count(*) FROM review_analysis").pluck().get() as number;
        if (ref.topics.length || ref.phrases.length) expect(stored).toBeGreaterThan(0);
        // From the stored analysis: nothing is written again.
        const changes = () => store.db.prepare("SELECT total_changes()").pluck().get() as number;
        let before = changes();
        expect(computeThemes(store.db, config, opts)).toEqual(ref);
        expect(changes()).toBe(before);
        // Without phrases (the digest): the same themes, no phrases, the kept ones not read; the
        // days' summaries are made once, then read.
        expect(computeThemes(store.db, config, { ...opts, phrases: false })).toEqual({ ...ref, phrases: [] });
        before = changes();
        expect(computeThemes(store.db, config, { ...opts, phrases: false })).toEqual({ ...ref, phrases: [] });
        expect(changes()).toBe(before);
        // Suspicious texts: the kept marks (text keys, signatures, abuse) give what a fresh look gives.
        const suspicious = () =>
          findSuspicious(store.db, config, { now, ...(opts.since ? { since: opts.since } : {}) });
        suspicious();
        for (const e of c.edits) put(e);
        same(config); // edited texts are analysed again
        const kept = suspicious();
        store.db.prepare("UPDATE review_analysis SET text_key = NULL, signature = NULL, abuse = NULL").run();
        expect(kept).toEqual(suspicious());
        if (c.removeSite != null) {
          const site = SITES[c.removeSite]!;
          store.markUnseenRemoved(site, now.toISOString(), now.toISOString());
          same(config);
        }
        same(own); // other cues: another analysis
        same(config);
        store.close();
      }),
      {
        numRuns: 80,
        // The two edges of the trend weeks, every time (random cases reach them now and then):
        // - a review 45 minutes after "now" in Tallinn is in the next local week, after the last;
        // - with 17 weeks, a review at 02:00 on the first week's Monday in Ho Chi Minh, which is
        //   Sunday 19:00 UTC: the date index must be read from before that Monday in UTC.
        examples: [
          [
            {
              reviews: [edgeReview({ ago: -45, monday: null }), edgeReview({ ago: 60, monday: null })],
              zone: "Europe/Tallinn",
              now: "2026-11-08T21:30:00.000Z",
              since: 7,
              weeks: undefined,
              negativeOnly: false,
              pageSize: undefined,
              edits: [],
              removeSite: null,
            },
          ],
          [
            {
              reviews: [
                edgeReview({ ago: null, monday: [16, -300] }),
                edgeReview({ ago: 1440, monday: null }),
              ],
              zone: "Asia/Ho_Chi_Minh",
              now: "2026-11-03T09:30:00.000Z",
              since: 30,
              weeks: 17,
              negativeOnly: true,
              pageSize: undefined,
              edits: [],
              removeSite: null,
            },
          ],
        ],
      },
    );
  });
});

describe("periodCounts against Intl", () => {
  it("counts the period's reviews by site and local slot as Intl places each one", () => {
    const instant = fc.integer({
      min: Date.parse("2025-09-01T00:00:00Z"),
      max: Date.parse("2026-12-31T00:00:00Z"),
    });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ms: instant,
            site: fc.constantFrom(...SITES),
            precision: fc.constantFrom("instant", "day"),
          }),
          { minLength: 1, maxLength: 80 },
        ),
        fc.constantFrom(...ZONES, "America/St_Johns", "Pacific/Chatham", "Europe/London"),
        fc.option(instant, { nil: null }),
        (list, zone, sinceMs) => {
          const store = new Store(path.join(dir, `p${n++}.db`));
          list.forEach((r, i) => {
            const iso = new Date(r.ms).toISOString();
            const publishedAt = r.precision === "day" ? `${iso.slice(0, 10)}T00:00:00.000Z` : iso;
            store.upsertPage(
              r.site,
              r.site,
              [parsedReview(`r${i}`, { publishedAt, publishedPrecision: r.precision as "instant" | "day" })],
              "2027-01-01T00:00:00.000Z",
              false,
            );
          });
          const since = sinceMs == null ? null : new Date(sinceMs).toISOString();
          const clock = referenceClock(zone);
          const want = { reviews: 0, slots: new Map<string, number>(), sites: new Map<string, number>() };
          const rows = store.db
            .prepare("SELECT site, published_at, published_precision FROM reviews")
            .all() as { site: string; published_at: string; published_precision: string }[];
          for (const r of rows) {
            if (since && r.published_at < since) continue;
            want.reviews++;
            want.sites.set(r.site, (want.sites.get(r.site) ?? 0) + 1);
            const l = clock(r.published_at, r.published_precision)!;
            const tod = l.hour == null ? null : timeOfDay(l.hour);
            const keys = tod ? [`d:${l.weekday}`, `t:${tod}`, `dt:${l.weekday}:${tod}`] : [`d:${l.weekday}`];
            for (const k of keys) want.slots.set(k, (want.slots.get(k) ?? 0) + 1);
          }
          expect(periodCounts(store.db, zone, since)).toEqual(want);
          store.close();
        },
      ),
      { numRuns: 150 },
    );
  });
});

// The days' summaries against every change a check or a person makes: each run after a change must
// give what the reference gives, reading the summaries of the days the change left alone. A review
// seen again unchanged, or marked again as it is, leaves every day's version as it was (so that the
// daily check does not make the digest sum up every day again).
// A few reviews picked again and again (so that one review changes twice, and days hold several).
const pick = fc.nat({ max: 5 });
const changeArb = fc.oneof(
  // To a UTC midnight, as a negative review with topics: then a change of precision alone (instant or
  // day) keeps the same date string, and west of UTC moves the review to the local day before.
  fc.record({ kind: fc.constant("midnight" as const), pick, weeks: fc.constantFrom(0, 1, 3, 4) }),
  fc.record({
    kind: fc.constant("rating" as const),
    pick,
    rating: fc.option(fc.constantFrom(1, 2, 4, 5), { nil: null }),
  }),
  fc.record({
    kind: fc.constant("text" as const),
    pick,
    text: fc.integer({ min: 0, max: TEXTS.length - 1 }),
  }),
  fc.record({
    kind: fc.constant("date" as const),
    pick,
    ago: fc.option(fc.integer({ min: -60, max: 100 * 1440 }), { nil: null }),
  }),
  fc.record({
    kind: fc.constant("precision" as const),
    pick,
    precision: fc.constantFrom("instant", "day", "day", "month"),
  }),
  fc.record({
    kind: fc.constant("recommendation" as const),
    pick,
    recommendation: fc.constantFrom(null, "positive", "negative"),
  }),
  fc.record({ kind: fc.constant("new" as const), review: reviewArb }),
  fc.record({ kind: fc.constant("again" as const) }),
  fc.record({ kind: fc.constant("status" as const), pick }),
  fc.record({ kind: fc.constant("remove" as const), site: fc.integer({ min: 0, max: SITES.length - 1 }) }),
  fc.record({ kind: fc.constant("delete" as const), pick }),
);

const dense = (c: typeof caseArb extends fc.Arbitrary<infer T> ? T : never) => ({
  ...c,
  reviews: c.reviews.map((r) => (r.ago != null && r.ago > 0 ? { ...r, ago: r.ago % (20 * 1440) } : r)),
});

describe("the days' summaries (day_summaries) against the reference", () => {
  it("follow every change to a review, and only changes of value move a day's version", () => {
    fc.assert(
      // Reviews of the last 20 days: several on most days.
      fc.property(caseArb.map(dense), fc.array(changeArb, { minLength: 1, maxLength: 12 }), (c, changes) => {
        const now = new Date(c.now);
        const store = new Store(path.join(dir, `d${n++}.db`));
        const config = ConfigSchema.parse({ business: { name: "Gió Mùa", timezone: c.zone } });
        const opts = {
          negativeOnly: c.negativeOnly,
          now,
          phrases: false,
          ...(c.weeks ? { weeks: c.weeks } : {}),
          ...(c.pageSize ? { pageSize: c.pageSize } : {}),
          ...(c.since == null ? {} : { since: new Date(now.getTime() - c.since * DAY).toISOString() }),
        };
        const reviews = [...c.reviews];
        const seen = (r: ReviewGen) => new Date(now.getTime() - r.seenAgo * DAY).toISOString();
        const put = (i: number) => {
          const r = reviews[i]!;
          store.upsertPage(SITES[r.site]!, SITES[r.site]!, [toParsed(r, i, now.getTime())], seen(r), false);
        };
        reviews.forEach((_, i) => put(i));
        const versions = () =>
          store.db.prepare("SELECT day, source_id, version FROM review_days ORDER BY 1, 2").all();
        const check = () =>
          expect(computeThemes(store.db, config, opts)).toEqual({
            ...referenceThemes(store.db, config, opts),
            phrases: [],
          });
        check();
        for (const ch of changes) {
          const i = "pick" in ch ? ch.pick % reviews.length : 0;
          const r = reviews[i]!;
          const before = versions();
          if (ch.kind === "rating") reviews[i] = { ...r, rating: ch.rating };
          else if (ch.kind === "text") reviews[i] = { ...r, text: ch.text };
          else if (ch.kind === "date") reviews[i] = { ...r, ago: ch.ago, monday: null };
          else if (ch.kind === "precision") reviews[i] = { ...r, precision: ch.precision };
          else if (ch.kind === "midnight")
            reviews[i] = { ...r, ago: null, monday: [ch.weeks, 0], precision: "instant", text: 0, rating: 1 };
          else if (ch.kind === "recommendation")
            reviews[i] = { ...r, rating: null, recommendation: ch.recommendation };
          if (ch.kind === "new") {
            reviews.push(ch.review);
            put(reviews.length - 1);
          } else if (ch.kind === "again") {
            // Seen again as stored: nothing to sum up again (one removed or deleted comes back: a change).
            const live = store.db
              .prepare("SELECT count(*) FROM reviews WHERE removed_at IS NULL")
              .pluck()
              .get();
            reviews.forEach((_, k) => put(k));
            if (live === reviews.length) expect(versions()).toEqual(before);
          } else if (ch.kind === "status") {
            const id = store.db.prepare("SELECT id FROM reviews ORDER BY id").pluck().all()[i];
            // Marked replied (the replies' summaries see that), then again: the second is no change.
            if (id != null) store.setStatus(id as number, { status: "replied", at: now.toISOString() });
            const marked = versions();
            if (id != null) store.setStatus(id as number, { status: "replied", at: now.toISOString() });
            expect(versions()).toEqual(marked);
          } else if (ch.kind === "remove") {
            store.markUnseenRemoved(SITES[ch.site]!, now.toISOString(), now.toISOString());
          } else if (ch.kind === "delete") {
            const id = store.db.prepare("SELECT id FROM reviews ORDER BY id").pluck().all()[i];
            if (id != null) store.db.prepare("DELETE FROM reviews WHERE id = ?").run(id);
          } else {
            put(i);
          }
          check();
        }
        // What was kept is what a run without any summary finds.
        const kept = computeThemes(store.db, config, opts);
        store.db.prepare("DELETE FROM day_summaries").run();
        expect(computeThemes(store.db, config, opts)).toEqual(kept);
        store.close();
      }),
      { numRuns: 60 },
    );
  });
});
