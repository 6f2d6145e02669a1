// What a piece of code asks SQLite: for tests of query plans.
import type Database from "better-sqlite3";

/** The SQL of every statement prepared on `db` while `f` runs. */
export function preparedDuring(db: Database.Database, f: () => void): string[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  try {
    f();
  } finally {
    db.prepare = prepare as typeof db.prepare;
  }
  return seen;
}
