// Append-only schema migrations, one function per version, guarded by PRAGMA user_version.
import type Database from "better-sqlite3";

/** Hours from publication (or first sight) to the reply; `p` is "", "NEW." or "OLD.". */
const hoursOf = (p: string) =>
  `((julianday(coalesce(${p}replied_at, ${p}reply_at)) - julianday(coalesce(${p}published_at, ${p}first_seen_at))) * 24)`;
/** 1 when a review's reply delay counts in the medians (a reply time, not before publication). */
const timedReply = (p: string) => `coalesce(${hoursOf(p)} >= 0, 0)`;

/**
 * The indexed expression of migration 4: queries must spell it the same way to use the indexes.
 * Never change these two (a new migration would add new indexes instead).
 */
export const REPLY_HOURS = hoursOf("");
export const HAS_REPLY_TIME = "removed_at IS NULL AND coalesce(replied_at, reply_at) IS NOT NULL";

/** The day of a review in review_days; `p` is "NEW." or "OLD.". */
const dayOf = (p: string) => `substr(coalesce(${p}published_at, ${p}first_seen_at), 1, 10)`;

/**
 * The triggers that keep review_tally and review_days (migration 4); `versioned`: each insert and
 * delete also raises its day's version (migration 7; changes of value raise it in
 * reviews_day_changed). The update trigger is the same in both (it names review_days' columns).
 */
