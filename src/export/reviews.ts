// `export reviews` from the rows of reviewRows (query.ts): the same cells and the same JSON as
// flatReview(reviewJson(toStored(row))) and reviewJson(toStored(row)), without the two objects
// of 31 and 25 fields in between.
import { isNegative } from "../domain/review.js";
import { R } from "./query.js";

/** Every stored field a spreadsheet user wants, one column each. */
export const REVIEW_COLUMNS = [
  "id",
  "source",
  "site",
  "externalId",
  "authorName",
  "authorUrl",
  "rating",
  "recommendation",
  "title",
  "text",
  "originalText",
  "language",
  "textLanguage",
  "publishedAt",
  "publishedPrecision",
  "url",
  "replyText",
  "replyAt",
  "excerpt",
  "negative",
  "status",
  "assignee",
  "repliedAt",
  "permission",
  "firstSeenAt",
  "lastSeenAt",
  "removedAt",
];

type Cell = string | number | boolean | null;

/**
 * A review row made into its CSV record, in place: REVIEW_SELECT is in REVIEW_COLUMNS order, so
 * only the derived cells change: replyAt only with a reply (ownerReply), excerpt and negative as
 * booleans.
 */
export function reviewCells(row: unknown[], negativeMaxRating: number): unknown[] {
  if (row[R.replyText] == null) row[R.replyAt] = null;
  row[R.excerpt] = row[R.excerpt] === 1;
  row[R.negative] = isNegative(
    { rating: row[R.rating] as number | null, recommendation: row[R.recommendation] as string | null },
    negativeMaxRating,
  );
  return row;
}

/** reviewJson (src/cli/format.ts) of a review row: the same keys in the same order. */
export function reviewRowJson(row: unknown[], negativeMaxRating: number) {
  const c = row as Cell[];
  const replyText = c[R.replyText] ?? null;
  return {
    id: c[R.id],
    source: c[R.source],
    site: c[R.site],
    externalId: c[R.externalId],
    author: { name: c[R.authorName], url: c[R.authorUrl] },
    rating: c[R.rating],
    recommendation: c[R.recommendation],
    title: c[R.title],
    text: c[R.text],
    originalText: c[R.originalText],
    language: c[R.language],
    textLanguage: c[R.textLanguage],
    publishedAt: c[R.publishedAt],
    publishedPrecision: c[R.publishedPrecision],
    url: c[R.url],
    ownerReply: replyText != null ? { text: replyText, publishedAt: c[R.replyAt] } : null,
    excerpt: c[R.excerpt] === 1,
    negative: isNegative(
      { rating: c[R.rating] as number | null, recommendation: c[R.recommendation] as string | null },
      negativeMaxRating,
    ),
    status: c[R.status],
    assignee: c[R.assignee],
    repliedAt: c[R.repliedAt],
    permission: c[R.permission],
    firstSeenAt: c[R.firstSeenAt],
    lastSeenAt: c[R.lastSeenAt],
    removedAt: c[R.removedAt],
  };
}
