// The digest model's numbers against a store built by hand (see fixture.ts for the arithmetic).
import { describe, expect, it } from "vitest";
import { buildDigest, isEmpty, failureDigest } from "../../src/digest/model.js";
import { headlineOf } from "../../src/digest/labels.js";
import { tempDir } from "../helpers/cli.js";
import { parsedReview } from "../helpers/reviews.js";
import { buildHandStore, handConfig, NOW, SINCE } from "./fixture.js";

describe("buildDigest", () => {
  it("counts new, negative, edited, removed and overdue reviews in the window", () => {
    const { store, ids } = buildHandStore(tempDir());
    const m = buildDigest(store, handConfig(), { since: SINCE, now: NOW });
    expect(m.counts).toEqual({ new: 5, negative: 3, edited: 1, removed: 1, overdue: 2, failedSources: 1 });
    expect(headlineOf(m)).toBe(
      "Gió Mùa Kitchen — 3 new negative reviews, 5 new in total, 2 replies overdue, 1 source failed",
    );
    // negatives: the worst first (a "not recommended" has no stars), each with a draft and its findings
    expect(m.negatives.map((n) => n.review.id)).toEqual([ids["f1"], ids["n1"], ids["n2"]]);
    for (const n of m.negatives) {
      expect(n.draft?.text.length).toBeGreaterThan(20);
      expect(n.draft?.findings).toEqual([]);
    }
    expect(m.negatives[2]!.draft!.language).toBe("vi");
    // negatives are due 24 h after they were first seen
    expect(m.negatives[1]!.dueAt).toBe("2026-11-24T06:00:00.000Z");
    expect(m.others.map((r) => r.id).sort()).toEqual([ids["n3"], ids["n4"]].sort());
    expect(m.edited.map((r) => r.id)).toEqual([ids["b1"]]);
    expect(m.removed.map((r) => r.id)).toEqual([ids["b2"]]);
    // overdue: the earliest deadline first (o2 was due 11-22T12, o1 11-23T00)
    expect(m.overdue.map((o) => o.review.id)).toEqual([ids["o2"], ids["o1"]]);
    expect(m.overdue[0]!.hoursOverdue).toBeCloseTo(36, 5);
    expect(m.overdue[1]!.hoursOverdue).toBeCloseTo(24, 5);
  });

  it("aggregates per listing: rating, counts, response rate, median reply time, the share in time, the trend", () => {
    const { store } = buildHandStore(tempDir());
    const m = buildDigest(store, handConfig(), { since: SINCE, now: NOW });
    const g = m.listings.find((l) => l.key === "g")!;
    expect(g.label).toBe("Google — Old Quarter");
    expect(g.reported).toEqual({ rating: 4.3, count: 812 });
    // live: b1 (4 after the edit), o1 4, o2 1, n1 1, n2 2, n3 5, n4 4 → 21 / 7
    expect(g.stored).toEqual({ count: 7, average: 3 });
    expect(g.newInWindow).toBe(4);
    // published in the last 8 weeks: o1 o2 n1 n2 n3 n4; replied: n3 (12 h), n4 (10 h)
    expect(g.responseRate).toBeCloseTo(2 / 6, 10);
    expect(g.medianHoursToReply).toBe(11);
    // deadline passed or answered: o1, o2 (not answered), n3, n4 (answered in time)
    expect(g.inTimeRate).toBe(0.5);
    expect(g.trend).toHaveLength(8);
    expect(g.trend.map((p) => p.count)).toEqual([0, 0, 0, 0, 0, 0, 1, 5]);
    expect(g.trend[7]!.average).toBe(2.6);
    expect(g.trend[6]!.average).toBe(4);
    const f = m.listings.find((l) => l.key === "f")!;
    expect(f.stored).toEqual({ count: 1, average: null });
    expect(f.responseRate).toBe(0);
    expect(f.medianHoursToReply).toBeNull();
    expect(m.total.stored.count).toBe(8);
    expect(m.total.newInWindow).toBe(5);
    expect(m.total.responseRate).toBeCloseTo(2 / 7, 10);
    expect(m.total.medianHoursToReply).toBe(11);
    expect(m.total.trend.map((p) => p.count)).toEqual([0, 0, 0, 0, 0, 0, 1, 6]);
  });

  it("reports source health: failures with their message, coverage caps", () => {
    const { store } = buildHandStore(tempDir());
    const m = buildDigest(store, handConfig(), { since: SINCE, now: NOW });
    const f = m.health.find((h) => h.id === "f")!;
    expect(f).toMatchObject({ status: "failed", errorKind: "auth", cap: null });
    expect(f.message).toContain("FACEBOOK_PAGE_TOKEN");
    expect(m.health.find((h) => h.id === "g")).toMatchObject({
      status: "ok",
      cap: 5,
      method: "google-places",
    });
    // Themes of the last 30 days' negatives: "Rude waiter" (#4) and "Phở nguội, phục vụ chậm." (#6);
    // June's "Cold food" is older than 30 days.
    expect(m.themes).toEqual([
      { label: "'food'", count: 1, negative: 1, exampleIds: [6] },
      { label: "'service'", count: 1, negative: 1, exampleIds: [4] },
      { label: "'staff'", count: 1, negative: 1, exampleIds: [4] },
      { label: "'waiting'", count: 1, negative: 1, exampleIds: [6] },
    ]);
  });

  it("with a check report: the check's own results, and the reviews it found whatever the window", () => {
    const { store, ids } = buildHandStore(tempDir());
    const m = buildDigest(store, handConfig(), {
      since: NOW.toISOString(),
      now: NOW,
      checkReport: {
        runId: 7,
        interrupted: false,
        newReviews: [{ id: ids["n2"]! }],
        updated: [],
        removedIds: [],
        sources: [
          {
            sourceId: "g",
            site: "google",
            startedAt: SINCE,
            finishedAt: SINCE,
            status: "failed",
            fetched: 0,
            new: 0,
            updated: 0,
            removed: 0,
            requests: 3,
            pages: 1,
            errorKind: "layout-changed",
            errorMessage: "the page layout changed",
            warnings: [],
          },
        ],
      },
    });
    expect(m.counts).toMatchObject({ new: 1, negative: 1, edited: 0, removed: 0, failedSources: 1 });
    expect(m.health).toHaveLength(1);
    expect(m.health[0]).toMatchObject({ id: "g", status: "failed", layoutChanged: true });
    expect(m.runId).toBe(7);
  });

  it("a review without stars is negative or not by its recommendation, never neither", () => {
    const { store } = buildHandStore(tempDir());
    store.upsertPage(
      "f",
      "facebook",
      [
        parsedReview("f2", { rating: null, recommendation: "positive", text: "Recommended" }),
        parsedReview("f3", { rating: null, recommendation: null, text: "No opinion" }),
      ],
      "2026-11-23T09:00:00.000Z",
      false,
    );
    const m = buildDigest(store, handConfig(), { since: SINCE, now: NOW });
    expect(m.counts).toMatchObject({ new: 7, negative: 3 });
    expect(m.others).toHaveLength(4);
  });

  it("is empty when nothing happened, and not when a source failed", () => {
    const { store } = buildHandStore(tempDir());
    const later = new Date("2026-12-30T00:00:00.000Z");
    const quiet = buildDigest(store, handConfig(), { since: "2026-12-29T00:00:00.000Z", now: later });
    expect(quiet.counts.new + quiet.counts.edited + quiet.counts.removed).toBe(0);
    // the facebook source's last run failed: still news
    expect(isEmpty(quiet)).toBe(false);
    store.db
      .prepare("UPDATE sources SET last_status = 'ok', last_error_kind = NULL, last_error_message = NULL")
      .run();
    expect(isEmpty(buildDigest(store, handConfig(), { since: "2026-12-29T00:00:00.000Z", now: later }))).toBe(
      true,
    );
    expect(isEmpty(failureDigest(handConfig(), "disk full", later))).toBe(false);
  });

  it("reads through SQL aggregates: the history before its windows is not loaded row by row", () => {
    const { store } = buildHandStore(tempDir());
    const insert = store.db.prepare(
      `INSERT INTO reviews (source_id, site, external_id, rating, content_hash, first_seen_at, last_seen_at, published_at, baseline)
       VALUES ('g', 'google', ?, ?, 'h', ?, ?, ?, 1)`,
    );
    store.db.transaction(() => {
      for (let i = 0; i < 50_000; i++) {
        const t = new Date(Date.parse("2025-01-01T00:00:00.000Z") + i * 60_000).toISOString();
        insert.run(`bulk${i}`, 1 + (i % 5), t, t, t);
      }
    })();
    // Count the rows every statement hands to JavaScript (get, all, iterate) while the digest is built.
    let rows = 0;
    const prepare = store.db.prepare.bind(store.db);
    store.db.prepare = ((sql: string) => {
      const st = prepare(sql);
      const get = st.get.bind(st);
      const all = st.all.bind(st);
      const iterate = st.iterate.bind(st);
      st.get = (...args: unknown[]) => {
        const row = get(...args);
        if (row !== undefined) rows++;
        return row;
      };
      st.all = (...args: unknown[]) => {
        const list = all(...args);
        rows += list.length;
        return list;
      };
      st.iterate = function* (...args: unknown[]) {
        for (const row of iterate(...args)) {
          rows++;
          yield row;
        }
      } as typeof st.iterate;
      return st;
    }) as typeof store.db.prepare;
    const m = buildDigest(store, handConfig(), { since: SINCE, now: NOW });
    expect(m.counts.new).toBe(5);
    expect(m.total.stored.count).toBe(50_008);
    // Counted, not timed (speed is measured in bench/): the 50,000 reviews of 2025 are summed in SQL,
    // never read one by one (48 rows when this was written: the hand store's and the aggregates').
    // The themes do read each negative review of their 12 weeks: dated October 2026, these made 40,055.
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(1000);
  });

  it("labels follow business.language", () => {
    const { store } = buildHandStore(tempDir());
    const m = buildDigest(store, handConfig("vi-VN"), { since: SINCE, now: NOW });
    expect(m.language).toBe("vi");
    expect(headlineOf(m)).toBe(
      "Gió Mùa Kitchen — 3 đánh giá tiêu cực mới, tổng cộng 5 đánh giá mới, 2 phản hồi quá hạn, 1 nguồn bị lỗi",
    );
    expect(buildDigest(store, handConfig("et"), { since: SINCE, now: NOW }).language).toBe("en");
  });
});

