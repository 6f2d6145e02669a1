// Append-only schema migrations, one function per version, guarded by PRAGMA user_version.
import type Database from "better-sqlite3";

export const MIGRATIONS: ((db: Database.Database) => void)[] = [
  // 1: the foundation
  (db) => {
    db.exec(`
      CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        method TEXT NOT NULL,
        baseline_at TEXT,            -- first successful run: its reviews were recorded, not announced
        last_run_at TEXT,
        last_status TEXT,
        last_error_kind TEXT,
        last_error_message TEXT,
        site_name TEXT,
        site_rating REAL,            -- what the site reports for the whole business
        site_count INTEGER
      );
      CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL,
        site TEXT NOT NULL,
        external_id TEXT NOT NULL,
        author_name TEXT,
        author_url TEXT,
        rating REAL,
        recommendation TEXT,
        title TEXT,
        text TEXT,
        text_language TEXT,
        original_text TEXT,
        language TEXT,
        published_at TEXT,
        published_precision TEXT,
        published_raw TEXT,
        site_updated_at TEXT,
        url TEXT,
        reply_text TEXT,
        reply_at TEXT,
        excerpt INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        removed_at TEXT,
        baseline INTEGER NOT NULL DEFAULT 0,
        -- reply workflow
        status TEXT NOT NULL DEFAULT 'open',
        status_at TEXT,
        assignee TEXT,
        note TEXT,
        replied_at TEXT,
        -- testimonial permission
        permission TEXT NOT NULL DEFAULT 'unknown',
        permission_at TEXT,
        permission_note TEXT,
        raw TEXT,
        UNIQUE (source_id, external_id)
      );
      CREATE INDEX reviews_when ON reviews (coalesce(published_at, first_seen_at) DESC, id DESC);
      CREATE INDEX reviews_site ON reviews (site, coalesce(published_at, first_seen_at) DESC);
      CREATE INDEX reviews_rating ON reviews (rating);
      CREATE INDEX reviews_status ON reviews (status);
      CREATE INDEX reviews_first_seen ON reviews (first_seen_at);
      CREATE INDEX reviews_last_seen ON reviews (source_id, last_seen_at);
      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        recorded_at TEXT NOT NULL,
        rating REAL,
        recommendation TEXT,
        title TEXT,
        text TEXT,
        original_text TEXT
      );
      CREATE INDEX revisions_review ON revisions (review_id);
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'running'
      );
      CREATE TABLE run_sources (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        site TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        fetched INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        removed INTEGER NOT NULL DEFAULT 0,
        requests INTEGER NOT NULL DEFAULT 0,
        pages INTEGER NOT NULL DEFAULT 0,
        error_kind TEXT,
        error_message TEXT,
        warnings TEXT,
        PRIMARY KEY (run_id, source_id)
      );
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  },
  // 2: the reply workflow's history (who marked what, when, why)
  (db) => {
    db.exec(`
      CREATE TABLE workflow_events (
        id INTEGER PRIMARY KEY,
        review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT,
        assignee TEXT,
        origin TEXT NOT NULL DEFAULT 'user'   -- user | site (a reply seen on the site) | post
      );
      CREATE INDEX workflow_events_review ON workflow_events (review_id);
    `);
  },
  // 3: what an adapter remembers between runs (e.g. Zomato's restaurant id), as JSON
  (db) => {
    db.exec(`ALTER TABLE sources ADD COLUMN adapter_state TEXT`);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
