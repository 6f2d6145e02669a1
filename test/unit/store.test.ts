import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { StoreError } from "../../src/errors.js";
import type { ParsedReview } from "../../src/domain/review.js";
import { SCHEMA_VERSION } from "../../src/store/migrations.js";
import { tempDir } from "../helpers/cli.js";
import { runResult } from "../helpers/reviews.js";

function review(id: string, over: Partial<ParsedReview> = {}): ParsedReview {
  return {
    externalId: id,
    author: { name: "Lan N.", url: null },
    rating: 4,
    recommendation: null,
    title: null,
    text: `text of ${id}`,
    textLanguage: "en",
    originalText: null,
    language: "en",
    publishedAt: "2026-11-01T10:00:00.000Z",
    publishedPrecision: "instant",
    publishedRaw: "3 weeks ago",
    siteUpdatedAt: null,
    url: null,
    ownerReply: null,
    excerpt: false,
    raw: { id },
    ...over,
  };
}

function fresh(): Store {
  return new Store(path.join(tempDir(), "sub", "reviews.db"));
}

describe("Store", () => {
  it("creates a private file with WAL and the current schema", () => {
    const store = fresh();
    expect(fs.statSync(store.file).mode & 0o777).toBe(0o600);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
    // SQLite's own 2 MB page cache, not better-sqlite3's 16 MB (cheaper for a short command).
    expect(store.db.pragma("cache_size", { simple: true })).toBe(-2000);
    store.close();
  });

  it("inserts, recognises unchanged reviews, and keeps a revision when a review is edited", () => {
    const store = fresh();
    const first = store.upsertPage(
      "g",
      "google",
      [review("a"), review("b")],
      "2026-11-20T00:00:00.000Z",
      false,
    );
    expect(first.newIds).toHaveLength(2);
    // "6 months ago" changes every day: not an edit.
    const again = store.upsertPage(
      "g",
      "google",
      [review("a", { publishedRaw: "4 weeks ago" }), review("b")],
      "2026-11-21T00:00:00.000Z",
      false,
    );
    expect(again).toMatchObject({ newIds: [], updatedIds: [], unchanged: 2 });
    const edited = store.upsertPage(
      "g",
      "google",
      [review("a", { rating: 1, text: "changed my mind" })],
      "2026-11-22T00:00:00.000Z",
      false,
    );
    expect(edited.updatedIds).toHaveLength(1);
    const id = edited.updatedIds[0]!;
    expect(store.getReview(id)).toMatchObject({
      rating: 1,
      text: "changed my mind",
      firstSeenAt: "2026-11-20T00:00:00.000Z",
    });
    expect(store.revisions(id)).toEqual([
      {
        recordedAt: "2026-11-22T00:00:00.000Z",
        rating: 4,
        recommendation: null,
        title: null,
        text: "text of a",
        originalText: null,
      },
    ]);
    expect(store.list({}).length).toBe(2);
    store.close();
  });

  it("a review seen again unchanged only gets its sighting time; a changed name or reply is still stored", () => {
    const store = fresh();
    store.upsertPage("g", "google", [review("a")], "2026-11-20T00:00:00.000Z", false);
    const id = store.list({})[0]!.id;
    const same = store.upsertPage("g", "google", [review("a")], "2026-11-21T00:00:00.000Z", false);
    expect(same).toMatchObject({ newIds: [], updatedIds: [], unchanged: 1 });
    expect(store.getReview(id)!.lastSeenAt).toBe("2026-11-21T00:00:00.000Z");
    const renamed = store.upsertPage(
      "g",
      "google",
      [review("a", { author: { name: "Renamed Person", url: null } })],
      "2026-11-22T00:00:00.000Z",
      false,
    );
    expect(renamed).toMatchObject({ updatedIds: [], unchanged: 1 });
    const after = store.getReview(id)!;
    expect(after.author.name).toBe("Renamed Person");
    expect(after.lastSeenAt).toBe("2026-11-22T00:00:00.000Z");
    store.upsertPage(
      "g",
      "google",
      [
        review("a", {
          author: { name: "Renamed Person", url: null },
          ownerReply: { text: "Thanks!", publishedAt: null },
        }),
      ],
      "2026-11-23T00:00:00.000Z",
      false,
    );
    expect(store.getReview(id)).toMatchObject({ status: "replied", ownerReply: { text: "Thanks!" } });
    store.close();
  });

  it("the same external id in two sources is two reviews", () => {
    const store = fresh();
    store.upsertPage("g1", "google", [review("a")], "2026-11-20T00:00:00.000Z", false);
    store.upsertPage("g2", "google", [review("a")], "2026-11-20T00:00:00.000Z", false);
    expect(store.list({}).length).toBe(2);
    store.close();
  });

  it("marks unseen reviews removed (never deletes) and restores one that comes back", () => {
    const store = fresh();
    store.upsertPage("fb", "facebook", [review("a"), review("b")], "2026-11-20T00:00:00.000Z", false);
    store.upsertPage("fb", "facebook", [review("a")], "2026-11-21T00:00:00.000Z", false);
    const removed = store.markUnseenRemoved("fb", "2026-11-21T00:00:00.000Z", "2026-11-21T00:00:05.000Z");
    expect(removed).toHaveLength(1);
    expect(store.getReview(removed[0]!)!.removedAt).toBe("2026-11-21T00:00:05.000Z");
    expect(store.list({}).map((r) => r.externalId)).toEqual(["a"]);
    expect(store.list({ includeRemoved: true })).toHaveLength(2);
    const back = store.upsertPage("fb", "facebook", [review("b")], "2026-11-22T00:00:00.000Z", false);
    expect(back.updatedIds).toEqual(removed);
    expect(store.getReview(removed[0]!)!.removedAt).toBeNull();
    store.close();
  });

  it("a reply seen on the site marks the review replied with the reply's time", () => {
    const store = fresh();
    const { newIds } = store.upsertPage(
      "gbp",
      "google",
      [review("a", { rating: 1 })],
      "2026-11-20T00:00:00.000Z",
      false,
    );
    expect(store.getReview(newIds[0]!)!.status).toBe("open");
    const r = store.upsertPage(
      "gbp",
      "google",
      [review("a", { rating: 1, ownerReply: { text: "Sorry!", publishedAt: "2026-11-20T08:00:00.000Z" } })],
      "2026-11-21T00:00:00.000Z",
      false,
    );
    expect(r.repliesSeen).toBe(1);
    expect(store.getReview(newIds[0]!)).toMatchObject({
      status: "replied",
      repliedAt: "2026-11-20T08:00:00.000Z",
      ownerReply: { text: "Sorry!" },
    });
    store.close();
  });

  it("filters by site, rating, negative, status, since and limit", () => {
    const store = fresh();
    store.upsertPage(
      "g",
      "google",
      [review("a", { rating: 5 }), review("b", { rating: 1, publishedAt: "2026-11-10T00:00:00.000Z" })],
      "2026-11-20T00:00:00.000Z",
      false,
    );
    store.upsertPage(
      "f",
      "facebook",
      [review("c", { rating: null, recommendation: "negative" })],
      "2026-11-20T00:00:00.000Z",
      false,
    );
    expect(store.list({ site: "google" }).map((r) => r.externalId)).toEqual(["b", "a"]); // newest first
    expect(
      store
        .list({ negativeMaxRating: 2 })
        .map((r) => r.externalId)
        .sort(),
    ).toEqual(["b", "c"]);
    expect(store.list({ minRating: 4 }).map((r) => r.externalId)).toEqual(["a"]);
    expect(store.list({ since: "2026-11-05T00:00:00.000Z" }).map((r) => r.externalId)).toEqual(["b"]);
    expect(store.list({ limit: 1 })).toHaveLength(1);
    expect(store.list({ status: "replied" })).toHaveLength(0);
    store.close();
  });

  it("refuses a database from a newer version, a foreign SQLite file, and a file that is not SQLite", () => {
    const dir = tempDir();
    const newer = path.join(dir, "newer.db");
    new Store(newer).close();
    const raw = new Database(newer);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => new Store(newer)).toThrow(/written by a newer version of reviews/);

    const foreign = path.join(dir, "foreign.db");
    const f = new Database(foreign);
    f.exec("CREATE TABLE t (x)");
    f.close();
    expect(() => new Store(foreign)).toThrow(StoreError);
    expect(() => new Store(foreign)).toThrow(/another program/);

    const text = path.join(dir, "notes.db");
    fs.writeFileSync(text, "hello, this is not a database at all");
    expect(() => new Store(text)).toThrow(/not a SQLite database/);
    expect(fs.readFileSync(text, "utf8")).toBe("hello, this is not a database at all");
  });

  it("a missing database is an error for read-only commands, not a new file", () => {
    const file = path.join(tempDir(), "none.db");
    expect(() => new Store(file, { mustExist: true })).toThrow(
      /no database at .* yet: run "reviews check" first/,
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  it("records runs and per-source results", () => {
    const store = fresh();
    store.ensureSource("g", "google", "google-places");
    const run = store.startRun("check", "2026-11-22T00:00:00.000Z");
    store.recordSourceRun(
      run,
      runResult({
        sourceId: "g",
        site: "google",
        startedAt: "2026-11-22T00:00:00.000Z",
        finishedAt: "2026-11-22T00:00:01.000Z",
        status: "baseline",
        fetched: 5,
        new: 5,
      }),
      { rating: 4.2, count: 1234 },
    );
    store.finishRun(run, "ok", "2026-11-22T00:00:02.000Z");
    expect(store.getSource("g")).toMatchObject({
      baseline_at: "2026-11-22T00:00:01.000Z",
      last_status: "baseline",
      site_rating: 4.2,
      site_count: 1234,
    });
    store.close();
  });
});
