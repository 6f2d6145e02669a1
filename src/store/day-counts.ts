// Live reviews counted between dates without reading them: review_days (migration 4, kept by
// triggers) holds their number per source and UTC day of publication (or first sight). A day that no
// boundary cuts lies wholly on one side of each boundary, since dates compare as text and a date of
// day D sorts after every boundary of an earlier day and before every boundary of a later one; only
// the days a boundary cuts are read from the date index, review by review.
import type Database from "better-sqlite3";

const WHEN = "coalesce(published_at, first_seen_at)";

/** The UTC day after `day` (YYYY-MM-DD), as review_days spells it. */
export const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + 86400_000).toISOString().slice(0, 10);

/**
 * Live reviews dated in each stretch between ascending boundaries (ISO strings): `counts[i]` those
 * at or after `bounds[i]` and before `bounds[i + 1]`, the last those at or after the last boundary.
 */
export function liveCountsBetween(db: Database.Database, bounds: readonly string[]): number[] {
  const counts = bounds.map(() => 0);
  if (bounds.length === 0) return counts;
  const cut = [...new Set(bounds.map((b) => b.slice(0, 10)))];
  const stretchOf = (w: string) => {
    for (let i = bounds.length - 1; i >= 0; i--) if (w >= bounds[i]!) return i;
    return -1;
  };
  const days = db
    .prepare(
      `SELECT day, sum(n) FROM review_days
       WHERE day > @first AND n > 0 AND day NOT IN (SELECT value FROM json_each(@cut)) GROUP BY day`,
    )
    .raw(true)
    .all({ first: cut[0]!, cut: JSON.stringify(cut) }) as [string, number][];
  const dayBounds = bounds.map((b) => b.slice(0, 10));
  for (const [day, n] of days) {
    let i = dayBounds.length - 1;
    while (i >= 0 && !(day > dayBounds[i]!)) i--;
    if (i >= 0) counts[i]! += n;
  }
  const dated = db
    .prepare(
      `SELECT ${WHEN} FROM reviews INDEXED BY reviews_when
       WHERE ${WHEN} >= @day AND ${WHEN} < @next AND removed_at IS NULL`,
    )
    .pluck();
  for (const day of cut) {
    const next = nextDay(day);
    for (const w of dated.all({ day, next }) as string[]) {
      const i = stretchOf(w);
      if (i >= 0) counts[i]! += 1;
    }
  }
  return counts;
}
