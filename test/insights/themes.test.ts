// `reviews themes` on a real SQLite file, every expectation computed by hand (see the comments).
// Business in Hanoi (Asia/Ho_Chi_Minh, UTC+7, no daylight saving); "now" is Monday 2026-11-23 19:00.
import Database from "better-sqlite3";
import path from "node:path";
import { parseSince } from "../../src/domain/dates.js";
import { describe, expect, it } from "vitest";
import { AppContext } from "../../src/cli/context.js";
import { createIo, type OutStream } from "../../src/cli/io.js";
import { run } from "../../src/cli/commands/themes.js";
import { ConfigSchema } from "../../src/config/schema.js";
import type { ParsedReview } from "../../src/domain/review.js";
import { computeThemes, localClock, reviewPhrases, timeOfDay } from "../../src/insights/themes.js";
import { Store } from "../../src/store/store.js";
import { tempDir, writeConfig } from "../helpers/cli.js";
import { parsedReview } from "../helpers/reviews.js";

const config = ConfigSchema.parse({ business: { name: "Gió Mùa Kitchen", timezone: "Asia/Ho_Chi_Minh" } });
const NOW = new Date("2026-11-23T12:00:00.000Z");

/** A review published at a local Hanoi time ("2026-11-21 19:30" is 12:30 UTC). */
function at(local: string, rating: number, text: string | null, over: Partial<ParsedReview> = {}) {
  const utc = new Date(Date.parse(`${local.replace(" ", "T")}:00+07:00`)).toISOString();
  return { rating, text, publishedAt: utc, ...over };
}

type Spec = ReturnType<typeof at>;

/**
 * Negative reviews (N) and the rest (P). Slots: weekday + time of day in Hanoi.
 *   N1 google 1★ Sat 21 Nov 19:30 evening  food ('cold food')      "card machine broken"
 *   N2 google 1★ Sat 14 Nov 20:00 evening  food ('nguội')          "máy quẹt thẻ", "quẹt thẻ hỏng"
 *   N3 google 2★ Sat  7 Nov 18:45 evening  food ('külm')           "kaardimakse ei töötanud"
 *   N4 google 2★ Sat 31 Oct 21:00 evening  food ('food was cold')  "card machine broken"
 *   N5 yelp   1★ Tue 17 Nov 12:30 afternoon food ('stale')         "card machine broken"
 *   N6 yelp   2★ Wed 18 Nov 13:00 afternoon waiting ('chờ')        "máy quẹt thẻ", "quẹt thẻ hỏng"
 *   N7 yelp   1★ Thu 12 Nov 14:00 afternoon waiting ('ootasime')   "kaardimakse ei töötanud"
 *   N8 yelp   2★ Fri  6 Nov 12:15 afternoon waiting ('waited')
 *   N9 google 2★ Tue 15 Sep 19:00 evening  food ('bland')          (8–12 weeks ago)
 *   P1 google 5★ Mon 16 Nov 10:00 morning  staff   P2 google 5★ Sun 15 Nov 12:00 afternoon staff
 *   P3 yelp   4★ Wed 11 Nov 09:00 morning          P4 google 4★ Thu 19 Nov 11:00 morning
 *   P5 yelp   5★ Mon  2 Nov 08:00 morning (no text) P6 google 5★ Sat 21 Nov 11:00 morning
 *   P7, P8 google, no date, first seen 20 Sep (8–12 weeks ago)
 */