function countTriggers(versioned: boolean): string {
  const bump = versioned ? ", version = version + 1" : "";
  return `
      CREATE TRIGGER reviews_count_insert AFTER INSERT ON reviews WHEN NEW.removed_at IS NULL BEGIN
        INSERT INTO review_tally VALUES (NEW.source_id, NEW.site, coalesce(NEW.rating, -1),
          coalesce(NEW.recommendation, ''), NEW.status, NEW.baseline, NEW.reply_text IS NOT NULL,
          ${timedReply("NEW.")}, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO review_days (source_id, day, site, n, rated, rating_sum${versioned ? ", version" : ""})
          VALUES (NEW.source_id, ${dayOf("NEW.")}, NEW.site, 1, NEW.rating IS NOT NULL, coalesce(NEW.rating, 0)${versioned ? ", 1" : ""})
          ON CONFLICT DO UPDATE SET n = n + 1, rated = rated + excluded.rated,
            rating_sum = rating_sum + excluded.rating_sum${bump};
      END;
      CREATE TRIGGER reviews_count_delete AFTER DELETE ON reviews WHEN OLD.removed_at IS NULL BEGIN
        UPDATE review_tally SET n = n - 1 WHERE source_id = OLD.source_id AND site = OLD.site
          AND rating = coalesce(OLD.rating, -1) AND recommendation = coalesce(OLD.recommendation, '')
          AND status = OLD.status AND baseline = OLD.baseline AND has_reply = (OLD.reply_text IS NOT NULL)
          AND timed_reply = ${timedReply("OLD.")};
        UPDATE review_days SET n = n - 1, rated = rated - (OLD.rating IS NOT NULL),
          rating_sum = rating_sum - coalesce(OLD.rating, 0)${bump}
          WHERE source_id = OLD.source_id AND day = ${dayOf("OLD.")};
      END;
      CREATE TRIGGER reviews_count_update AFTER UPDATE OF source_id, site, rating, recommendation, status,
        baseline, reply_text, removed_at, published_at, first_seen_at, replied_at, reply_at ON reviews BEGIN
        UPDATE review_tally SET n = n - 1 WHERE OLD.removed_at IS NULL AND source_id = OLD.source_id
          AND site = OLD.site AND rating = coalesce(OLD.rating, -1)
          AND recommendation = coalesce(OLD.recommendation, '') AND status = OLD.status
          AND baseline = OLD.baseline AND has_reply = (OLD.reply_text IS NOT NULL)
          AND timed_reply = ${timedReply("OLD.")};
        INSERT INTO review_tally SELECT NEW.source_id, NEW.site, coalesce(NEW.rating, -1),
          coalesce(NEW.recommendation, ''), NEW.status, NEW.baseline, NEW.reply_text IS NOT NULL,
          ${timedReply("NEW.")}, 1
          WHERE NEW.removed_at IS NULL
          ON CONFLICT DO UPDATE SET n = n + 1;
        UPDATE review_days SET n = n - 1, rated = rated - (OLD.rating IS NOT NULL),
          rating_sum = rating_sum - coalesce(OLD.rating, 0)
          WHERE OLD.removed_at IS NULL AND source_id = OLD.source_id AND day = ${dayOf("OLD.")};
        INSERT INTO review_days (source_id, day, site, n, rated, rating_sum)
          SELECT NEW.source_id, ${dayOf("NEW.")}, NEW.site, 1, NEW.rating IS NOT NULL, coalesce(NEW.rating, 0)
          WHERE NEW.removed_at IS NULL
          ON CONFLICT DO UPDATE SET n = n + 1, rated = rated + excluded.rated, rating_sum = rating_sum + excluded.rating_sum;
      END;`;
}

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
  // 4: running totals kept by triggers, and indexes of reply delays, so that stats on a million
  // reviews read a few thousand rows instead of the whole table (BENCHMARKS.md, Queries).
  (db) => {
    db.exec(`
      -- Live (not removed) reviews counted by every attribute stats group or filter on.
      -- NULLs are stored as -1 / '' so that the key is a plain primary key.
      CREATE TABLE review_tally (
        source_id TEXT NOT NULL,
        site TEXT NOT NULL,
        rating REAL NOT NULL,           -- -1: no star rating
        recommendation TEXT NOT NULL,   -- '': none
        status TEXT NOT NULL,
        baseline INTEGER NOT NULL,
        has_reply INTEGER NOT NULL,     -- the site shows an owner reply (reply_text IS NOT NULL)
        timed_reply INTEGER NOT NULL,   -- a reply time at or after publication: in the reply medians
        n INTEGER NOT NULL,
        PRIMARY KEY (source_id, site, rating, recommendation, status, baseline, has_reply, timed_reply)
      ) WITHOUT ROWID;
      INSERT INTO review_tally
        SELECT source_id, site, coalesce(rating, -1), coalesce(recommendation, ''), status, baseline,
          reply_text IS NOT NULL, ${timedReply("")}, count(*)
        FROM reviews WHERE removed_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
      -- Live reviews per UTC day of publication (or first sight) and source: trends.
      CREATE TABLE review_days (
        source_id TEXT NOT NULL,
        day TEXT NOT NULL,              -- YYYY-MM-DD
        site TEXT NOT NULL,
        n INTEGER NOT NULL,
        rated INTEGER NOT NULL,
        rating_sum REAL NOT NULL,
        PRIMARY KEY (source_id, day)
      ) WITHOUT ROWID;
      INSERT INTO review_days
        SELECT source_id, substr(coalesce(published_at, first_seen_at), 1, 10), max(site), count(*),
          count(rating), coalesce(sum(rating), 0)
        FROM reviews WHERE removed_at IS NULL GROUP BY 1, 2;

      ${countTriggers(false)}

      -- Hours from publication (or first sight) to the reply, for medians read by position.
      CREATE INDEX reviews_reply_hours ON reviews (${REPLY_HOURS}) WHERE ${HAS_REPLY_TIME};
      CREATE INDEX reviews_reply_hours_site ON reviews (site, ${REPLY_HOURS}) WHERE ${HAS_REPLY_TIME};
      CREATE INDEX reviews_reply_hours_source ON reviews (source_id, ${REPLY_HOURS}) WHERE ${HAS_REPLY_TIME};

      -- Reviews waiting for a reply, oldest first: the overdue list reads only these.
      CREATE INDEX reviews_open ON reviews (first_seen_at)
        WHERE status IN ('open', 'escalated') AND removed_at IS NULL AND baseline = 0;
      -- The digest's window: reviews removed in it, and edits recorded in it.
      CREATE INDEX reviews_removed ON reviews (removed_at) WHERE removed_at IS NOT NULL;
      CREATE INDEX revisions_recorded ON revisions (recorded_at);
    `);
  },
  // 5: what the digest and themes read without visiting the reviews themselves
  (db) => {
    db.exec(`
      -- The date index again, now carrying what the date-window queries read (digest trends and
      -- reply rates, themes) so that they are answered from the index alone, in date order, instead of
      -- one visit to a 2.5 KB review row per review. Kept narrow (whether there is a publication
      -- date rather than the dates; the reply delay rather than the reply times): every new review
      -- adds an entry at its date, not at the end.
      DROP INDEX reviews_when;
      CREATE INDEX reviews_when ON reviews (coalesce(published_at, first_seen_at) DESC, id DESC,
        removed_at, source_id, site, rating, recommendation, (published_at IS NULL), published_precision,
        status, (reply_text IS NOT NULL), ${REPLY_HOURS});
      -- The same for first sight (the digest's new reviews and replies in time): reviews first seen
      -- together were stored together, so this index grows at its end and costs little to keep.
      DROP INDEX reviews_first_seen;
      CREATE INDEX reviews_first_seen ON reviews (first_seen_at, baseline, removed_at, source_id, rating,
        recommendation, replied_at);

      -- What the program worked out from each review's text, kept so that it is worked out once: its
      -- topics and phrases (themes, digest) and the marks of copied or abusive text (suspicious). Each
      -- family of columns belongs to one analysis (analysis_state: 'topics', 'text'); a new one (another
      -- version of the program, other cues) empties its columns. A changed text drops the review's row.
      CREATE TABLE review_analysis (
        review_id INTEGER PRIMARY KEY REFERENCES reviews (id) ON DELETE CASCADE,
        topics TEXT,                    -- JSON [[topic, cue], …] in the classifier's order
        phrases TEXT,                   -- JSON [phrase, …] (negative reviews' themes)
        text_key TEXT,                  -- a hash of the normalised text; '' when too short to compare
        signature BLOB,                 -- the MinHash signature of its word pairs
        abuse TEXT                      -- the abusive word found, as a reason; '' for none
      );
      CREATE TABLE analysis_state (
        name TEXT PRIMARY KEY,
        key TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TRIGGER reviews_text_changed AFTER UPDATE OF title, text, original_text ON reviews
        WHEN NEW.title IS NOT OLD.title OR NEW.text IS NOT OLD.text OR NEW.original_text IS NOT OLD.original_text
      BEGIN
        DELETE FROM review_analysis WHERE review_id = NEW.id;
      END;
    `);
  },
  // 6: the word pairs of a text the suspicious check compared exactly (review_analysis' 'text'
  // family), as the bytes of a Float64Array of their 53-bit numbers, ascending: read back instead of
  // reading the text again and cutting it into pairs on every digest. (No SQL comment here: SQLite
  // appends the column's text, comment and all, inside the table's CREATE statement.)
  (db) => {
    db.exec("ALTER TABLE review_analysis ADD COLUMN pairs BLOB");
  },
  // 7: a version per source and day (review_days.version), raised by every change to a review that
  // what is summed up per day can see; and those sums (day_summaries: a day's themes, its replies
  // and reply delays), each kept with the day's version it was made from. A day whose version has
  // not moved is read from its summary instead of review by review.
  (db) => {
    const bump = (p: string) => `INSERT INTO review_days (source_id, day, site, n, rated, rating_sum, version)
          VALUES (${p}source_id, ${dayOf(p)}, ${p}site, 0, 0, 0, 1) ON CONFLICT DO UPDATE SET version = version + 1;`;
    const watched = [
      "source_id",
      "site",
      "rating",
      "recommendation",
      "removed_at",
      "published_at",
      "published_precision",
      "first_seen_at",
      "title",
      "text",
      "original_text",
      "status",
      "reply_text",
      "replied_at",
      "reply_at",
    ];
    db.exec(`
      ALTER TABLE review_days ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      DROP TRIGGER reviews_count_insert;
      DROP TRIGGER reviews_count_delete;
      DROP TRIGGER reviews_count_update;
      ${countTriggers(true)}
      -- Only a change of value counts (a check writes every column of a review it sees again); the
      -- day it left and the day it is on now.
      CREATE TRIGGER reviews_day_changed AFTER UPDATE OF ${watched.join(", ")} ON reviews
        WHEN ${watched.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(" OR ")}
      BEGIN
        ${bump("OLD.")}
        ${bump("NEW.")}
      END;
      CREATE TABLE day_summaries (
        kind TEXT NOT NULL,             -- what is summed up, and with which settings (a hash)
        day TEXT NOT NULL,              -- YYYY-MM-DD (UTC), as review_days
        version INTEGER NOT NULL,       -- sum(review_days.version) of the day when it was made
        data TEXT NOT NULL,             -- JSON
        PRIMARY KEY (kind, day)
      ) WITHOUT ROWID;
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
