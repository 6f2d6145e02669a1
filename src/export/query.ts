// The exports' own reads: only the columns they write, as arrays (`.raw()`), in the store's list
// order. Building a row object of all 31 columns (and the 810-byte raw payload) for every review was
// the largest cost of an export; the testimonial rules that SQL can state exactly are in the WHERE.
import type Database from "better-sqlite3";
import { LIST_ORDER, SINCE_TERM, WHEN, listIndexHint, listTerms, type ListFilter } from "../store/store.js";
import type { TestimonialFilter, TestimonialSource } from "./testimonials.js";

/** A statement of an export and its named parameters (the benchmark runs the same text in sqlite3). */
export interface ExportQuery {
  sql: string;
  params: Record<string, unknown>;
  /** Its parts, for `rangeSql`: up to WHERE, the WHERE terms, and whether it has a LIMIT. */
  head: string;
  where: string[];
  limited: boolean;
}

const where = (terms: string[]) => (terms.length ? ` WHERE ${terms.join(" AND ")}` : "");

function query(
  select: string,
  terms: string[],
  params: Record<string, unknown>,
  limit = "",
  hint = "",
): ExportQuery {
  const head = `SELECT ${select} FROM reviews${hint}`;
  return {
    sql: `${head}${where(terms)}${LIST_ORDER}${limit}`,
    params,
    head,
    where: terms,
    limited: limit !== "",
  };
}

/**
 * The statement of `q` (which has no LIMIT) for the rows of one date range, in the same order:
 * dated at or after `@rangeFrom` (with `from`) and before `@rangeTo` (with `to`). Ranges that meet
 * end to end, newest first, give every row of `q` once and in its order: rows of one date are in
 * one range, and the order is by date first. With `from`, `q`'s own lower bound (`since`) is left to
 * `@rangeFrom`, which must not be earlier (planRanges makes it so): SQLite walks the date index between one
 * lower and one upper bound, and with two lower bounds it went on down to the lower of them.
 */
export function rangeSql(q: ExportQuery, from: boolean, to: boolean): string {
  if (q.limited) throw new Error("rangeSql: a statement with a LIMIT cannot be read in ranges");
  const terms = from ? q.where.filter((t) => t !== SINCE_TERM) : [...q.where];
  if (from) terms.push(`${WHEN} >= @rangeFrom`);
  if (to) terms.push(`${WHEN} < @rangeTo`);
  return `${q.head}${where(terms)}${LIST_ORDER}`;
}

/** The rows of an export's statement, as arrays, one at a time. */
export function exportRows(db: Database.Database, q: ExportQuery): IterableIterator<unknown[]> {
  return db.prepare(q.sql).raw(true).iterate(q.params) as IterableIterator<unknown[]>;
}

/**
 * The columns of `export reviews`, in the order of REVIEW_COLUMNS (src/cli/commands/export.ts):
 * a cell of a row is the cell of the CSV line once `reviewCells` has filled in the derived ones.
 * `negative` is computed in JavaScript (isNegative): the NULL only holds its place.
 */
export const REVIEW_SELECT = [
  "id",
  "source_id",
  "site",
  "external_id",
  "author_name",
  "author_url",
  "rating",
  "recommendation",
  "title",
  "text",
  "original_text",
  "language",
  "text_language",
  "published_at",
  "published_precision",
  "url",
  "reply_text",
  "reply_at",
  "excerpt",
  "NULL",
  "status",
  "assignee",
  "replied_at",
  "permission",
  "first_seen_at",
  "last_seen_at",
  "removed_at",
] as const;

/** Index of each column in a review row (REVIEW_SELECT). */
export const R = {
  id: 0,
  source: 1,
  site: 2,
  externalId: 3,
  authorName: 4,
  authorUrl: 5,
  rating: 6,
  recommendation: 7,
  title: 8,
  text: 9,
  originalText: 10,
  language: 11,
  textLanguage: 12,
  publishedAt: 13,
  publishedPrecision: 14,
  url: 15,
  replyText: 16,
  replyAt: 17,
  excerpt: 18,
  negative: 19,
  status: 20,
  assignee: 21,
  repliedAt: 22,
  permission: 23,
  firstSeenAt: 24,
  lastSeenAt: 25,
  removedAt: 26,
} as const;

