// All reads and writes of the database go through here. Statements are prepared once.
import type Database from "better-sqlite3";
import { createHash } from "node:crypto";
import type {
  ParsedReview,
  Permission,
  Revision,
  Site,
  StoredReview,
  WorkflowStatus,
} from "../domain/review.js";
import { openDatabase, storeSqliteError } from "./db.js";

export interface PageResult {
  newIds: number[];
  updatedIds: number[];
  unchanged: number;
  /** Reviews whose owner reply appeared or changed on the site. */
  repliesSeen: number;
}

export interface ListFilter {
  site?: string;
  source?: string;
  minRating?: number;
  maxRating?: number;
  since?: string;
  negativeMaxRating?: number;
  status?: WorkflowStatus;
  ids?: number[];
  limit?: number;
  includeRemoved?: boolean;
}

export interface SourceRow {
  id: string;
  site: string;
  method: string;
  baseline_at: string | null;
  last_run_at: string | null;
  last_status: string | null;
  last_error_kind: string | null;
  last_error_message: string | null;
  site_name: string | null;
  site_rating: number | null;
  site_count: number | null;
}

export interface SourceRunResult {
  sourceId: string;
  site: string;
  startedAt: string;
  finishedAt: string;
  status: "ok" | "baseline" | "failed";
  fetched: number;
  new: number;
  updated: number;
  removed: number;
  requests: number;
  pages: number;
  errorKind: string | null;
  errorMessage: string | null;
  warnings: string[];
}

/** A row of the reviews table as SQLite returns it. */
export interface ReviewRow {
  id: number;
  source_id: string;
  site: string;
  external_id: string;
  author_name: string | null;
  author_url: string | null;
  rating: number | null;
  recommendation: string | null;
  title: string | null;
  text: string | null;
  text_language: string | null;
  original_text: string | null;
  language: string | null;
  published_at: string | null;
  published_precision: string | null;
  published_raw: string | null;
  site_updated_at: string | null;
  url: string | null;
  reply_text: string | null;
  reply_at: string | null;
  excerpt: number;
  content_hash: string;
  first_seen_at: string;
  last_seen_at: string;
  removed_at: string | null;
  baseline: number;
  status: string;
  assignee: string | null;
  note: string | null;
  replied_at: string | null;
  permission: string;
}

/** Every column of a review row, for SELECTs that end in toStored. */
export const COLUMNS = `id, source_id, site, external_id, author_name, author_url, rating, recommendation, title, text,
  text_language, original_text, language, published_at, published_precision, published_raw, site_updated_at, url,
  reply_text, reply_at, excerpt, content_hash, first_seen_at, last_seen_at, removed_at, baseline, status, assignee,
  note, replied_at, permission`;

/** What counts as an edit: the reviewer's rating or words. */
export function contentHash(
  r: Pick<ParsedReview, "rating" | "recommendation" | "title" | "text" | "originalText">,
): string {
  return createHash("sha1")
    .update(JSON.stringify([r.rating, r.recommendation, r.title, r.originalText ?? r.text]))
    .digest("base64url");
}

/** The columns a re-read can change without changing the reviewer's words (those are in the hash). */
const DESCRIPTIVE = [
  "author_name",
  "author_url",
  "text_language",
  "language",
  "published_at",
  "published_precision",
  "published_raw",
  "site_updated_at",
  "url",
  "reply_text",
  "reply_at",
  "excerpt",
] as const;

function sameStored(row: ReviewRow, values: Record<string, unknown>): boolean {
  return DESCRIPTIVE.every((c) => (row[c] ?? null) === (values[c] ?? null));
}

export function toStored(row: ReviewRow): StoredReview {
  return {
    id: row.id,
    source: row.source_id,
    site: row.site as Site,
    externalId: row.external_id,
    author: { name: row.author_name, url: row.author_url },
    rating: row.rating,
    recommendation: row.recommendation as StoredReview["recommendation"],
    title: row.title,
    text: row.text,
    textLanguage: row.text_language,
    originalText: row.original_text,
    language: row.language,
    publishedAt: row.published_at,
    publishedPrecision: row.published_precision as StoredReview["publishedPrecision"],
    publishedRaw: row.published_raw,
    siteUpdatedAt: row.site_updated_at,
    url: row.url,
    ownerReply: row.reply_text != null ? { text: row.reply_text, publishedAt: row.reply_at } : null,
    excerpt: row.excerpt === 1,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    removedAt: row.removed_at,
    baseline: row.baseline === 1,
    status: row.status as WorkflowStatus,
    assignee: row.assignee,
    note: row.note,
    repliedAt: row.replied_at,
    permission: row.permission as Permission,
  };
}

