// Reading review files into ParsedReviews, row by row: a bad row is reported with its line and
// skipped; the caller stores the good ones in one transaction.
import { createHash } from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import type { ParsedReview } from "../domain/review.js";
import { parseHumanDate, toUtcIso } from "../domain/dates.js";
import { unescapeCell } from "../export/csv.js";

export interface RowError {
  line: number;
  message: string;
}

export interface ImportResult {
  reviews: ParsedReview[];
  errors: RowError[];
  format: string;
  /** What `RowError.line` counts: lines of the file, or items of a JSON array. */
  unit: "line" | "item";
}

/** Column names accepted in a CSV (case and punctuation ignored), documented in the README. */
export const COLUMN_ALIASES: Record<string, string[]> = {
  externalId: ["externalid", "id", "reviewid", "review_id"],
  author: ["author", "authorname", "name", "reviewer", "reviewername", "user", "username"],
  authorUrl: ["authorurl", "reviewerurl", "profileurl", "userprofileurl"],
  rating: ["rating", "stars", "score", "ratingvalue", "starrating"],
  recommendation: ["recommendation", "recommendationtype"],
  title: ["title", "headline", "summary"],
  text: ["text", "review", "reviewtext", "comment", "body", "reviewbody", "content"],
  originalText: ["originaltext"],
  language: ["language", "lang", "inlanguage"],
  date: [
    "publishedat",
    "date",
    "published",
    "time",
    "createdat",
    "createtime",
    "datepublished",
    "reviewdate",
    "timestamp",
  ],
  url: ["url", "link", "reviewurl"],
  replyText: ["replytext", "ownerreply", "reply", "response", "ownerresponse"],
  replyAt: ["replyat", "replydate", "responsedate"],
  excerpt: ["excerpt"],
};

const norm = (k: string) =>
  k
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "")
    .replace(/_/g, "");

/** The value of the first alias (in priority order) that the row has and fills. */
function pick(row: Record<string, unknown>, field: string): unknown {
  const byName = new Map(Object.entries(row).map(([k, v]) => [norm(k), v]));
  for (const alias of (COLUMN_ALIASES[field] ?? [field]).map(norm)) {
    const v = byName.get(alias);
    if (v !== "" && v != null) return v;
  }
  return undefined;
}

function str(v: unknown): string | null {
  if (v == null) return null;
  const s =
    typeof v === "string"
      ? unescapeCell(v)
      : typeof v === "number" || typeof v === "boolean"
        ? String(v)
        : null;
  return s != null && s.trim() !== "" ? s : null;
}

function parseRating(v: unknown): number | null | "bad" {
  if (v == null || v === "") return null;
  const n = typeof v === "number" ? v : Number(String(v).replace(",", ".").trim());
  if (!Number.isFinite(n) || n < 1 || n > 5) return "bad";
  return Math.round(n * 2) / 2;
}

function parseDate(
  v: unknown,
  now: Date,
): { iso: string; precision: ParsedReview["publishedPrecision"] } | null {
  if (typeof v === "number")
    return { iso: new Date(v > 1e12 ? v : v * 1000).toISOString(), precision: "instant" };
  const s = str(v);
  if (!s) return null;
  if (/^\d{9,13}$/.test(s)) return parseDate(Number(s), now);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return { iso: `${s}T00:00:00.000Z`, precision: "day" };
  const iso = toUtcIso(s);
  if (iso && /\d{2}:\d{2}/.test(s)) return { iso, precision: "instant" };
  const human = parseHumanDate(s, now);
  return human ? { iso: human.iso, precision: human.precision } : null;
}

/** A stable id for rows that carry none: the same row imported twice gets the same id. */
function derivedId(author: string | null, date: string | null, text: string | null): string {
  return `import:${createHash("sha1")
    .update(JSON.stringify([author, date, text]))
    .digest("hex")
    .slice(0, 20)}`;
}

