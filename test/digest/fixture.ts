// Stores for the digest tests: a small one whose numbers are checked by hand, and a demo-like one
// (eight weeks of Gió Mùa Kitchen) for the layout test and docs/digest.png.
import path from "node:path";
import { ConfigSchema, type Config } from "../../src/config/schema.js";
import { Store } from "../../src/store/store.js";
import type { ParsedReview } from "../../src/domain/review.js";
import { parsedReview, runResult } from "../helpers/reviews.js";

export const NOW = new Date("2026-11-24T00:00:00.000Z");
export const SINCE = "2026-11-23T00:00:00.000Z";

export const HOSTILE_TEXT =
  "<script>alert(1)</script><img src=x onerror=alert(2)> \x1b[31mRED\x1b[0m\x1b]8;;http://evil.example\x07link\x1b]8;;\x07 " +
  "line one\r\nBcc: victim@evil.example\r\n\r\n" +
  "W".repeat(400) +
  " https://example.com/" +
  "x".repeat(300) +
  "\r\n" +
  '<a href="javascript:alert(3)">click</a> & "quotes" \'single\' \u202Eevil';
export const HOSTILE_AUTHOR = "Mallory\r\nBcc: attacker@evil.example <b>bold</b>\x1b[2J";
export const HOSTILE_TITLE = "Subject: injected\r\nX-Evil: 1 " + "T".repeat(250);

export function handConfig(language = "en"): Config {
  return ConfigSchema.parse({
    business: {
      name: "Gió Mùa Kitchen",
      contact: { name: "Linh", email: "care@giomua.example" },
      timezone: "Asia/Ho_Chi_Minh",
      language,
    },
    sources: [
      { id: "g", site: "google", placeId: "ChIJhand", label: "Google — Old Quarter" },
      { id: "f", site: "facebook", pageId: "123" },
    ],
  });
}

/**
 * By hand (now 2026-11-24T00:00Z, window from 2026-11-23T00:00Z):
 * - g baseline (2026-11-01): b1 5★ (edited in the window), b2 1★ (removed in the window)
 * - g before the window: o1 4★ seen 11-20 (due 11-23, overdue), o2 1★ seen 11-21T12 (due 11-22T12, overdue)
 * - g in the window (seen 11-23T06): n1 1★ hostile, n2 2★, n3 5★ (marked replied 11-23T12), n4 4★ (reply on the site 11-23T10)
 * - f in the window: f1 not recommended
 * new 5, negative 3 (n1, n2, f1), edited 1, removed 1, overdue 2; f failed (auth).
 */
