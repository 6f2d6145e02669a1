// When a stored instant happened on the business's clock: its local date, weekday and hour. The tz
// database (Intl) is asked once per six hours (UTC) for the zone's offset, not once per review; and a
// window of time can be described as the few stretches of one offset each, for SQLite to group by.
import { zoneOffsetMs } from "../domain/dates.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;

export type TimeOfDay = "morning" | "afternoon" | "evening" | "night";

/** Local hours: morning 05–11, afternoon 12–16, evening 17–21, night 22–04. */
export function timeOfDay(hour: number): TimeOfDay {
  if (hour >= 5 && hour < 12) return "morning";
  if (hour >= 12 && hour < 17) return "afternoon";
  if (hour >= 17 && hour < 22) return "evening";
  return "night";
}

export interface LocalTime {
  /** The local calendar date as days since 1970-01-01. */
  day: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** The local hour (0–23), or null when only the date is known. */
  hour: number | null;
  /** The local date, YYYY-MM-DD. */
  date: string;
}

/** Each zone's offset by six hours (UTC), null where it changes within them. */
const SPANS = new Map<string, Map<number, number | null>>();

/**
 * The zone's offset from UTC (milliseconds, local minus UTC) at an instant. Intl is asked for the
 * first and the last millisecond of the six hours (UTC) around the instant; when they agree (no zone
 * changes its offset twice within six hours) the answer holds for all six and is kept. Only the
 * six hours holding a change ask Intl about each instant.
 */
function zoneOffset(timeZone: string): (ms: number) => number {
  const exact = (ms: number) => zoneOffsetMs(ms, timeZone);
  const SPAN = 6 * HOUR;
  // Shared by every clock of the zone: the digest's themes, their slot counts and the suspicious
  // check each asked Intl about the same weeks.
  let spans = SPANS.get(timeZone);
  if (!spans) SPANS.set(timeZone, (spans = new Map()));
  return (ms) => {
    const k = Math.floor(ms / SPAN);
    let offset = spans.get(k);
    if (offset === undefined) {
      const first = exact(k * SPAN);
      offset = first === exact(k * SPAN + SPAN - 1) ? first : null;
      if (spans.size > 100_000) spans.clear();
      spans.set(k, offset);
    }
    return offset ?? exact(ms);
  };
}

/**
 * When a stored timestamp happened in the business's time zone. An `instant` is converted with the
 * zone's offset (the tz database, so daylight saving is right); a `day`-precision date is stored as
 * midnight UTC of the date the site printed, so its calendar date is taken as is, without an hour.
 * Coarser or unknown precisions give null: their weekday and hour mean nothing.
 */
export function localClock(timeZone: string): (iso: string, precision: string | null) => LocalTime | null {
  const offset = zoneOffset(timeZone);
  return (iso, precision) => {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return null;
    if (precision === "day") return at(Math.floor(ms / DAY), null);
    if (precision !== "instant") return null;
    const local = ms + offset(ms);
    return at(Math.floor(local / DAY), Math.floor((((local % DAY) + DAY) % DAY) / HOUR));
  };
}

/** Dates by day number: making the string took 9 ms of the 130 of the digest's themes on 1M reviews. */
const DATES = new Map<number, string>();

function at(day: number, hour: number | null): LocalTime {
  let date = DATES.get(day);
  if (date === undefined) {
    date = new Date(day * DAY).toISOString().slice(0, 10);
    if (DATES.size > 100_000) DATES.clear();
    DATES.set(day, date);
  }
  return { day, weekday: (((day + 3) % 7) + 7) % 7 /* 1970-01-01 was a Thursday */, hour, date };
}

/** A stretch of time with one offset: from the previous stretch's end (or forever) up to `until`. */
export interface OffsetStretch {
  /** The first instant (ms) of the next stretch; Infinity for the last. */
  until: number;
  offset: number;
}

/**
 * The zone's offsets between two instants, as stretches in time order. The offset is probed every
 * six hours (no zone changes twice within that) and each change is narrowed down to the second.
 */
export function offsetStretches(timeZone: string, fromMs: number, toMs: number): OffsetStretch[] {
  const offset = zoneOffset(timeZone);
  const STEP = 6 * HOUR;
  const out: OffsetStretch[] = [];
  let t = Math.floor(fromMs / 1000) * 1000;
  let current = offset(t);
  while (t < toMs) {
    const next = Math.min(t + STEP, Math.ceil(toMs / 1000) * 1000);
    const o = offset(next);
    if (o !== current) {
      // The change lies in (t, next]: find its first second.
      let lo = t;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offset(mid) === current) lo = mid;
        else hi = mid;
      }
      out.push({ until: hi, offset: current });
      current = o;
    }
    t = next;
  }
  out.push({ until: Infinity, offset: current });
  return out;
}