const GOOGLE: [string, Spec][] = [
  ["N1", at("2026-11-21 19:30", 1, "Cold food again, and the card machine was broken.")],
  ["N2", at("2026-11-14 20:00", 1, "Phở nguội, máy quẹt thẻ bị hỏng.", { language: "vi" })],
  ["N3", at("2026-11-07 18:45", 2, "Toit oli külm ja kaardimakse ei töötanud.")],
  ["N4", at("2026-10-31 21:00", 2, "Food was cold. Card machine broken, cash only.")],
  ["N9", at("2026-09-15 19:00", 2, "Noodles were bland.")],
  ["P1", at("2026-11-16 10:00", 5, "Lovely staff and great pho.")],
  ["P2", at("2026-11-15 12:00", 5, "Nhân viên dễ thương, phở ngon.")],
  ["P4", at("2026-11-19 11:00", 4, "Good coffee, friendly people.")],
  ["P6", at("2026-11-21 11:00", 5, "Best bun cha in town.")],
];
const YELP: [string, Spec][] = [
  ["N5", at("2026-11-17 12:30", 1, "The soup was stale and the card machine broken")],
  ["N6", at("2026-11-18 13:00", 2, "Chờ lâu quá, máy quẹt thẻ hỏng.")],
  ["N7", at("2026-11-12 14:00", 1, "Ootasime kaua ja kaardimakse ei töötanud.", { language: "et" })],
  ["N8", at("2026-11-06 12:15", 2, "We waited 50 minutes for noodles.")],
  ["P3", at("2026-11-11 09:00", 4, "Väga hea pho ja kohv.")],
  ["P5", at("2026-11-02 08:00", 5, null)],
];
const UNDATED: [string, Spec][] = [
  ["P7", { rating: 5, text: null, publishedAt: null }],
  ["P8", { rating: 4, text: "Nice view from the terrace.", publishedAt: null }],
];

function buildStore(dir = tempDir("reviews-themes-")) {
  const store = new Store(path.join(dir, "themes.db"));
  const ids: Record<string, number> = {};
  const put = (source: string, site: string, list: [string, Spec][], seen: string) => {
    const res = store.upsertPage(
      source,
      site,
      list.map(([key, spec]) => parsedReview(key, spec)),
      seen,
      false,
    );
    list.forEach(([key], i) => (ids[key] = res.newIds[i]!));
  };
  put("g", "google", GOOGLE, "2026-11-22T00:00:00.000Z");
  put("y", "yelp", YELP, "2026-11-22T00:00:00.000Z");
  put("g", "google", UNDATED, "2026-09-20T00:00:00.000Z");
  return { store, ids, dir };
}

// Week labels: SQLite's %W of each Monday from 7 Sep (W36) to 23 Nov 2026 (W47).
const WEEKS = Array.from({ length: 12 }, (_, i) => `2026-W${36 + i}`);