export function buildHandStore(dir: string): { store: Store; ids: Record<string, number> } {
  const store = new Store(path.join(dir, "hand.db"));
  store.ensureSource("g", "google", "google-places");
  store.ensureSource("f", "facebook", "facebook-graph");
  const ids: Record<string, number> = {};
  const put = (source: string, site: string, now: string, baseline: boolean, reviews: ParsedReview[]) => {
    const res = store.upsertPage(source, site, reviews, now, baseline);
    reviews.forEach((r, i) => {
      const id = res.newIds[i];
      if (id != null) ids[r.externalId] = id;
    });
  };
  put("g", "google", "2026-11-01T00:00:00.000Z", true, [
    parsedReview("b1", { rating: 5, text: "Great pho", publishedAt: "2026-06-01T00:00:00.000Z" }),
    parsedReview("b2", { rating: 1, text: "Cold food", publishedAt: "2026-06-02T00:00:00.000Z" }),
  ]);
  put("g", "google", "2026-11-20T00:00:00.000Z", false, [
    parsedReview("o1", { rating: 4, text: "Nice", publishedAt: "2026-11-15T00:00:00.000Z" }),
  ]);
  put("g", "google", "2026-11-21T12:00:00.000Z", false, [
    parsedReview("o2", { rating: 1, text: "Rude waiter", publishedAt: "2026-11-21T00:00:00.000Z" }),
  ]);
  put("g", "google", "2026-11-23T06:00:00.000Z", false, [
    parsedReview("n1", {
      rating: 1,
      text: HOSTILE_TEXT,
      title: HOSTILE_TITLE,
      author: { name: HOSTILE_AUTHOR, url: "javascript:alert(4)" },
      url: "javascript:alert(1)",
      publishedAt: "2026-11-22T20:00:00.000Z",
    }),
    parsedReview("n2", {
      rating: 2,
      text: "Phở nguội, phục vụ chậm.",
      language: "vi",
      author: { name: "Trần Thị Mai", url: null },
      url: "https://maps.google.com/?cid=123&review=n2",
      publishedAt: "2026-11-23T00:00:00.000Z",
    }),
    parsedReview("n3", { rating: 5, text: "Lovely", publishedAt: "2026-11-23T00:00:00.000Z" }),
    parsedReview("n4", {
      rating: 4,
      text: "Good",
      publishedAt: "2026-11-23T00:00:00.000Z",
      ownerReply: { text: "Thanks!", publishedAt: "2026-11-23T10:00:00.000Z" },
    }),
  ]);
  put("f", "facebook", "2026-11-23T07:00:00.000Z", false, [
    parsedReview("f1", {
      rating: null,
      recommendation: "negative",
      text: "Not again",
      publishedAt: "2026-11-23T01:00:00.000Z",
    }),
  ]);
  store.setStatus(ids["n3"]!, { status: "replied", at: "2026-11-23T12:00:00.000Z" });
  // b1 edited by its reviewer in the window (and still seen), b2 gone from the site
  store.upsertPage(
    "g",
    "google",
    [
      parsedReview("b1", {
        rating: 4,
        text: "Great pho, a bit slow",
        publishedAt: "2026-06-01T00:00:00.000Z",
      }),
    ],
    "2026-11-23T08:00:00.000Z",
    false,
  );
  store.db
    .prepare("UPDATE reviews SET removed_at = ? WHERE id = ?")
    .run("2026-11-23T08:00:00.000Z", ids["b2"]);
  const run = store.startRun("check", "2026-11-23T06:00:00.000Z");
  store.recordSourceRun(run, runResult({ sourceId: "g", site: "google", new: 4 }), {
    rating: 4.3,
    count: 812,
  });
  store.recordSourceRun(
    run,
    runResult({
      sourceId: "f",
      site: "facebook",
      status: "failed",
      errorKind: "auth",
      errorMessage: "Facebook rejected the page token (190): check FACEBOOK_PAGE_TOKEN",
    }),
  );
  store.finishRun(run, "partial", "2026-11-23T06:01:00.000Z");
  return { store, ids };
}

// ---- the demo-like store ----

export function demoConfig(language = "vi"): Config {
  return ConfigSchema.parse({
    business: {
      name: "Gió Mùa Kitchen",
      contact: { name: "Linh", email: "care@giomua.example", phone: "+84 24 0000 0000" },
      signature: "Linh, owner of Gió Mùa Kitchen",
      timezone: "Asia/Ho_Chi_Minh",
      language,
    },
    sources: [
      { id: "google-old-quarter", site: "google", label: "Google — Old Quarter", placeId: "ChIJdemo1" },
      {
        id: "google-profile",
        site: "google",
        label: "Google Business Profile",
        location: "accounts/1/locations/2",
      },
      {
        id: "tripadvisor",
        site: "tripadvisor",
        url: "https://www.tripadvisor.com/Restaurant_Review-g1-d2.html",
      },
      { id: "facebook", site: "facebook", pageId: "1029384756" },
      { id: "zomato", site: "zomato", url: "https://www.zomato.com/hanoi/gio-mua-kitchen/reviews" },
    ],
  });
}

const POSITIVE = [
  ["Bún chả tuyệt vời, nhân viên rất thân thiện. Sẽ quay lại!", "vi"],
  ["Best phở we had in Hanoi. The broth is rich and the staff remembered our names.", "en"],
  ["Không gian ấm cúng, món ăn ngon, giá hợp lý.", "vi"],
  ["Lovely terrace, great egg coffee, quick service even on a busy Saturday.", "en"],
  ["Suurepärane toit ja sõbralik teenindus. Soovitan!", "et"],
  ["Chả cá rất ngon, phục vụ nhanh.", "vi"],
] as const;
const MIXED = [
  ["Food was good but we waited 40 minutes for a table.", "en"],
  ["Đồ ăn ngon nhưng hơi ồn.", "vi"],
] as const;

