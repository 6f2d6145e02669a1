// Time helpers. Everything is stored as ISO 8601 UTC strings; `now` is always passed in.

import { UsageError } from "../errors.js";

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
    throw new UsageError(`${flag} "${value}" is not a date or an age: use e.g. 7d, 24h, 2w, 3m or 2026-11-01`);
  }
  return parsed;
}

/** "2026-11-12 18:03" in the given IANA zone, for people. */
export function formatLocal(iso: string | null, timeZone: string | undefined, withTime = true): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  const date = `${get("year")}-${get("month")}-${get("day")}`;
  return withTime ? `${date} ${get("hour")}:${get("minute")}` : date;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
