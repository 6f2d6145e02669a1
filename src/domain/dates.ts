// Time helpers. Everything is stored as ISO 8601 UTC strings; `now` is always passed in.

import { UsageError } from "../errors.js";
import type { Precision } from "./review.js";

/** Normalise an RFC 3339 / ISO 8601 timestamp (any offset, 0–9 fraction digits, `+0000`) to UTC ISO. */
export function toUtcIso(value: string): string | null {
  let v = value.trim();
  // "+0000" / "-0500" → "+00:00" / "-05:00"
  v = v.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  // JS Date handles at most millisecond precision: trim longer fractions.
  v = v.replace(/(\.\d{3})\d+/, "$1");
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString();
}

const RELATIVE = /^(\d+)\s*([dwmyh])$/i;

/**
 * A `--since` value: "7d", "24h", "2w", "3m", "1y", or a date/time ("2026-11-01").
 * Returns the UTC ISO instant it means.
 */
export function parseSince(value: string, now: Date, flag = "--since"): string {
  const m = RELATIVE.exec(value.trim());
  if (m) {
    const n = Number(m[1]);
    const unit = m[2]!.toLowerCase();
    const d = new Date(now.getTime());
    if (unit === "h") d.setUTCHours(d.getUTCHours() - n);
    else if (unit === "d") d.setUTCDate(d.getUTCDate() - n);
    else if (unit === "w") d.setUTCDate(d.getUTCDate() - 7 * n);
    else if (unit === "m") d.setUTCMonth(d.getUTCMonth() - n);
    else d.setUTCFullYear(d.getUTCFullYear() - n);
    return d.toISOString();
  }
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value;
  const parsed = toUtcIso(iso);
  if (!parsed) {
    throw new UsageError(
      `${flag} "${value}" is not a date or an age: use e.g. 7d, 24h, 2w, 3m or 2026-11-01`,
    );
  }
  return parsed;
}

/** "2026-11-12 18:03" in the given IANA zone, for people. */
export function formatLocal(iso: string | null, timeZone: string | undefined, withTime = true): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const parts = formatter("en-CA", timeZone).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  const date = `${get("year")}-${get("month")}-${get("day")}`;
  return withTime ? `${date} ${get("hour")}:${get("minute")}` : date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale and zone: making one costs far more than using it (lists format many dates). */
function formatter(locale: "en-CA" | "en-US", timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone ?? ""}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      ...(locale === "en-US" ? { second: "2-digit" as const } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A wall-clock time in an IANA zone ("2023-04-10 18:57:16" in America/Los_Angeles) → UTC ISO.
 * Uses the tz database through Intl, so daylight-saving changes are right (never a fixed offset).
 */
export function zonedToUtc(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // The zone's offset at that instant; computed twice to settle on the right side of a DST change.
  let guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  guess = asUtc - zoneOffsetMs(guess, timeZone);
  return new Date(guess).toISOString();
}

/** The zone's offset from UTC at an instant (ms, local minus UTC), from Intl. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = formatter("en-US", timeZone).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour") % 24,
    get("minute"),
    get("second"),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

export interface HumanDate {
  iso: string;
  precision: Precision;
}

/**
 * Dates as review pages print them: "Nov 12, 2026", "November 12, 2026", "12 November 2026",
 * "2026-11-12", "November 2026", and relative ones ("2 days ago", "yesterday", "a week ago").
 * Day precision is stored as midnight UTC of that date; relative ones are "approximate".
 */
export function parseHumanDate(text: string, now: Date): HumanDate | null {
  const t = text.trim().replace(/\s+/g, " ").toLowerCase();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^([a-z]+)\.? (\d{1,2}),? (\d{4})$/.exec(t);
  if (m && MONTHS[m[1]!.slice(0, 3)] && monthOk(m[1]!))
    return day(Number(m[3]), MONTHS[m[1]!.slice(0, 3)]!, Number(m[2]));
  m = /^(\d{1,2}) ([a-z]+)\.?,? (\d{4})$/.exec(t);
  if (m && MONTHS[m[2]!.slice(0, 3)] && monthOk(m[2]!))
    return day(Number(m[3]), MONTHS[m[2]!.slice(0, 3)]!, Number(m[1]));
  m = /^([a-z]+)\.? (\d{4})$/.exec(t);
  if (m && MONTHS[m[1]!.slice(0, 3)] && monthOk(m[1]!)) {
    return {
      iso: new Date(Date.UTC(Number(m[2]), MONTHS[m[1]!.slice(0, 3)]! - 1, 1)).toISOString(),
      precision: "month",
    };
  }
  if (t === "today" || t === "just now") return approx(now, 0, "d");
  if (t === "yesterday") return approx(now, 1, "d");
  m = /^(\d+|a|an|one) (minute|hour|day|week|month|year)s? ago$/.exec(t);
  if (m) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : 1;
    const unit = m[2]!;
    return approx(
      now,
      n,
      unit === "minute"
        ? "min"
        : unit === "hour"
          ? "h"
          : unit === "day"
            ? "d"
            : unit === "week"
              ? "w"
              : unit === "month"
                ? "m"
                : "y",
    );
  }
  return null;
}

function monthOk(word: string): boolean {
  return Object.keys(MONTHS).some((k) => word.startsWith(k)) && word.length <= 9;
}

function day(y: number, mo: number, d: number): HumanDate | null {
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return { iso: date.toISOString(), precision: "day" };
}

function approx(now: Date, n: number, unit: "min" | "h" | "d" | "w" | "m" | "y"): HumanDate {
  const d = new Date(now.getTime());
  if (unit === "min") d.setUTCMinutes(d.getUTCMinutes() - n);
  else if (unit === "h") d.setUTCHours(d.getUTCHours() - n);
  else if (unit === "d") d.setUTCDate(d.getUTCDate() - n);
  else if (unit === "w") d.setUTCDate(d.getUTCDate() - 7 * n);
  else if (unit === "m") d.setUTCMonth(d.getUTCMonth() - n);
  else d.setUTCFullYear(d.getUTCFullYear() - n);
  return { iso: d.toISOString(), precision: "approximate" };
}
