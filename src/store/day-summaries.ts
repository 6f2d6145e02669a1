// Sums of one UTC day kept between runs (day_summaries, migration 7), each with the day's version
// when it was made: the sum of review_days.version over the day's sources, which the triggers raise
// on every insert, delete and change of value that a summary can see. A summary is used only at the
// version it was made from; versions only grow, so a changed day is never mistaken for an unchanged
// one. A kind is "family:settings": saving one drops the family's summaries made with other
// settings. Saving is best effort, as for the stored analysis: a busy or read-only database only
// means summing the day up again next time.
import type Database from "better-sqlite3";

export class DaySummaries {
  private readonly kept = new Map<string, { version: number; data: string }>();
  private readonly pending = new Map<string, { version: number; data: string }>();

  constructor(
    private readonly db: Database.Database,
    private readonly kind: string,
    fromDay: string | null,
  ) {
    const rows = db
      .prepare("SELECT day, version, data FROM day_summaries WHERE kind = ? AND day >= ?")
      .raw(true)
      .all(kind, fromDay ?? "") as [string, number, string][];
    for (const [day, version, data] of rows) this.kept.set(day, { version, data });
  }

  /**
   * The days with live reviews from `fromDay` on, newest first, each with its version now. Read
   * before the reviews themselves: a change made in between leaves a summary with an older version
   * than its day's, which the next run makes again.
   */
  static days(db: Database.Database, fromDay: string | null): [day: string, version: number][] {
    return db
      .prepare(
        `SELECT day, sum(version) FROM review_days WHERE day >= ? GROUP BY day HAVING sum(n) > 0
         ORDER BY day DESC`,
      )
      .raw(true)
      .all(fromDay ?? "") as [string, number][];
  }

  /** The day's summary (JSON) if one was made at this version. */
  get(day: string, version: number): string | null {
    const k = this.kept.get(day);
    return k && k.version === version ? k.data : null;
  }

  keep(day: string, version: number, data: string): void {
    this.pending.set(day, { version, data });
  }

  /** Write the new summaries (and drop the family's other kinds) in one transaction; best effort. */
  save(): void {
    if (this.pending.size === 0) return;
    const family = `${this.kind.split(":")[0]}:%`;
    const timeout = this.db.pragma("busy_timeout", { simple: true }) as number;
    try {
      this.db.pragma("busy_timeout = 250");
      const put = this.db.prepare(
        `INSERT INTO day_summaries (kind, day, version, data) VALUES (@kind, @day, @version, @data)
         ON CONFLICT (kind, day) DO UPDATE SET version = excluded.version, data = excluded.data`,
      );
      this.db
        .transaction(() => {
          this.db.prepare("DELETE FROM day_summaries WHERE kind <> ? AND kind LIKE ?").run(this.kind, family);
          for (const [day, { version, data }] of this.pending)
            put.run({ kind: this.kind, day, version, data });
        })
        .immediate();
      this.pending.clear();
    } catch (err) {
      if (String((err as { code?: unknown }).code ?? "").startsWith("SQLITE_")) return;
      throw err;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }
}
