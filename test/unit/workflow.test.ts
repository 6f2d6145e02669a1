import path from "node:path";
import Database from "better-sqlite3";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { MIGRATIONS, SCHEMA_VERSION } from "../../src/store/migrations.js";
import { APPLICATION_ID } from "../../src/store/db.js";
import { dueOf } from "../../src/workflow/deadlines.js";
import { deadlineParams, waitingByDeadline } from "../../src/workflow/waiting.js";
import { ConfigSchema } from "../../src/config/schema.js";
import type { ParsedReview } from "../../src/domain/review.js";
import { tempDir } from "../helpers/cli.js";
import { parsedReview } from "../helpers/reviews.js";

const config = ConfigSchema.parse({ business: { name: "X" } });

/** What waits for a reply (every one, in deadline order), the baseline too or not. */
const awaiting = (store: Store, includeBaseline: boolean) =>
  waitingByDeadline(store.db, deadlineParams(config, new Date("2026-11-21T00:00:00.000Z")), {
    limit: 0,
    includeBaseline,
  });

function review(id: string, rating: number): ParsedReview {
  return parsedReview(id, { rating, text: "t" });
}

describe("reply workflow", () => {
  it("deadlines: 24 h for negatives, 72 h for others, from first seen; overdue first", () => {
    const store = new Store(path.join(tempDir(), "w.db"));
    store.upsertPage("s", "google", [review("neg", 1), review("pos", 5)], "2026-11-20T00:00:00.000Z", false);
    const [neg, pos] = [store.list({ minRating: 1, maxRating: 1 })[0]!, store.list({ minRating: 5 })[0]!];
    const now = new Date("2026-11-21T06:00:00.000Z"); // 30 h later
    expect(dueOf(neg, config, now)).toMatchObject({
      dueAt: "2026-11-21T00:00:00.000Z",
      overdue: true,
      hoursLeft: -6,
    });
    expect(dueOf(pos, config, now)).toMatchObject({
      dueAt: "2026-11-23T00:00:00.000Z",
      overdue: false,
      hoursLeft: 42,
    });
    const waiting = waitingByDeadline(store.db, deadlineParams(config, now), { limit: 0 });
    expect(waiting.map((r) => r.externalId)).toEqual(["neg", "pos"]);
    store.close();
  });

  it("mark keeps a history; replied records the time; baseline reviews are not awaiting by default", () => {
    const store = new Store(path.join(tempDir(), "w.db"));
    store.upsertPage("s", "google", [review("old", 1)], "2026-11-19T00:00:00.000Z", true);
    const { newIds } = store.upsertPage("s", "google", [review("new", 2)], "2026-11-20T00:00:00.000Z", false);
    const id = newIds[0]!;
    expect(awaiting(store, false).map((r) => r.externalId)).toEqual(["new"]);
    expect(awaiting(store, true).map((r) => r.externalId)).toEqual(["old", "new"]);
    store.setStatus(id, {
      status: "escalated",
      assignee: "Linh",
      note: "call",
      at: "2026-11-20T01:00:00.000Z",
    });
    expect(awaiting(store, false)).toHaveLength(1); // escalated still waits
    const r = store.setStatus(id, { status: "replied", at: "2026-11-20T02:00:00.000Z" });
    expect(r).toMatchObject({
      status: "replied",
      repliedAt: "2026-11-20T02:00:00.000Z",
      assignee: "Linh",
      note: "call",
    });
    expect(awaiting(store, false)).toHaveLength(0);
    expect(store.history(id).map((h) => h.status)).toEqual(["escalated", "replied"]);
    store.close();
  });

  it("an older database is migrated, with a backup copy first", () => {
    const file = path.join(tempDir(), "old.db");
    const db = new Database(file);
    MIGRATIONS[0]!(db);
    db.pragma("user_version = 1");
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.prepare("INSERT INTO sources (id, site, method) VALUES ('s', 'google', 'google-places')").run();
    db.close();
    const store = new Store(file);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.getSource("s")).toBeTruthy();
    // Migration 6's column is there (the suspicious check keeps the word pairs it compared in it).
    const columns = store.db.prepare("SELECT name FROM pragma_table_info('review_analysis')").pluck().all();
    expect(columns).toContain("pairs");
    store.close();
    const backup = new Database(`${file}.v1.bak`, { readonly: true });
    expect(backup.pragma("user_version", { simple: true })).toBe(1);
    expect(backup.prepare("SELECT id FROM sources").all()).toEqual([{ id: "s" }]);
    backup.close();
    expect(fs.existsSync(`${file}.v1.bak`)).toBe(true);
  });
});