describe("computeThemes", () => {
  it("negative reviews: topics per week, patterns in one sentence each, phrases beyond the cue lists", () => {
    const { store, ids } = buildStore();
    const t = computeThemes(store.db, config, { negativeOnly: true, now: NOW });
    const id = (...keys: string[]) => keys.map((k) => ids[k]!);
    expect(t.reviews).toBe(9);
    expect(t.weeks).toEqual(WEEKS);
    expect(t.topics).toEqual([
      {
        topic: "food",
        reviews: 6,
        negative: 6,
        // N9 in the week of 14 Sep; N4 26 Oct; N3 2 Nov; N2 9 Nov; N5 and N1 16 Nov.
        weekly: [0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 2, 0],
        examples: id("N1", "N5", "N2", "N3", "N4"),
        cues: [
          { cue: "bland", reviews: 1 },
          { cue: "cold food", reviews: 1 },
          { cue: "food was cold", reviews: 1 },
          { cue: "külm", reviews: 1 },
          { cue: "nguội", reviews: 1 },
          { cue: "stale", reviews: 1 },
        ],
      },
      {
        topic: "waiting",
        reviews: 3,
        negative: 3,
        weekly: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0],
        examples: id("N6", "N7", "N8"),
        cues: [
          { cue: "chờ", reviews: 1 },
          { cue: "ootasime", reviews: 1 },
          { cue: "waited", reviews: 1 },
        ],
      },
    ]);

    // The baseline is all 17 reviews of the period. Saturday evening holds 4 of them (N1–N4): 4/17.
    // food: 4 of 6 on Saturday evenings = 67% ≥ 60%, and ≥ 1.5 × 4/17 = 35% → a pattern.
    // food on Google: 5 of 6 = 83%, but Google holds 11 of 17 reviews: 1.5 × 65% = 97% → none.
    // waiting: 3 of 3 on Yelp (6 of 17 reviews: 1.5 × 35% = 53%) and 3 of 3 in the afternoon
    //   (5 of 17 reviews: N5–N8, P2; 1.5 × 29% = 44%); no single weekday (one each).
    // Rising (last 4 weeks from 26 Oct 12:00 UTC, against the 8 before from 31 Aug):
    //   food 5 against 1 (N9): 1.25/week ≥ 2 × 0.125, and 5 of 14 reviews > 1 of 3 (N9, P7, P8);
    //   waiting 3 against none.
    expect(t.patterns.map((p) => p.sentence)).toEqual([
      "'food' is rising: 5 negative reviews in the last 4 weeks against 1 in the 8 weeks before",
      "'food' in 6 negative reviews, 4 of them about Saturday evenings",
      "'waiting' in 3 negative reviews, 3 of them in the afternoon",
      "'waiting' in 3 negative reviews, 3 of them on Yelp",
      "'waiting' is rising: 3 negative reviews in the last 4 weeks against none in the 8 weeks before",
    ]);
    expect(t.patterns[0]).toEqual({
      kind: "rising",
      topic: "food",
      sentence: t.patterns[0]!.sentence,
      reviews: 6,
      matching: 5,
      share: 0.83,
      weekday: null,
      timeOfDay: null,
      site: null,
      recent: 5,
      previous: 1,
      examples: id("N1", "N5", "N2", "N3", "N4"),
    });
    expect(t.patterns[1]).toMatchObject({
      kind: "time",
      reviews: 6,
      matching: 4,
      share: 0.67,
      weekday: "Saturday",
      timeOfDay: "evening",
      site: null,
      examples: id("N1", "N2", "N3", "N4"),
    });
    expect(t.patterns[2]).toMatchObject({ kind: "time", weekday: null, timeOfDay: "afternoon", share: 1 });
    expect(t.patterns[3]).toMatchObject({ kind: "site", site: "yelp", examples: id("N6", "N7", "N8") });

    // "card machine broken" in N1, N4, N5 (its bigrams in the same three reviews are left out);
    // Vietnamese and Estonian phrases in two reviews each; "cold food", "chờ lâu", "ootasime kaua"
    // are made only of cue words and never appear.
    expect(t.phrases).toEqual([
      { phrase: "card machine broken", reviews: 3, examples: id("N1", "N5", "N4") },
      { phrase: "kaardimakse ei töötanud", reviews: 2, examples: id("N7", "N3") },
      { phrase: "máy quẹt thẻ", reviews: 2, examples: id("N6", "N2") },
      { phrase: "quẹt thẻ hỏng", reviews: 2, examples: id("N6", "N2") },
    ]);
    store.close();
  });

  it("all reviews: positive mentions count, patterns say 'reviews'; the small 'staff' topic makes no pattern", () => {
    const { store, ids } = buildStore();
    const t = computeThemes(store.db, config, { negativeOnly: false, now: NOW });
    expect(t.reviews).toBe(17);
    expect(t.topics.map((x) => [x.topic, x.reviews, x.negative])).toEqual([
      ["food", 6, 6],
      ["waiting", 3, 3],
      ["staff", 2, 0],
    ]);
    expect(t.topics[2]!.examples).toEqual([ids["P1"], ids["P2"]]);
    expect(t.patterns.map((p) => p.sentence)).toEqual([
      "'food' is rising: 5 reviews in the last 4 weeks against 1 in the 8 weeks before",
      "'food' in 6 reviews, 4 of them about Saturday evenings",
      "'waiting' in 3 reviews, 3 of them in the afternoon",
      "'waiting' in 3 reviews, 3 of them on Yelp",
      "'waiting' is rising: 3 reviews in the last 4 weeks against none in the 8 weeks before",
    ]);
    // Phrases come from negative reviews only: "great pho" (P1) and "nice view" (P8) are not there.
    expect(t.phrases.map((p) => p.phrase)).toEqual([
      "card machine broken",
      "kaardimakse ei töötanud",
      "máy quẹt thẻ",
      "quẹt thẻ hỏng",
    ]);
    store.close();
  });

  it("--since narrows topics, concentrations and phrases; the weekly trend and 'rising' keep their weeks", () => {
    const { store, ids } = buildStore();
    const t = computeThemes(store.db, config, {
      negativeOnly: true,
      now: NOW,
      since: "2026-11-10T00:00:00.000Z",
    });
    // Since 10 Nov: N1, N2, N5 (food), N6, N7 (waiting).
    expect(t.reviews).toBe(5);
    expect(t.topics.map((x) => [x.topic, x.reviews])).toEqual([
      ["food", 3],
      ["waiting", 2],
    ]);
    expect(t.topics[0]!.weekly).toEqual([0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 2, 0]);
    // Saturday evenings: only N1 and N2 now (2 < 3); Google: N1, N2 (2 < 3); waiting has 2 reviews.
    expect(t.patterns.map((p) => p.kind)).toEqual(["rising", "rising"]);
    expect(t.phrases).toEqual([
      { phrase: "card machine broken", reviews: 2, examples: [ids["N1"], ids["N5"]] },
      { phrase: "máy quẹt thẻ", reviews: 2, examples: [ids["N6"], ids["N2"]] },
      { phrase: "quẹt thẻ hỏng", reviews: 2, examples: [ids["N6"], ids["N2"]] },
    ]);
    store.close();
  });

  it("spread-out complaints make no pattern and no phrase", () => {
    const store = new Store(path.join(tempDir("reviews-themes-"), "calm.db"));
    // Three food complaints ('burnt', 'mặn', 'liiga soolane') on three weekdays at three times of
    // day, two on Google and one on Yelp; two in the last 4 weeks (fewer than 3: not rising); no
    // phrase in two reviews ("rice burnt", "canh mặn", "supp soolane").
    store.upsertPage(
      "g",
      "google",
      [
        parsedReview("a", at("2026-11-16 09:00", 1, "The rice was burnt.")),
        parsedReview("b", at("2026-11-18 15:00", 2, "Canh quá mặn.")),
      ],
      "2026-11-22T00:00:00.000Z",
      false,
    );
    store.upsertPage(
      "y",
      "yelp",
      [parsedReview("c", at("2026-09-10 20:00", 2, "Supp oli liiga soolane."))],
      "2026-11-22T00:00:00.000Z",
      false,
    );
    const t = computeThemes(store.db, config, { negativeOnly: true, now: NOW });
    expect(t.topics.map((x) => [x.topic, x.reviews])).toEqual([["food", 3]]);
    expect(t.patterns).toEqual([]);
    expect(t.phrases).toEqual([]);
    store.close();
  });
});