/** The statement of reviewRows; `hint` is listIndexHint's for the filter on the database. */
export function reviewQuery(filter: ListFilter, hint = ""): ExportQuery {
  const { where, params, limit } = listTerms(filter);
  return query(REVIEW_SELECT.join(", "), where, params, limit, hint);
}

/** The rows `Store.iterate(filter)` yields, as arrays of REVIEW_SELECT, one at a time. */
export function reviewRows(db: Database.Database, filter: ListFilter): IterableIterator<unknown[]> {
  return exportRows(db, reviewQuery(filter, listIndexHint(db, filter)));
}

/** The columns a testimonial is made of; `words` is ownWords (the original, else the text). */
export const TESTIMONIAL_SELECT = [
  "id",
  "author_name",
  "coalesce(original_text, text)",
  "rating",
  "recommendation",
  "site",
  "published_at",
  "url",
  "language",
  "permission",
  "excerpt",
] as const;

/** Index of each column in a testimonial row (TESTIMONIAL_SELECT). */
export const T = {
  id: 0,
  authorName: 1,
  words: 2,
  rating: 3,
  recommendation: 4,
  site: 5,
  publishedAt: 6,
  url: 7,
  language: 8,
  permission: 9,
  excerpt: 10,
} as const;

/** A language code SQLite's lower() folds exactly as JavaScript's toLowerCase() does: printable ASCII. */
const ASCII = /^[\x20-\x7e]*$/;

/**
 * The candidates for testimonials under `f`, newest first: the rows `Store.iterate({ site, since })`
 * yields, less those `eligible` would refuse for a reason SQL states exactly. Every term only ever
 * lets through more rows than the rule it stands for, never fewer, so `eligibleSource` must still be
 * applied: it makes the decision, the WHERE only spares reading rows that cannot pass.
 * - removed: the store's own `removed_at IS NULL` (the query testimonials always read through);
 * - excerpt: `excerpt = 1` is what toStored reads as an excerpt;
 * - own words: NULL or '' never pass; whitespace-only words are left to the trim in JavaScript;
 * - positive: a rating at least the minimum (a non-numeric rating passes: SQL orders text above
 *   numbers, JavaScript refuses it), else a "positive" recommendation;
 * - permission: exactly "granted";
 * - minimum length: code points after the trim never outnumber the UTF-8 bytes before it;
 * - language: the part before the first "-", ASCII-lowercased, equals the wanted code; a language
 *   with a byte outside ASCII, or a NUL (length() stops there, octet_length() does not), passes to
 *   JavaScript, whose toLowerCase() folds more than SQLite's lower().
 */
export function testimonialRows(db: Database.Database, f: TestimonialFilter): IterableIterator<unknown[]> {
  return exportRows(db, testimonialQuery(f));
}

/** The statement of testimonialRows. */
export function testimonialQuery(f: TestimonialFilter): ExportQuery {
  const { where, params } = listTerms({ site: f.site, since: f.since });
  where.push(
    "excerpt <> 1",
    "coalesce(original_text, text) <> ''",
    "(rating >= @minRating OR (rating IS NULL AND recommendation = 'positive'))",
  );
  params["minRating"] = f.minRating;
  if (f.permission === "granted") where.push("permission = 'granted'");
  if (f.minLength) {
    where.push("octet_length(coalesce(original_text, text)) >= @minLength");
    params["minLength"] = f.minLength;
  }
  const lang = f.lang?.toLowerCase();
  if (lang && ASCII.test(lang)) {
    where.push(
      "(octet_length(language) <> length(language) OR lower(substr(language, 1, instr(language || '-', '-') - 1)) = @lang)",
    );
    params["lang"] = lang;
  }
  return query(TESTIMONIAL_SELECT.join(", "), where, params);
}

/** A row of testimonialRows as the fields `eligibleSource` and `testimonialOf` read. */
export function testimonialRowSource(row: unknown[]): TestimonialSource {
  return {
    id: row[T.id] as number,
    authorName: row[T.authorName] as string | null,
    words: row[T.words] as string | null,
    rating: row[T.rating] as number | null,
    recommendation: row[T.recommendation] as string | null,
    site: row[T.site] as string,
    publishedAt: row[T.publishedAt] as string | null,
    url: row[T.url] as string | null,
    language: row[T.language] as string | null,
    permission: row[T.permission] as string,
    // toStored's reading of the column; removed reviews were left out by the WHERE.
    excerpt: row[T.excerpt] === 1,
    removedAt: null,
  };
}