/** The order of `list` and the exports: newest first (published, else first seen), then by id. */
/** The date every list and export is ordered by: published, else first seen. */
export const WHEN = "coalesce(published_at, first_seen_at)";
/** listTerms' term for `since` (export/query.ts rangeSql recognises it). */
export const SINCE_TERM = `${WHEN} >= @since`;
export const LIST_ORDER = ` ORDER BY ${WHEN} DESC, id DESC`;

/** The WHERE terms, parameters and LIMIT of a list filter (`list`, `export`). */
export function listTerms(filter: ListFilter): {
  where: string[];
  params: Record<string, unknown>;
  limit: string;
} {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (!filter.includeRemoved) where.push("removed_at IS NULL");
  if (filter.site) {
    where.push("site = @site");
    params["site"] = filter.site;
  }
  if (filter.source) {
    where.push("source_id = @source");
    params["source"] = filter.source;
  }
  if (filter.minRating != null) {
    where.push("rating >= @minRating");
    params["minRating"] = filter.minRating;
  }
  if (filter.maxRating != null) {
    where.push("rating <= @maxRating");
    params["maxRating"] = filter.maxRating;
  }
  if (filter.since) {
    where.push(SINCE_TERM);
    params["since"] = filter.since;
  }
  if (filter.negativeMaxRating != null) {
    where.push("(rating <= @negMax OR (rating IS NULL AND recommendation = 'negative'))");
    params["negMax"] = filter.negativeMaxRating;
  }
  if (filter.status) {
    where.push("status = @status");
    params["status"] = filter.status;
  }
  let limit = "";
  if (filter.limit != null) {
    limit = " LIMIT @limit";
    params["limit"] = filter.limit;
  }
  return { where, params, limit };
}

/**
 * " INDEXED BY …" for list's statement when it has a filter on status or source, chosen by the live
 * counts; otherwise "" (SQLite's own plan). SQLite answered an equality filter on status or source
 * through that column's own index and sorted every match to show the newest: on a million reviews,
 * `list --status replied` sorted 240,000 rows (1–4 s) to show 50, and `--since 30d --source S
 * --status open` read all 759,597 open rows (1.5 s). Its statistics (sampled by PRAGMA optimize) rate
 * every status and every source alike, so the counts in review_tally (and, for a date range,
 * review_days) decide between the plans, each costed in rows read:
 * - the walk of the date index (reviews_when) in list order from the end of the range: it holds every
 *   column the filters test, so each entry is tested without reading its review, and it stops at the
 *   limit's last match — cheap when matches are many, dear when they are few (every entry of the
 *   range, 1,000,000 of them in about 0.2 s, for a status no review has). An entry tested costs about
 *   a twentieth of a review row read and sorted (measured on the benchmark's database);
 * - the site's index (site, date), also in list order, but a row read for each entry it tests;
 * - the source's or the status's index: every row of that source or status read, then sorted.
 * Matches are taken as spread evenly over time and over the site's reviews.
 */