describe("the stored analysis (review_analysis)", () => {
  const opts = { negativeOnly: true, now: NOW };
  const topicsOf = (db: Store["db"], id: number) =>
    db.prepare("SELECT topics FROM review_analysis WHERE review_id = ?").pluck().get(id) as
      string | undefined;

  it("keeps each review's topics once worked out, and reads them instead of the text", () => {
    const { store, ids } = buildStore();
    const first = computeThemes(store.db, config, opts);
    // The 9 negative reviews were analysed (N1: food, by 'cold food'); phrases only for the period's.
    expect(store.db.prepare("SELECT count(*) FROM review_analysis").pluck().get()).toBe(9);
    expect(JSON.parse(topicsOf(store.db, ids.N1!)!)).toEqual([["food", "cold food"]]);
    expect(computeThemes(store.db, config, opts)).toEqual(first);
    // What is stored is what counts: a stored 'price' for N1 shows up without N1's text saying it.
    store.db
      .prepare(`UPDATE review_analysis SET topics = '[["price","tampered"]]' WHERE review_id = ?`)
      .run(ids.N1!);
    const tampered = computeThemes(store.db, config, opts);
    expect(tampered.topics.find((x) => x.topic === "price")).toMatchObject({
      reviews: 1,
      cues: [{ cue: "tampered", reviews: 1 }],
    });
    store.close();
  });

  it("works a review out again when its text changes, and all of them when the cues change", () => {
    const { store, ids } = buildStore();
    computeThemes(store.db, config, opts);
    const key = () => store.db.prepare("SELECT key FROM analysis_state").pluck().get();
    const firstKey = key();
    // N8 is edited on the site: its row goes, and the next run finds the new topic.
    store.upsertPage(
      "y",
      "yelp",
      [parsedReview("N8", at("2026-11-06 12:15", 2, "Far too expensive for cold noodles."))],
      "2026-11-22T00:00:00.000Z",
      false,
    );
    expect(topicsOf(store.db, ids.N8!)).toBeUndefined();
    computeThemes(store.db, config, opts);
    expect(JSON.parse(topicsOf(store.db, ids.N8!)!).map((t: string[]) => t[0])).toEqual(["price"]);
    // Own cues make another analysis: the table starts over under a new key.
    const own = ConfigSchema.parse({
      business: { name: "Gió Mùa Kitchen", timezone: "Asia/Ho_Chi_Minh" },
      classify: { cues: { en: { payment: ["card machine"] } } },
    });
    const t = computeThemes(store.db, own, opts);
    expect(key()).not.toBe(firstKey);
    expect(t.topics.find((x) => x.topic === "payment")?.reviews).toBe(3); // N1, N4, N5
    expect(JSON.parse(topicsOf(store.db, ids.N1!)!)).toEqual([
      ["food", "cold food"],
      ["payment", "card machine"],
    ]);
    store.close();
  });

  it("still answers on a read-only database, saving nothing", () => {
    const { store, dir } = buildStore();
    const want = computeThemes(store.db, config, opts);
    store.db.prepare("DELETE FROM review_analysis").run();
    store.close();
    const ro = new Database(path.join(dir, "themes.db"), { readonly: true });
    expect(computeThemes(ro, config, opts)).toEqual(want);
    expect(ro.prepare("SELECT count(*) FROM review_analysis").pluck().get()).toBe(0);
    ro.close();
  });
});