/** Eight weeks of reviews on five sources; the last night brings two negatives and five others. */
export function buildDemoStore(dir: string): Store {
  const store = new Store(path.join(dir, "demo.db"));
  const sources: [string, string, string][] = [
    ["google-old-quarter", "google", "google-places"],
    ["google-profile", "google", "google-business"],
    ["tripadvisor", "tripadvisor", "tripadvisor-page"],
    ["facebook", "facebook", "facebook-graph"],
    ["zomato", "zomato", "zomato-page"],
  ];
  for (const [id, site, method] of sources) store.ensureSource(id, site, method);
  const names = [
    "Minh Anh",
    "Sarah Collins",
    "Nguyễn Hoàng",
    "Tom Becker",
    "Kadri Tamm",
    "Lan Phạm",
    "Diego Ruiz",
    "Hà Vy",
  ];
  let n = 0;
  const day = 86400_000;
  // history: ~3 reviews a day spread over the sources, most replied within a day
  for (let d = 56; d >= 2; d--) {
    const count = 1 + ((d * 7) % 4);
    for (let k = 0; k < count; k++) {
      n++;
      const [source, site] = sources[(d + k) % sources.length]!;
      const published = new Date(NOW.getTime() - d * day + k * 3600_000);
      const seen = new Date(published.getTime() + 2 * 3600_000).toISOString();
      const rating = [5, 4, 5, 3, 5, 4, 2, 5, 4, 1][(n * 3) % 10]!;
      const [text, lang] = rating >= 4 ? POSITIVE[n % POSITIVE.length]! : MIXED[n % MIXED.length]!;
      const res = store.upsertPage(
        source,
        site,
        [
          parsedReview(`h${n}`, {
            rating: site === "facebook" ? null : rating,
            recommendation: site === "facebook" ? (rating >= 3 ? "positive" : "negative") : null,
            text,
            language: lang,
            author: { name: names[n % names.length]!, url: null },
            publishedAt: published.toISOString(),
            url: `https://example.com/${source}/review/h${n}`,
          }),
        ],
        seen,
        false,
      );
      const id = res.newIds[0];
      if (id != null && n % 23 !== 0)
        store.setStatus(id, {
          status: "replied",
          at: new Date(Date.parse(seen) + ((n % 4) * 6 + 3) * 3600_000).toISOString(),
        });
    }
  }
  const lastNight = "2026-11-23T22:00:00.000Z";
  const fresh: [string, string, ParsedReview][] = [
    [
      "google-old-quarter",
      "google",
      parsedReview("new-neg-1", {
        rating: 1,
        title: null,
        text: "Chờ 45 phút mới có món, phở thì nguội và nhân viên không xin lỗi. Rất thất vọng vì đây từng là quán quen của gia đình tôi.",
        language: "vi",
        author: { name: "Nguyễn Văn Bình", url: null },
        publishedAt: "2026-11-23T13:10:00.000Z",
        url: "https://www.google.com/maps/reviews/new-neg-1",
      }),
    ],
    [
      "tripadvisor",
      "tripadvisor",
      parsedReview("new-neg-2", {
        rating: 2,
        title: "Overpriced and noisy",
        text: "We booked a table for six and were seated next to the kitchen door. The bún chả was fine but the bill had two dishes we never ordered.",
        language: "en",
        author: { name: "Rachel Green", url: null },
        publishedAt: "2026-11-23T11:40:00.000Z",
        url: "https://www.tripadvisor.com/ShowUserReviews-g1-d2-r999.html",
      }),
    ],
    ...[0, 1, 2, 3, 4].map((i): [string, string, ParsedReview] => {
      const [source, site] = sources[i % sources.length]!;
      const [text, lang] = POSITIVE[(i + 2) % POSITIVE.length]!;
      return [
        source,
        site,
        parsedReview(`new-pos-${i}`, {
          rating: site === "facebook" ? null : 5 - (i % 2),
          recommendation: site === "facebook" ? "positive" : null,
          text,
          language: lang,
          author: { name: names[(i + 3) % names.length]!, url: null },
          publishedAt: new Date(Date.parse("2026-11-23T03:00:00.000Z") + i * 2 * 3600_000).toISOString(),
          url: `https://example.com/${source}/review/new-pos-${i}`,
        }),
      ];
    }),
  ];
  for (const [source, site, r] of fresh) store.upsertPage(source, site, [r], lastNight, false);
  const run = store.startRun("check", lastNight);
  const reported: Record<string, { rating: number; count: number }> = {
    "google-old-quarter": { rating: 4.5, count: 1287 },
    "google-profile": { rating: 4.5, count: 1287 },
    tripadvisor: { rating: 4.0, count: 356 },
    facebook: { rating: 4.7, count: 214 },
  };
  for (const [id, site] of sources) {
    const failed = id === "zomato";
    store.recordSourceRun(
      run,
      runResult({
        sourceId: id,
        site,
        startedAt: lastNight,
        finishedAt: lastNight,
        status: failed ? "failed" : "ok",
        errorKind: failed ? "layout-changed" : null,
        errorMessage: failed ? "Zomato's page has no __PRELOADED_STATE__: the page layout changed" : null,
      }),
      reported[id],
    );
  }
  store.finishRun(run, "partial", lastNight);
  return store;
}