export function listIndexHint(db: Database.Database, filter: ListFilter): string {
  if (filter.status == null && filter.source == null) return "";
  // The filter's own terms but the date, on review_tally's rows seen as reviews (it counts live
  // reviews and writes a missing rating as -1 and a missing recommendation as ''): the count is of
  // what list would show over all time.
  const { where, params } = listTerms({
    ...filter,
    since: undefined,
    includeRemoved: true,
    limit: undefined,
  });
  const term = (on: unknown, sql: string) => (on != null ? sql : "0");
  const c = db
    .prepare(
      `SELECT coalesce(sum(n), 0) AS total, coalesce(sum(n) FILTER (WHERE ${where.join(" AND ")}), 0) AS matches,
        coalesce(sum(n) FILTER (WHERE ${term(filter.source, "source_id = @source")}), 0) AS bySource,
        coalesce(sum(n) FILTER (WHERE ${term(filter.status, "status = @status")}), 0) AS byStatus,
        coalesce(sum(n) FILTER (WHERE ${term(filter.site, "site = @site")}), 0) AS bySite
       FROM (SELECT source_id, site, status, nullif(rating, -1) AS rating, nullif(recommendation, '') AS recommendation, n
             FROM review_tally)`,
    )
    .get(params) as { total: number; matches: number; bySource: number; byStatus: number; bySite: number };
  // The live reviews dated in the range, from its first whole UTC day (review_days: by source and day).
  let inRange = c.total;
  let siteInRange = c.bySite;
  if (filter.since != null) {
    const r = db
      .prepare(
        `SELECT coalesce(sum(n), 0) AS n, coalesce(sum(n) FILTER (WHERE site = @site), 0) AS site
         FROM review_days WHERE day >= substr(@since, 1, 10)`,
      )
      .get({ since: filter.since, site: filter.site ?? null }) as { n: number; site: number };
    inRange = r.n;
    siteInRange = r.site;
  }
  // Entries a walk in list order tests: up to the limit's last match, at most every entry of its range.
  const walked = (entries: number, of: number) =>
    filter.limit ? Math.min(entries, (filter.limit * of) / Math.max(c.matches, 1)) : entries;
  const plans: [string, number][] = [[" INDEXED BY reviews_when", walked(inRange, c.total) / 20]];
  if (filter.site != null) plans.push([" INDEXED BY reviews_site", walked(siteInRange, c.bySite)]);
  if (filter.source != null) plans.push([" INDEXED BY reviews_last_seen", c.bySource]);
  if (filter.status != null) plans.push([" INDEXED BY reviews_status", c.byStatus]);
  // The cheapest; on a tie, the first (the walk).
  return plans.reduce((best, p) => (p[1] < best[1] ? p : best))[0];
}

export class Store {
  readonly db: Database.Database;
  private readonly stmts;

