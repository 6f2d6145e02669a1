// What the program works out from a review's text, kept in review_analysis (migration 5) so that a
// digest, `reviews themes` or `reviews suspicious` reads it instead of analysing every text again.
// Columns come in families, each owned by one analysis and its key (analysis_state): the program's
// word lists and rules, the config's own cues. When the key changes, the family's columns are
// ignored, then emptied on the next save. A review whose text changes loses its row (a trigger).
// Saving is best effort: a busy or read-only database only means working it out again next time.
import type Database from "better-sqlite3";

export type AnalysisFamily = "topics" | "text";

const COLUMNS: Record<AnalysisFamily, readonly string[]> = {
  topics: ["topics", "phrases"],
  text: ["text_key", "signature", "abuse", "pairs"],
};

type Value = string | Buffer | null;

export class AnalysisStore {
  /**
   * Whether the stored columns of this family belong to this analysis (otherwise: ignore them).
   * It becomes true once a save has emptied them and recorded the key.
   */
  current: boolean;
  private readonly pending = new Map<number, Record<string, Value>>();

  constructor(
    private readonly db: Database.Database,
    private readonly family: AnalysisFamily,
    private readonly key: string,
  ) {
    const row = db.prepare("SELECT key FROM analysis_state WHERE name = ?").get(family) as
      { key: string } | undefined;
    this.current = row?.key === key;
  }

  /** Remember a review's values (some or all of the family's columns; null keeps what is stored). */
  keep(id: number, values: Record<string, Value>): void {
    this.pending.set(id, { ...this.pending.get(id), ...values });
  }

  /**
   * Write what was worked out, in one transaction. It waits at most a moment for a running check to
   * finish writing; when the database is busy, read-only or full, nothing is saved and nothing fails.
   */
  save(): number {
    if (this.pending.size === 0 && this.current) return 0;
    const columns = COLUMNS[this.family];
    const timeout = this.db.pragma("busy_timeout", { simple: true }) as number;
    try {
      this.db.pragma("busy_timeout = 250");
      const upsert = this.db.prepare(
        `INSERT INTO review_analysis (review_id, ${columns.join(", ")})
           SELECT @id, ${columns.map((c) => `@${c}`).join(", ")} WHERE EXISTS (SELECT 1 FROM reviews WHERE id = @id)
         ON CONFLICT (review_id) DO UPDATE
           SET ${columns.map((c) => `${c} = coalesce(excluded.${c}, review_analysis.${c})`).join(", ")}`,
      );
      const empty = Object.fromEntries(columns.map((c) => [c, null]));
      this.db
        .transaction(() => {
          if (!this.current) {
            this.db
              .prepare(`UPDATE review_analysis SET ${columns.map((c) => `${c} = NULL`).join(", ")}`)
              .run();
            this.db
              .prepare(
                "INSERT INTO analysis_state (name, key) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET key = excluded.key",
              )
              .run(this.family, this.key);
          }
          for (const [id, values] of this.pending) upsert.run({ ...empty, ...values, id });
        })
        .immediate();
      const saved = this.pending.size;
      this.pending.clear();
      this.current = true;
      return saved;
    } catch (err) {
      if (String((err as { code?: unknown }).code ?? "").startsWith("SQLITE_")) return 0;
      throw err;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }
}
