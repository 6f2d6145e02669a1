// The read loop every API adapter shares: validate each item, skip a bad one with a warning naming
// the field, and fail only when items came but none could be read (the site's format changed).
import type { z } from "zod";
import { SourceError } from "../errors.js";
import type { ParsedReview } from "../domain/review.js";

export function readItems<T>(
  items: readonly unknown[],
  schema: z.ZodType<T>,
  /** "Yelp review": used in warnings and the error. */
  what: string,
  /** The review, or the reason to skip the item. */
  toReview: (item: T, raw: unknown) => ParsedReview | string,
): { reviews: ParsedReview[]; warnings: string[] } {
  const reviews: ParsedReview[] = [];
  const warnings: string[] = [];
  for (const [i, raw] of items.entries()) {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      warnings.push(
        `${what} #${i + 1} skipped: field "${parsed.error.issues[0]?.path.join(".") || "item"}" is missing or malformed`,
      );
      continue;
    }
    const review = toReview(parsed.data, raw);
    if (typeof review === "string") warnings.push(`${what} #${i + 1} skipped: ${review}`);
    else reviews.push(review);
  }
  if (items.length > 0 && reviews.length === 0) {
    throw new SourceError(
      "invalid-response",
      `${items.length} ${what}s came but none could be read (${warnings[0]}): the site's format may have changed`,
      {
        step: "reviews",
      },
    );
  }
  return { reviews, warnings };
}