  constructor(
    readonly file: string,
    options: { readonly?: boolean; mustExist?: boolean } = {},
  ) {
    this.db = openDatabase(file, options);
    const db = this.db;
    this.stmts = {
      find: db.prepare(`SELECT ${COLUMNS} FROM reviews WHERE source_id = ? AND external_id = ?`),
      insert:
        db.prepare(`INSERT INTO reviews (source_id, site, external_id, author_name, author_url, rating, recommendation,
          title, text, text_language, original_text, language, published_at, published_precision, published_raw,
          site_updated_at, url, reply_text, reply_at, excerpt, content_hash, first_seen_at, last_seen_at, baseline,
          status, replied_at, raw)
        VALUES (@source_id, @site, @external_id, @author_name, @author_url, @rating, @recommendation, @title, @text,
          @text_language, @original_text, @language, @published_at, @published_precision, @published_raw,
          @site_updated_at, @url, @reply_text, @reply_at, @excerpt, @content_hash, @now, @now, @baseline,
          @status, @replied_at, @raw)`),
      update:
        db.prepare(`UPDATE reviews SET author_name = @author_name, author_url = @author_url, rating = @rating,
          recommendation = @recommendation, title = @title, text = @text, text_language = @text_language,
          original_text = @original_text, language = @language, published_at = @published_at,
          published_precision = @published_precision, published_raw = @published_raw, site_updated_at = @site_updated_at,
          url = @url, reply_text = @reply_text, reply_at = @reply_at, excerpt = @excerpt, content_hash = @content_hash,
          last_seen_at = @now, removed_at = NULL, raw = @raw,
          status = @status, replied_at = @replied_at
        WHERE id = @id`),
      touch: db.prepare(`UPDATE reviews SET last_seen_at = ? WHERE id = ?`),
      revision:
        db.prepare(`INSERT INTO revisions (review_id, recorded_at, rating, recommendation, title, text, original_text)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      removeUnseen:
        db.prepare(`UPDATE reviews SET removed_at = ? WHERE source_id = ? AND removed_at IS NULL AND last_seen_at < ?
        RETURNING id`),
      get: db.prepare(`SELECT ${COLUMNS} FROM reviews WHERE id = ?`),
      revisions:
        db.prepare(`SELECT recorded_at, rating, recommendation, title, text, original_text FROM revisions
        WHERE review_id = ? ORDER BY id`),
      source: db.prepare(`SELECT * FROM sources WHERE id = ?`),
      sources: db.prepare(`SELECT * FROM sources ORDER BY id`),
      upsertSource: db.prepare(`INSERT INTO sources (id, site, method) VALUES (?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET site = excluded.site, method = excluded.method`),
      event: db.prepare(
        "INSERT INTO workflow_events (review_id, at, status, note, assignee, origin) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      countBySource: db.prepare(
        `SELECT count(*) AS n FROM reviews WHERE source_id = ? AND removed_at IS NULL`,
      ),
    };
  }

  close(): void {
    try {
      this.db.pragma("optimize");
    } catch {
      // a read-only or busy database cannot be optimised; closing matters more
    }
    this.db.close();
  }

  /** Run `fn` in one IMMEDIATE transaction (never a deferred one: see robustness.md). */
  write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      throw storeSqliteError(err, this.file);
    }
  }

  ensureSource(id: string, site: string, method: string): SourceRow {
    this.write(() => this.stmts.upsertSource.run(id, site, method));
    return this.stmts.source.get(id) as SourceRow;
  }

  getSource(id: string): SourceRow | undefined {
    return this.stmts.source.get(id) as SourceRow | undefined;
  }

  listSources(): SourceRow[] {
    return this.stmts.sources.all() as SourceRow[];
  }

  storedCount(sourceId: string): number {
    return (this.stmts.countBySource.get(sourceId) as { n: number }).n;
  }

  /**
   * Store one page of a source in one transaction. New reviews are inserted, edited ones get a
   * revision holding the old words, and everything seen gets `last_seen_at = now`.
   */
  upsertPage(
    sourceId: string,
    site: string,
    reviews: readonly ParsedReview[],
    now: string,
    baseline: boolean,
  ): PageResult {
    const result: PageResult = { newIds: [], updatedIds: [], unchanged: 0, repliesSeen: 0 };
    this.write(() => {
      for (const r of reviews) {
        const hash = contentHash(r);
        const existing = this.stmts.find.get(sourceId, r.externalId) as ReviewRow | undefined;
        const reply = r.ownerReply;
        const values = {
          source_id: sourceId,
          site,
          external_id: r.externalId,
          author_name: r.author.name,
          author_url: r.author.url,
          rating: r.rating,
          recommendation: r.recommendation,
          title: r.title,
          text: r.text,
          text_language: r.textLanguage,
          original_text: r.originalText,
          language: r.language,
          published_at: r.publishedAt,
          published_precision: r.publishedPrecision,
          published_raw: r.publishedRaw,
          site_updated_at: r.siteUpdatedAt,
          url: r.url,
          reply_text: reply?.text ?? null,
          reply_at: reply?.publishedAt ?? null,
          excerpt: r.excerpt ? 1 : 0,
          content_hash: hash,
          now,
          raw: r.raw === undefined ? null : JSON.stringify(r.raw),
        };
        if (!existing) {
          const info = this.stmts.insert.run({
            ...values,
            baseline: baseline ? 1 : 0,
            // A reply already on the site means the review has been answered.
            status: reply ? "replied" : "open",
            replied_at: reply ? (reply.publishedAt ?? now) : null,
          });
          result.newIds.push(Number(info.lastInsertRowid));
          continue;
        }
        const replyChanged = (reply?.text ?? null) !== existing.reply_text;
        if (replyChanged && reply) result.repliesSeen++;
        let status = existing.status;
        let repliedAt = existing.replied_at;
        if (replyChanged && reply && (status === "open" || status === "escalated")) {
          status = "replied";
          repliedAt = reply.publishedAt ?? now;
        }
        // Seen again exactly as stored (the daily case): only the sighting is recorded. Rewriting the
        // whole row (and five of its indexes) made a re-read of unchanged reviews slower than a first
        // read. The stored raw payload then stays the one of the last change.
        if (
          existing.content_hash === hash &&
          existing.removed_at == null &&
          !replyChanged &&
          status === existing.status &&
          sameStored(existing, values)
        ) {
          this.stmts.touch.run(now, existing.id);
          result.unchanged++;
          continue;
        }
        this.stmts.update.run({ ...values, id: existing.id, status, replied_at: repliedAt });
        if (status !== existing.status) {
          this.stmts.event.run(existing.id, now, status, "reply seen on the site", null, "site");
        }
        if (existing.content_hash !== hash || existing.removed_at != null) {
          if (existing.content_hash !== hash) {
            this.stmts.revision.run(
              existing.id,
              now,
              existing.rating,
              existing.recommendation,
              existing.title,
              existing.text,
              existing.original_text,
            );
          }
          result.updatedIds.push(existing.id);
        } else {
          result.unchanged++;
        }
      }
    });
    return result;
  }

  /** After a complete walk: whatever was not seen since `runStart` is gone from the site. */
  markUnseenRemoved(sourceId: string, runStart: string, now: string): number[] {
    return this.write(() =>
      (this.stmts.removeUnseen.all(now, sourceId, runStart) as { id: number }[]).map((r) => r.id),
    );
  }

  getReview(id: number): StoredReview | undefined {
    const row = this.stmts.get.get(id) as ReviewRow | undefined;
    return row ? toStored(row) : undefined;
  }

  getReviews(ids: readonly number[]): StoredReview[] {
    return ids.map((id) => this.getReview(id)).filter((r): r is StoredReview => r !== undefined);
  }

  revisions(id: number): Revision[] {
    return (this.stmts.revisions.all(id) as Record<string, unknown>[]).map((r) => ({
      recordedAt: r["recorded_at"] as string,
      rating: r["rating"] as number | null,
      recommendation: r["recommendation"] as Revision["recommendation"],
      title: r["title"] as string | null,
      text: r["text"] as string | null,
      originalText: r["original_text"] as string | null,
    }));
  }

  rawPayload(id: number): unknown {
    const row = this.db.prepare("SELECT raw FROM reviews WHERE id = ?").get(id) as
      { raw: string | null } | undefined;
    return row?.raw ? (JSON.parse(row.raw) as unknown) : null;
  }

  private listQuery(filter: ListFilter): { sql: string; params: Record<string, unknown> } {
    const { where, params, limit } = listTerms(filter);
    const hint = listIndexHint(this.db, filter);
    const sql = `SELECT ${COLUMNS} FROM reviews${hint}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}${LIST_ORDER}${limit}`;
    return { sql, params };
  }

  list(filter: ListFilter): StoredReview[] {
    const { sql, params } = this.listQuery(filter);
    return (this.db.prepare(sql).all(params) as ReviewRow[]).map(toStored);
  }

  /** The same as `list`, one row at a time: exports of a million reviews stay in bounded memory. */
  *iterate(filter: ListFilter): Generator<StoredReview> {
    const { sql, params } = this.listQuery(filter);
    for (const row of this.db.prepare(sql).iterate(params)) yield toStored(row as ReviewRow);
  }

  /** Testimonial permission: whether the customer agreed to be quoted. */
  setPermission(id: number, permission: Permission, note: string | undefined, at: string): StoredReview {
    this.write(() =>
      this.db
        .prepare(
          "UPDATE reviews SET permission = ?, permission_at = ?, permission_note = coalesce(?, permission_note) WHERE id = ?",
        )
        .run(permission, at, note ?? null, id),
    );
    return this.getReview(id)!;
  }

  /** Move a review through the reply workflow; the history keeps every step. */
  setStatus(
    id: number,
    change: {
      status: WorkflowStatus;
      note?: string;
      assignee?: string;
      at: string;
      repliedAt?: string;
      origin?: "user" | "site" | "post";
    },
  ): StoredReview {
    this.write(() => {
      const current = this.stmts.get.get(id) as ReviewRow | undefined;
      if (!current) return;
      const repliedAt =
        change.status === "replied"
          ? (change.repliedAt ?? current.replied_at ?? change.at)
          : current.replied_at;
      this.db
        .prepare(
          `UPDATE reviews SET status = ?, status_at = ?, replied_at = ?, note = coalesce(?, note), assignee = coalesce(?, assignee) WHERE id = ?`,
        )
        .run(change.status, change.at, repliedAt, change.note ?? null, change.assignee ?? null, id);
      this.stmts.event.run(
        id,
        change.at,
        change.status,
        change.note ?? null,
        change.assignee ?? null,
        change.origin ?? "user",
      );
    });
    return this.getReview(id)!;
  }

  /** A reply posted from here (`reviews reply --post`): its text, its time, and the review marked replied. */
  recordPostedReply(id: number, text: string, at: string, postedAt: string | null): StoredReview {
    this.write(() => {
      this.db
        .prepare("UPDATE reviews SET reply_text = ?, reply_at = ? WHERE id = ?")
        .run(text, postedAt ?? at, id);
    });
    return this.setStatus(id, {
      status: "replied",
      at,
      repliedAt: postedAt ?? at,
      origin: "post",
      note: "reply posted with reviews reply --post",
    });
  }

  history(
    id: number,
  ): { at: string; status: string; note: string | null; assignee: string | null; origin: string }[] {
    return this.db
      .prepare(
        "SELECT at, status, note, assignee, origin FROM workflow_events WHERE review_id = ? ORDER BY id",
      )
      .all(id) as {
      at: string;
      status: string;
      note: string | null;
      assignee: string | null;
      origin: string;
    }[];
  }

  startRun(command: string, now: string): number {
    return this.write(() =>
      Number(
        this.db.prepare("INSERT INTO runs (command, started_at) VALUES (?, ?)").run(command, now)
          .lastInsertRowid,
      ),
    );
  }

  finishRun(runId: number, status: string, now: string): void {
    this.write(() =>
      this.db.prepare("UPDATE runs SET finished_at = ?, status = ? WHERE id = ?").run(now, status, runId),
    );
  }

  recordSourceRun(
    runId: number,
    r: SourceRunResult,
    summary?: { rating: number | null; count: number | null; name?: string | null },
  ): void {
    this.write(() => {
      this.db
        .prepare(
          `INSERT OR REPLACE INTO run_sources (run_id, source_id, site, started_at, finished_at, status, fetched, new, updated,
            removed, requests, pages, error_kind, error_message, warnings)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          runId,
          r.sourceId,
          r.site,
          r.startedAt,
          r.finishedAt,
          r.status,
          r.fetched,
          r.new,
          r.updated,
          r.removed,
          r.requests,
          r.pages,
          r.errorKind,
          r.errorMessage,
          r.warnings.length ? JSON.stringify(r.warnings) : null,
        );
      const base = r.status === "baseline" ? r.finishedAt : null;
      this.db
        .prepare(
          `UPDATE sources SET last_run_at = ?, last_status = ?, last_error_kind = ?, last_error_message = ?,
            baseline_at = coalesce(baseline_at, ?),
            site_rating = coalesce(?, site_rating), site_count = coalesce(?, site_count), site_name = coalesce(?, site_name)
          WHERE id = ?`,
        )
        .run(
          r.finishedAt,
          r.status,
          r.errorKind,
          r.errorMessage,
          base,
          summary?.rating ?? null,
          summary?.count ?? null,
          summary?.name ?? null,
          r.sourceId,
        );
    });
  }

  adapterState(sourceId: string): Record<string, unknown> {
    const row = this.db.prepare("SELECT adapter_state FROM sources WHERE id = ?").get(sourceId) as
      { adapter_state: string | null } | undefined;
    try {
      return row?.adapter_state ? (JSON.parse(row.adapter_state) as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  setAdapterState(sourceId: string, state: Record<string, unknown>): void {
    this.write(() =>
      this.db
        .prepare("UPDATE sources SET adapter_state = ? WHERE id = ?")
        .run(JSON.stringify(state), sourceId),
    );
  }

  getMeta(key: string): string | undefined {
    return (this.db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined)
      ?.value;
  }

  setMeta(key: string, value: string): void {
    this.write(() =>
      this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").run(key, value),
    );
  }
}
