// Pure: a Business Profile v4 reviews page → reviews.
import { z } from "zod";
import { SourceError } from "../../errors.js";
import { toUtcIso } from "../../domain/dates.js";
import type { SourcePage } from "../types.js";
import { readItems } from "../items.js";

const STARS: Record<string, number> = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 };

const Item = z.object({
  reviewId: z.string().min(1),
  name: z.string().optional(),
  reviewer: z
    .object({
      displayName: z.string().optional(),
      profilePhotoUrl: z.string().optional(),
      isAnonymous: z.boolean().optional(),
    })
    .optional()
    .catch(undefined),
  starRating: z.string(),
  comment: z.string().optional().catch(undefined),
  createTime: z.string().min(1),
  updateTime: z.string().optional().catch(undefined),
  reviewReply: z
    .object({ comment: z.string(), updateTime: z.string().optional() })
    .optional()
    .catch(undefined),
});

const Body = z.object({
  reviews: z.array(z.unknown()).optional(),
  averageRating: z.number().optional().catch(undefined),
  totalReviewCount: z.number().optional().catch(undefined),
  nextPageToken: z.string().optional().catch(undefined),
});

/**
 * Google puts translated comments as "(Translated by Google) <translation>\n\n(Original)\n<own words>".
 * The markers are Google's own and the same in every UI language of the API.
 */
export function splitTranslation(comment: string): { text: string; original: string | null } {
  const m = /^\(Translated by Google\)\s*([\s\S]*?)\s*\(Original\)\s*([\s\S]*)$/.exec(comment);
  if (m) return { text: m[1]!.trim(), original: m[2]!.trim() };
  // The other order also occurs: own words first, then the translation.
  const m2 = /^([\s\S]*?)\s*\(Translated by Google\)\s*([\s\S]*)$/.exec(comment);
  if (m2 && m2[1]!.trim()) return { text: m2[2]!.trim(), original: m2[1]!.trim() };
  return { text: comment, original: null };
}

export function parseReviewsPage(body: unknown): SourcePage & { nextPageToken: string | null } {
  const parsed = Body.safeParse(body);
  if (!parsed.success) {
    throw new SourceError(
      "invalid-response",
      "Google Business Profile sent reviews in an unexpected shape: the API may have changed",
      { step: "reviews" },
    );
  }
  const items = parsed.data.reviews ?? [];
  const { reviews, warnings } = readItems(items, Item, "Business Profile review", (item, raw) => {
    const rating = STARS[item.starRating];
    if (!rating) {
      return `starRating "${item.starRating}" is not ONE…FIVE`;
    }
    const publishedAt = toUtcIso(item.createTime);
    if (!publishedAt) {
      return `createTime "${item.createTime}" is not a time`;
    }
    const split = item.comment ? splitTranslation(item.comment) : null;
    const anonymous = item.reviewer?.isAnonymous === true;
    return {
      externalId: item.reviewId,
      author: { name: anonymous ? null : (item.reviewer?.displayName ?? null), url: null },
      rating,
      recommendation: null,
      title: null,
      text: split?.text ?? null,
      textLanguage: null,
      originalText: split?.original ?? null,
      language: null,
      publishedAt,
      publishedPrecision: "instant",
      publishedRaw: item.createTime,
      siteUpdatedAt: item.updateTime ? toUtcIso(item.updateTime) : null,
      url: null,
      ownerReply: item.reviewReply
        ? {
            text: item.reviewReply.comment,
            publishedAt: item.reviewReply.updateTime ? toUtcIso(item.reviewReply.updateTime) : null,
          }
        : null,
      excerpt: false,
      raw,
    };
  });
  return {
    reviews,
    warnings,
    summary: { rating: parsed.data.averageRating ?? null, count: parsed.data.totalReviewCount ?? null },
    nextPageToken: parsed.data.nextPageToken ?? null,
  };
}