describe("themes helpers", () => {
  it("converts to the business's local weekday and hour with Intl (and keeps day-precision dates)", () => {
    const hanoi = localClock("Asia/Ho_Chi_Minh");
    // 2026-11-21 17:30 UTC is Sunday 00:30 in Hanoi.
    expect(hanoi("2026-11-21T17:30:00.000Z", "instant")).toEqual({
      day: Date.UTC(2026, 10, 22) / 86_400_000,
      weekday: 6,
      hour: 0,
      date: "2026-11-22",
    });
    expect(hanoi("2026-11-21T00:00:00.000Z", "day")).toMatchObject({
      weekday: 5,
      hour: null,
      date: "2026-11-21",
    });
    expect(hanoi("2026-11-01T00:00:00.000Z", "month")).toBeNull();
    // Tallinn in summer is UTC+3: 2026-07-04 20:30 UTC is Saturday 23:30, night.
    const tallinn = localClock("Europe/Tallinn")("2026-07-04T20:30:00.000Z", "instant")!;
    expect([tallinn.weekday, tallinn.hour, timeOfDay(tallinn.hour!)]).toEqual([5, 23, "night"]);
    expect([4, 5, 11, 12, 16, 17, 21, 22].map(timeOfDay)).toEqual([
      "night",
      "morning",
      "morning",
      "afternoon",
      "afternoon",
      "evening",
      "evening",
      "night",
    ]);
  });
  it("phrases: Unicode words, stop words out, never across punctuation or numbers, never only cue words", () => {
    expect([...reviewPhrases("The parking lot was FULL, again!")]).toEqual([
      "parking lot",
      "lot full",
      "parking lot full",
    ]);
    expect([...reviewPhrases("Nhạc ồn ào, không nghe được gì")]).toEqual([
      "nhạc ồn",
      "ồn ào",
      "nhạc ồn ào",
      "không nghe",
    ]);
    expect([...reviewPhrases("Muusika oli liiga vali ja 40 minutit ootamist")]).toEqual([
      "muusika vali",
      "minutit ootamist",
    ]);
    expect([...reviewPhrases("cold food, rude waiter, took forever")]).toEqual([]);
  });
});