function fromRecord(row: Record<string, unknown>, now: Date): ParsedReview | string {
  // Our own JSON export nests author and ownerReply.
  const authorObj =
    row["author"] && typeof row["author"] === "object" ? (row["author"] as Record<string, unknown>) : null;
  const replyObj =
    row["ownerReply"] && typeof row["ownerReply"] === "object"
      ? (row["ownerReply"] as Record<string, unknown>)
      : null;
  const rating = parseRating(pick(row, "rating"));
  if (rating === "bad") return `rating "${String(pick(row, "rating"))}" is not a number from 1 to 5`;
  const recRaw = str(pick(row, "recommendation"))?.toLowerCase() ?? null;
  const recommendation = recRaw === "positive" || recRaw === "negative" ? recRaw : null;
  if (rating == null && recommendation == null)
    return "no rating (or recommendation): add a rating column with 1–5";
  const dateRaw = pick(row, "date");
  const date = parseDate(dateRaw, now);
  if (dateRaw != null && !date)
    return `date "${String(dateRaw)}" is not a date (use 2026-11-12 or an ISO time)`;
  const author = authorObj ? str(authorObj["name"]) : str(pick(row, "author"));
  const text = str(pick(row, "text"));
  const replyText = replyObj ? str(replyObj["text"]) : str(pick(row, "replyText"));
  const replyAtRaw = replyObj ? replyObj["publishedAt"] : pick(row, "replyAt");
  const excerpt = pick(row, "excerpt");
  return {
    externalId: str(pick(row, "externalId")) ?? derivedId(author, date?.iso ?? null, text),
    author: { name: author, url: authorObj ? str(authorObj["url"]) : str(pick(row, "authorUrl")) },
    rating,
    recommendation,
    title: str(pick(row, "title")),
    text,
    textLanguage: str(row["textLanguage"]),
    originalText: str(pick(row, "originalText")),
    language: str(pick(row, "language")),
    publishedAt: date?.iso ?? null,
    publishedPrecision: date?.precision ?? null,
    publishedRaw: str(dateRaw),
    siteUpdatedAt: null,
    url: str(pick(row, "url")),
    ownerReply: replyText ? { text: replyText, publishedAt: parseDate(replyAtRaw, now)?.iso ?? null } : null,
    excerpt: excerpt === true || excerpt === "true",
    raw: null,
  };
}

/** The retired Zomato API v2.1 shape: {user_reviews: [{review: {rating, review_text, id, timestamp, user}}]}. */
function isZomatoV2(data: unknown): data is { user_reviews: unknown[] } {
  return (
    !!data && typeof data === "object" && Array.isArray((data as { user_reviews?: unknown }).user_reviews)
  );
}

function fromZomato(item: unknown): ParsedReview | string {
  const review = (item as { review?: Record<string, unknown> })?.review;
  if (!review || typeof review !== "object") return 'no "review" object';
  const rating = parseRating(review["rating"]);
  if (rating === "bad" || rating == null)
    return `rating "${String(review["rating"])}" is not a number from 1 to 5`;
  if (review["id"] == null) return 'no review "id"';
  const ts = Number(review["timestamp"]);
  const user = (review["user"] ?? {}) as Record<string, unknown>;
  return {
    externalId: String(review["id"]),
    author: { name: str(user["name"]), url: str(user["profile_url"]) },
    rating,
    recommendation: null,
    title: null,
    text: str(review["review_text"]),
    textLanguage: null,
    originalText: null,
    language: null,
    publishedAt: Number.isFinite(ts) && ts > 0 ? new Date(ts * 1000).toISOString() : null,
    publishedPrecision: Number.isFinite(ts) && ts > 0 ? "instant" : null,
    publishedRaw: str(review["review_time_friendly"]),
    siteUpdatedAt: null,
    url: null,
    ownerReply: null,
    excerpt: false,
    raw: item,
  };
}

export function parseImport(text: string, format: "csv" | "json" | "jsonl", now: Date): ImportResult {
  const reviews: ParsedReview[] = [];
  const errors: RowError[] = [];
  const take = (r: ParsedReview | string, line: number) =>
    typeof r === "string" ? errors.push({ line, message: r }) : reviews.push(r);
  if (format === "csv") {
    let records: { record: Record<string, string>; info: { lines: number } }[];
    try {
      records = parseCsv(text, {
        columns: true,
        bom: true,
        skip_empty_lines: true,
        info: true,
        relax_column_count: true,
      });
    } catch (err) {
      const e = err as { lines?: number; message: string };
      throw new Error(
        `the CSV cannot be read${e.lines ? ` at line ${e.lines}` : ""}: ${e.message.split("\n")[0]}`,
      );
    }
    for (const { record, info } of records) take(fromRecord(record, now), info.lines);
    return { reviews, errors, format: "csv", unit: "line" };
  }
  if (format === "jsonl") {
    text.split("\n").forEach((line, i) => {
      if (!line.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        errors.push({ line: i + 1, message: "not valid JSON" });
        return;
      }
      take(
        value && typeof value === "object" && !Array.isArray(value)
          ? fromRecord(value as Record<string, unknown>, now)
          : "not a JSON object",
        i + 1,
      );
    });
    return { reviews, errors, format: "jsonl", unit: "line" };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`the file is not valid JSON (${(err as Error).message})`);
  }
  if (isZomatoV2(data)) {
    data.user_reviews.forEach((item, i) => take(fromZomato(item), i + 1));
    return { reviews, errors, format: "zomato-v2.1", unit: "item" };
  }
  const list = Array.isArray(data) ? data : [data];
  list.forEach((item, i) =>
    take(
      item && typeof item === "object" && !Array.isArray(item)
        ? fromRecord(item as Record<string, unknown>, now)
        : "not a JSON object",
      i + 1,
    ),
  );
  return { reviews, errors, format: "json", unit: "item" };
}
