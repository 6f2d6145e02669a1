// Pure: a Graph API /ratings page → reviews.
import { createHash } from "node:crypto";
import { z } from "zod";
import { SourceError } from "../../errors.js";
import { toUtcIso } from "../../domain/dates.js";
import type { SourcePage } from "../types.js";
import { readItems } from "../items.js";

const Item = z.object({
  created_time: z.string().min(1),
  has_rating: z.boolean().optional(),
  has_review: z.boolean().optional(),
  rating: z.number().min(1).max(5).optional().catch(undefined),
  recommendation_type: z.enum(["positive", "negative"]).optional().catch(undefined),
  review_text: z.string().optional().catch(undefined),
  reviewer: z.object({ name: z.string().optional(), id: z.string().optional() }).optional().catch(undefined),
  open_graph_story: z.object({ id: z.string() }).optional().catch(undefined),
});

const Body = z.object({
  data: z.array(z.unknown()),
  paging: z.object({ next: z.string().optional() }).optional().catch(undefined),
});

/**
 * The review's id: `open_graph_story.id` when Facebook gives it. Otherwise derived from the reviewer's
 * id and the creation time (a person reviews a page once at a given second), or, without a reviewer,
 * from the time and the text.
 */
export function facebookId(item: z.infer<typeof Item>): string {
  if (item.open_graph_story?.id) return item.open_graph_story.id;
  const basis = item.reviewer?.id
    ? `${item.reviewer.id}|${item.created_time}`
    : `${item.created_time}|${item.review_text ?? ""}`;
  return `derived:${createHash("sha1").update(basis).digest("hex").slice(0, 24)}`;
}

export function parseRatings(body: unknown): SourcePage & { next: string | null } {
  const parsed = Body.safeParse(body);
  if (!parsed.success) {
    throw new SourceError(
      "invalid-response",
      "Facebook sent ratings in an unexpected shape (no data list): the Graph API may have changed",
      {
        step: "data",
      },
    );
  }
  const { reviews, warnings } = readItems(parsed.data.data, Item, "Facebook rating", (item, raw) => {
    const publishedAt = toUtcIso(item.created_time);
    if (!publishedAt) {
      return `created_time "${item.created_time}" is not a time`;
    }
    if (item.recommendation_type == null && item.rating == null) {
      return `neither recommendation_type nor rating`;
    }
    // Keep the item, minus nothing: Graph items carry no token (the token is in the paging URL only).
    return {
      externalId: facebookId(item),
      author: { name: item.reviewer?.name ?? null, url: null },
      rating: item.rating ?? null,
      recommendation: item.recommendation_type ?? null,
      title: null,
      text: item.has_review === false ? null : (item.review_text ?? null),
      textLanguage: null,
      originalText: null,
      language: null,
      publishedAt,
      publishedPrecision: "instant",
      publishedRaw: item.created_time,
      siteUpdatedAt: null,
      url: item.open_graph_story?.id ? `https://www.facebook.com/${item.open_graph_story.id}` : null,
      ownerReply: null,
      excerpt: false,
      raw,
    };
  });
  return { reviews, warnings, next: parsed.data.paging?.next ?? null };
}

interface GraphError {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number };
}

export function facebookError(
  status: number,
  body: string,
  secretName: string,
  version: string,
): SourceError | undefined {
  let e: GraphError["error"];
  try {
    e = (JSON.parse(body) as GraphError).error;
  } catch {
    return undefined;
  }
  if (!e || typeof e.code !== "number") return undefined;
  const label = `${status} code ${e.code}${e.error_subcode ? `/${e.error_subcode}` : ""}`;
  const c = e.code;
  if (c === 190)
    return new SourceError(
      "auth",
      `Facebook says the Page token expired or is invalid (${label}): renew ${secretName}`,
      { status },
    );
  if (c === 283) {
    return new SourceError(
      "auth",
      `Facebook needs the pages_read_user_content permission (${label}): create ${secretName} with it`,
      { status },
    );
  }
  if (c === 10 || (c >= 200 && c <= 299)) {
    return new SourceError(
      "auth",
      `Facebook refused the request: missing permission (${label}): check ${secretName} is a Page token for this page`,
      { status },
    );
  }
  if (c === 4 || c === 17 || c === 32 || c === 341 || c === 613) {
    return new SourceError(
      "rate-limited",
      `Facebook is throttling requests (${label}): the next run tries again`,
      { status },
    );
  }
  if (c === 1 || c === 2)
    return new SourceError(
      "network",
      `Facebook had a temporary problem (${label}): the next run tries again`,
      { status },
    );
  if (c === 12) {
    return new SourceError(
      "not-found",
      `Facebook: ratings are not available in Graph API ${version} (${label}): set apiVersion in the config to a current version`,
      {
        status,
      },
    );
  }
  if (c === 100 || c === 803)
    return new SourceError(
      "not-found",
      `Facebook does not know this page (${label}): check pageId in the config`,
      { status },
    );
  return undefined;
}