describe("reviews themes (command)", () => {
  function sink(): OutStream & { text: string } {
    const s = { text: "", write: (chunk: string) => ((s.text += chunk), true) };
    return s;
  }
  function ctxFor(dir: string, env: NodeJS.ProcessEnv = {}) {
    const out = sink();
    const err = sink();
    const file = writeConfig(dir, `business:\n  name: "Gió Mùa Kitchen"\n  timezone: Asia/Ho_Chi_Minh\n`);
    const ctx = new AppContext(
      createIo(out, err, env, true),
      { db: path.join(dir, "themes.db"), config: file, color: false },
      dir,
      () => NOW,
    );
    return { ctx, out, err };
  }

  it("prints sections with plain headings, --json the same object as computeThemes", async () => {
    const { store, dir, ids } = buildStore();
    const expected = computeThemes(store.db, config, { negativeOnly: true, now: NOW });
    store.close();
    const text = ctxFor(dir);
    expect(await run(text.ctx, { negative: true, since: "all" })).toBe(0);
    text.ctx.close();
    const lines = text.out.text.split("\n");
    expect(lines[0]).toBe("9 negative reviews; days and times in Asia/Ho_Chi_Minh.");
    expect(lines).toContain("What they talk about");
    expect(lines).toContain("Patterns");
    expect(lines).toContain(
      `  'food' in 6 negative reviews, 4 of them about Saturday evenings.  #${ids["N1"]} #${ids["N2"]} #${ids["N3"]} #${ids["N4"]}`,
    );
    // In a pipe the weekly trend is plain numbers.
    expect(text.out.text).toMatch(/^food +6 +6 +0 1 0 0 0 0 0 1 1 1 2 0 /m);
    expect(text.out.text).toMatch(/^card machine broken +3 +#/m);
    const json = ctxFor(dir);
    expect(await run(json.ctx, { negative: true, json: true, since: "all" })).toBe(0);
    json.ctx.close();
    expect(JSON.parse(json.out.text)).toEqual(expected);
    // Without --since: the last year.
    const lastYear = ctxFor(dir);
    expect(await run(lastYear.ctx, { negative: true, json: true })).toBe(0);
    lastYear.ctx.close();
    expect((JSON.parse(lastYear.out.text) as { since: string }).since).toBe(parseSince("1y", NOW));
  });

  it("says in one line when there is nothing, and what that means; hostile text is inert", async () => {
    const dir = tempDir("reviews-themes-");
    const store = new Store(path.join(dir, "themes.db"));
    store.close();
    const empty = ctxFor(dir);
    expect(await run(empty.ctx, { since: "7d" })).toBe(0);
    empty.ctx.close();
    expect(empty.out.text).toBe(
      `No reviews since 2026-11-16 to look at: nothing to analyse yet (run "reviews check" first, or widen --since).\n`,
    );

    const s2 = new Store(path.join(dir, "themes.db"));
    const hostile = "\x1b]52;c;ZXZpbA==\x07Terrible\x1b[2J \u202eparking lot\u202c full";
    s2.upsertPage(
      "g",
      "google",
      [
        parsedReview("h1", at("2026-11-20 10:00", 1, hostile)),
        parsedReview("h2", at("2026-11-21 10:00", 1, `${hostile}!`)),
      ],
      "2026-11-22T00:00:00.000Z",
      false,
    );
    s2.close();
    const some = ctxFor(dir);
    expect(await run(some.ctx, {})).toBe(0);
    some.ctx.close();
    expect(some.out.text).toContain(
      "No known topic (food, service, waiting, price, cleanliness, delivery, booking, staff) is mentioned: nothing to group.",
    );
    expect(some.out.text).toContain(
      "No patterns: no topic stands out on one weekday, time of day or site, and none is rising — complaints are spread out.",
    );
    // Escape sequences and bidi controls end a clause: "parking lot" is what is left, in both reviews.
    expect(some.out.text).toMatch(/^parking lot +2 /m);
    expect(some.out.text).not.toMatch(/[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]/);
  });
});

describe("the days' summaries (day_summaries: the digest's themes)", () => {
  // As the digest asks: negative reviews of the last 30 days, no phrases.
  const opts = { negativeOnly: true, now: NOW, since: "2026-10-24T12:00:00.000Z", phrases: false };
  const summaries = (db: Store["db"]) =>
    db.prepare("SELECT kind, day, version, data FROM day_summaries ORDER BY day").all() as {
      kind: string;
      day: string;
      version: number;
      data: string;
    }[];

  it("sums up each day once and reads it back until a review of that day changes", () => {
    const { store } = buildStore();
    const want = { ...computeThemes(store.db, config, { ...opts, phrases: true }), phrases: [] };
    expect(computeThemes(store.db, config, opts)).toEqual(want);
    // Every day with a live review (positive ones too: a day's summary may hold nothing), as no edge
    // of the periods cuts any of them here (the 12 weeks "rising" reads from 31 Aug 12:00 UTC, the
    // 30 days from 24 Oct, the last 4 weeks from 26 Oct).
    const kept = summaries(store.db);
    expect(kept.map((k) => k.day)).toEqual([
      "2026-09-15",
      "2026-09-20",
      "2026-10-31",
      "2026-11-02",
      "2026-11-06",
      "2026-11-07",
      "2026-11-11",
      "2026-11-12",
      "2026-11-14",
      "2026-11-15",
      "2026-11-16",
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-21",
    ]);
    // What is kept is what counts: a summary altered at its day's version shows up as it is.
    const n1 = kept.find((k) => k.day === "2026-11-21")!;
    const doctored = JSON.parse(n1.data);
    const scope = doctored.t.find((t: unknown[]) => t[0] === "food")[4];
    expect(scope[0]).toBe(1); // N1's 'food', in scope
    scope[0] = 7;
    store.db.prepare("UPDATE day_summaries SET data = ? WHERE day = ?").run(JSON.stringify(doctored), n1.day);
    const food = (t: ReturnType<typeof computeThemes>) => t.topics.find((x) => x.topic === "food")!.reviews;
    expect(food(computeThemes(store.db, config, opts))).toBe(food(want) + 6);
    // N1 is rated again on the site: its day's version moves, the day is read again.
    store.upsertPage(
      "g",
      "google",
      [parsedReview("N1", at("2026-11-21 19:30", 2, "Cold food again, and the card machine was broken."))],
      "2026-11-23T00:00:00.000Z",
      false,
    );
    expect(computeThemes(store.db, config, opts)).toEqual(want);
    const again = summaries(store.db).find((k) => k.day === "2026-11-21")!;
    expect(again.version).toBeGreaterThan(n1.version);
    expect(again.data).toBe(n1.data);
    store.close();
  });

  it("are made again under other settings (time zone, what counts as negative), and the old ones dropped", () => {
    const { store } = buildStore();
    computeThemes(store.db, config, opts);
    const [first] = summaries(store.db);
    const tallinn = ConfigSchema.parse({ business: { name: "Gió Mùa Kitchen", timezone: "Europe/Tallinn" } });
    const strict = ConfigSchema.parse({
      business: { name: "Gió Mùa Kitchen", timezone: "Asia/Ho_Chi_Minh" },
      negative: { maxRating: 1 },
    });
    for (const other of [tallinn, strict]) {
      const want = { ...computeThemes(store.db, other, { ...opts, phrases: true }), phrases: [] };
      expect(computeThemes(store.db, other, opts)).toEqual(want);
      const kinds = new Set(summaries(store.db).map((k) => k.kind));
      expect(kinds.size).toBe(1);
      expect(kinds.has(first!.kind)).toBe(false);
    }
    store.close();
  });

  it("on a read-only database: the same answer, nothing saved", () => {
    const { store, dir } = buildStore();
    const want = computeThemes(store.db, config, opts);
    store.db.prepare("DELETE FROM day_summaries").run();
    store.close();
    const ro = new Database(path.join(dir, "themes.db"), { readonly: true });
    expect(computeThemes(ro, config, opts)).toEqual(want);
    expect(ro.prepare("SELECT count(*) FROM day_summaries").pluck().get()).toBe(0);
    ro.close();
  });
});
