// Opening the database: checks, pragmas, migrations. Every write transaction is IMMEDIATE.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { StoreError } from "../errors.js";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";

/** "REVW": marks a database as ours, so a foreign SQLite file is refused rather than altered. */
export const APPLICATION_ID = 0x52455657;
const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");

export interface OpenOptions {
  readonly?: boolean;
  /** Refuse to create the file (commands that only read). */
  mustExist?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const exists = fs.existsSync(file);
  if (exists) checkHeader(file);
  else if (options.readonly || options.mustExist) {
    throw new StoreError(`no database at ${file} yet: run "reviews check" first (or pass --db)`);
  } else {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      // Create the file ourselves so that it is private (0600) from the first byte.
      fs.closeSync(fs.openSync(file, "a", 0o600));
    } catch (err) {
      throw storeFsError(err, file);
    }
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: true, timeout: 5000 });
    if (!options.readonly) db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    // SQLite's own 2 MB page cache instead of better-sqlite3's 16 MB: a command lives for one run,
    // and filling a larger cache costs a page fault per 4 KB of it. On 1,000,000 reviews the
    // digest, stats and themes took 8–9 % less time; ingest was no slower (BENCHMARKS.md).
    db.pragma("cache_size = -2000");
    migrate(db, file, options.readonly ?? false);
  } catch (err) {
    throw storeSqliteError(err, file);
  }
  return db;
}

function checkHeader(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n > 0 && (n < 16 || !buf.equals(SQLITE_HEADER))) {
      throw new StoreError(
        `${file} is not a SQLite database (it was left untouched): pass another file with --db or REVIEWS_DB`,
      );
    }
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw storeFsError(err, file);
  } finally {
    if (fd != null) fs.closeSync(fd);
  }
}

function migrate(db: Database.Database, file: string, readonly: boolean): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  const appId = db.pragma("application_id", { simple: true }) as number;
  const tables = (
    db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }
  ).n;
  if (
    (appId !== 0 && appId !== APPLICATION_ID) ||
    (version === 0 && tables > 0) ||
    (version > 0 && appId !== APPLICATION_ID)
  ) {
    throw new StoreError(
      `${file} is a SQLite database of another program (it was left untouched): pass another file with --db or REVIEWS_DB`,
    );
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreError(
      `${file} was written by a newer version of reviews (schema ${version}, this one knows ${SCHEMA_VERSION}): upgrade reviews (npm install -g reviews-cli@latest)`,
    );
  }
  if (version === SCHEMA_VERSION) return;
  if (readonly)
    throw new StoreError(`${file} needs an upgrade of its schema: run "reviews check" once to migrate it`);
  if (version > 0) {
    // Keep a copy of the old database before changing its shape.
    const backup = `${file}.v${version}.bak`;
    fs.rmSync(backup, { force: true });
    // Private like the database itself: VACUUM INTO fills an existing empty file and keeps its mode.
    fs.closeSync(fs.openSync(backup, "wx", 0o600));
    db.prepare("VACUUM INTO ?").run(backup);
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      MIGRATIONS[v]!(db);
      db.pragma(`user_version = ${v + 1}`);
      db.pragma(`application_id = ${APPLICATION_ID}`);
    }).immediate();
  }
}

function storeFsError(err: unknown, file: string): StoreError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return new StoreError(
      `cannot write the database at ${file} (${code}): check the folder's permissions, or pass another file with --db`,
    );
  }
  if (code === "ENOSPC")
    return new StoreError(`the disk holding ${file} is full: free some space and run again`);
  return new StoreError(
    `cannot open the database at ${file} (${code ?? (err as Error).message}): pass another file with --db`,
  );
}

export function storeSqliteError(err: unknown, file: string): Error {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: string }).code ?? "";
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") {
    return new StoreError(
      `${file} is damaged or not a database (${code}): restore it from a backup (e.g. ${file}.v1.bak) or pass another file with --db`,
    );
  }
  if (code === "SQLITE_FULL" || code === "SQLITE_IOERR_WRITE") {
    return new StoreError(
      `the disk holding ${file} is full (${code}): free some space and run again; nothing stored so far was lost`,
    );
  }
  if (code === "SQLITE_READONLY" || code === "SQLITE_CANTOPEN" || code.startsWith("SQLITE_READONLY")) {
    return new StoreError(
      `cannot write the database at ${file} (${code}): check the file's and folder's permissions`,
    );
  }
  if (code === "SQLITE_BUSY") {
    return new StoreError(
      `the database at ${file} is busy (another program holds it): try again in a moment`,
    );
  }
  if (code.startsWith("SQLITE_"))
    return new StoreError(`database error on ${file} (${code}): ${(err as Error).message}`);
  return err as Error;
}