describe("suspicious reviews in the digest", () => {
  it("counts recent reviews that reviews suspicious would flag, by kind, and says so in every format", async () => {
    const { store } = buildHandStore(tempDir());
    const copied = "Terrible place, the worst food in town, never ever go there again, avoid it";
    store.upsertPage(
      "g",
      "google",
      ["Ann Lee", "Bob Ray", "Cy Moss"].map((name, i) =>
        parsedReview(`copy-${i}`, {
          author: { name, url: null },
          rating: 1,
          text: copied,
          publishedAt: `2026-11-23T0${i + 1}:00:00.000Z`,
        }),
      ),
      NOW.toISOString(),
      false,
    );
    const m = buildDigest(store, handConfig(), { since: SINCE, now: NOW });
    expect(m.suspicious?.kinds["duplicate-text"]).toBe(3);
    expect(m.suspicious!.reviews).toBeGreaterThanOrEqual(3);
    const { renderText } = await import("../../src/digest/render-text.js");
    const { renderHtml } = await import("../../src/digest/render-html.js");
    expect(renderText(m)).toMatch(
      /Worth a second look\n=+\n {2}\d+ recent reviews look fake or break the site's rules \(copied text: 3/,
    );
    expect(renderHtml(m)).toContain('id="suspicious"');
    // Only the digest's window is read: a week-long window still sees them, one after them does not.
    expect(
      buildDigest(store, handConfig(), { since: "2026-11-17T00:00:00.000Z", now: NOW }).suspicious?.kinds[
        "duplicate-text"
      ],
    ).toBe(3);
    expect(
      buildDigest(store, handConfig(), { since: "2026-11-23T12:00:00.000Z", now: NOW }).suspicious?.kinds[
        "duplicate-text"
      ] ?? 0,
    ).toBe(0);
    // A store with nothing of the kind has no such section.
    const plain = buildDigest(buildHandStore(tempDir()).store, handConfig(), { since: SINCE, now: NOW });
    expect(plain.suspicious?.kinds["duplicate-text"] ?? 0).toBe(0);
  });
});
