// Pure: a Places API (New) place body → reviews. Tolerant of every optional field.
import { z } from "zod";
import { SourceError } from "../../errors.js";
import { toUtcIso } from "../../domain/dates.js";
import type { SourcePage } from "../types.js";
import { readItems } from "../items.js";

const LocalizedText = z.object({ text: z.string(), languageCode: z.string().optional() });

const ReviewItem = z.object({
  name: z.string().min(1),
  rating: z.number().min(1).max(5),
  publishTime: z.string().min(1),
  relativePublishTimeDescription: z.string().optional(),
  text: LocalizedText.optional().catch(undefined),
  originalText: LocalizedText.optional().catch(undefined),
  authorAttribution: z
    .object({ displayName: z.string().optional(), uri: z.string().optional() })
    .optional()
    .catch(undefined),
  googleMapsUri: z.string().optional().catch(undefined),
});

const Place = z.object({
  id: z.string().optional(),
  displayName: z.object({ text: z.string() }).optional().catch(undefined),
  rating: z.number().optional().catch(undefined),
  userRatingCount: z.number().optional().catch(undefined),
  reviews: z.array(z.unknown()).optional(),
});

export function parsePlace(body: unknown): SourcePage {
  const place = Place.safeParse(body);
  if (!place.success) {
    throw new SourceError(
      "invalid-response",
      "Google Places sent a place in an unexpected shape (no place object): the API may have changed",
      {
        step: "place",
      },
    );
  }
  const items = place.data.reviews ?? [];
  const { reviews, warnings } = readItems(items, ReviewItem, "Google Places review", (r, item) => {
    const publishedAt = toUtcIso(r.publishTime);
    if (!publishedAt) {
      return `publishTime "${r.publishTime}" is not a time`;
    }
    const shown = r.text;
    const own = r.originalText;
    const translated = !!(
      shown &&
      own &&
      (shown.text !== own.text || shown.languageCode !== own.languageCode)
    );
    return {
      externalId: r.name,
      author: { name: r.authorAttribution?.displayName ?? null, url: r.authorAttribution?.uri ?? null },
      rating: r.rating,
      recommendation: null,
      title: null,
      text: translated ? shown!.text : (own?.text ?? shown?.text ?? null),
      textLanguage: translated ? (shown!.languageCode ?? null) : ((own ?? shown)?.languageCode ?? null),
      originalText: translated ? own!.text : null,
      language: (own ?? shown)?.languageCode ?? null,
      publishedAt,
      publishedPrecision: "instant",
      publishedRaw: r.relativePublishTimeDescription ?? null,
      siteUpdatedAt: null,
      url: r.googleMapsUri ?? null,
      ownerReply: null,
      excerpt: false,
      raw: item,
    };
  });
  return {
    reviews,
    warnings,
    summary: {
      rating: place.data.rating ?? null,
      count: place.data.userRatingCount ?? null,
      name: place.data.displayName?.text ?? null,
    },
  };
}

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; details?: { reason?: string }[] };
}

/** Reads Google's error body ({"error":{"status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}). */
export function googleError(status: number, body: string, secretName: string): SourceError | undefined {
  let parsed: GoogleErrorBody;
  try {
    parsed = JSON.parse(body) as GoogleErrorBody;
  } catch {
    return undefined;
  }
  const e = parsed?.error;
  if (!e || typeof e !== "object") return undefined;
  const reason = e.details?.find((d) => typeof d?.reason === "string")?.reason;
  const code = reason ?? e.status ?? String(status);
  const label = `${status} ${code}`;
  if (reason === "API_KEY_INVALID" || reason === "API_KEY_EXPIRED" || status === 401) {
    return new SourceError("auth", `Google rejected the API key (${label}): check ${secretName}`, { status });
  }
  if (status === 403 || e.status === "PERMISSION_DENIED") {
    return new SourceError(
      "auth",
      `Google refused the request (${label}): enable the Places API (New) for the key's project and check the key's restrictions in ${secretName}`,
      { status },
    );
  }
  if (status === 404 || e.status === "NOT_FOUND") {
    return new SourceError(
      "not-found",
      `Google does not know this place (${label}): check placeId in the config`,
      { status },
    );
  }
  if (status === 429 || e.status === "RESOURCE_EXHAUSTED") {
    return new SourceError(
      "rate-limited",
      `Google's quota for this key is used up (${label}): the next run tries again, or raise the quota`,
      {
        status,
      },
    );
  }
  if (status === 400) {
    return new SourceError(
      "not-found",
      `Google rejected the request (${label}): check placeId in the config`,
      { status },
    );
  }
  return undefined;
}
