// Yelp Fusion API: at most 3 review excerpts per business.
import { z } from "zod";
import { HttpError } from "../../http/client.js";
import { SourceError } from "../../errors.js";
import { zonedToUtc } from "../../domain/dates.js";
import { genericSourceError } from "../errors.js";
import { readItems } from "../items.js";
import type { FetchContext, SiteAdapter, SourcePage } from "../types.js";
import { yelpFusion } from "./info.js";

const ORIGIN = "https://api.yelp.com";

const Item = z.object({
  id: z.string().min(1),
  url: z.string().optional().catch(undefined),
  text: z.string().optional().catch(undefined),
  rating: z.number().min(1).max(5),
  time_created: z.string().min(1),
  user: z
    .object({ name: z.string().nullish(), profile_url: z.string().nullish() })
    .optional()
    .catch(undefined),
});

/** Pure: a Fusion reviews body → reviews. `time_created` is US Pacific wall-clock time. */
export function parseFusion(body: unknown): SourcePage {
  const b = z
    .object({ reviews: z.array(z.unknown()), total: z.number().optional().catch(undefined) })
    .safeParse(body);
  if (!b.success)
    throw new SourceError(
      "invalid-response",
      "Yelp sent reviews in an unexpected shape (no reviews list): the API may have changed",
    );
  const { reviews, warnings } = readItems(b.data.reviews, Item, "Yelp review", (r, raw) => {
    const publishedAt = zonedToUtc(r.time_created, "America/Los_Angeles");
    if (!publishedAt) return `time_created "${r.time_created}" is not a time`;
    return {
      externalId: r.id,
      author: { name: r.user?.name ?? null, url: r.user?.profile_url ?? null },
      rating: r.rating,
      recommendation: null,
      title: null,
      text: r.text ?? null,
      textLanguage: null,
      originalText: null,
      language: null,
      publishedAt,
      publishedPrecision: "instant",
      publishedRaw: r.time_created,
      siteUpdatedAt: null,
      url: r.url ?? null,
      ownerReply: null,
      // The API gives only the first ~160 characters: never a testimonial.
      excerpt: true,
      raw,
    };
  });
  return { reviews, warnings, summary: { rating: null, count: b.data.total ?? null } };
}

export function yelpError(status: number, body: string, secretName: string): SourceError | undefined {
  let e: { code?: string; description?: string; field?: string } | undefined;
  try {
    e = (JSON.parse(body) as { error?: typeof e }).error;
  } catch {
    return undefined;
  }
  const code = e?.code;
  if (!code) return undefined;
  const label = `${status} ${code}`;
  if (
    code === "TOKEN_INVALID" ||
    code === "UNAUTHORIZED_ACCESS_TOKEN" ||
    code === "TOKEN_MISSING" ||
    status === 401
  ) {
    return new SourceError("auth", `Yelp rejected the API key (${label}): check ${secretName}`, { status });
  }
  if (code === "BUSINESS_UNAVAILABLE") {
    return new SourceError(
      "not-found",
      `Yelp does not show this business's reviews (${label}): check business in the config; some businesses are not served by the API`,
      { status },
    );
  }
  if (code === "BUSINESS_NOT_FOUND" || code === "NOT_FOUND" || status === 404) {
    return new SourceError(
      "not-found",
      `Yelp found no such business (${label}): check business in the config (plans without review access also answer 404)`,
      { status },
    );
  }
  if (code === "TOO_MANY_REQUESTS_PER_SECOND" || code === "ACCESS_LIMIT_REACHED" || status === 429) {
    return new SourceError(
      "rate-limited",
      `Yelp's limit for this key is reached (${label}): the next run tries again`,
      { status },
    );
  }
  if (code === "VALIDATION_ERROR") {
    return new SourceError(
      "not-found",
      `Yelp rejected the request (${label}${e?.field ? `, field ${e.field}` : ""}): check business${e?.field === "locale" ? " and locale" : ""} in the config`,
      { status },
    );
  }
  return undefined;
}

export const adapter: SiteAdapter = {
  async *pages(ctx: FetchContext): AsyncGenerator<SourcePage, void, undefined> {
    const secretName = yelpFusion.secrets(ctx.source, process.env)[0]!.name;
    const url = new URL(
      `/v3/businesses/${encodeURIComponent(String(ctx.source["business"]))}/reviews`,
      ctx.source.baseUrl ?? ORIGIN,
    );
    url.searchParams.set("limit", "3");
    url.searchParams.set("sort_by", "yelp_sort");
    if (typeof ctx.source["locale"] === "string") url.searchParams.set("locale", ctx.source["locale"]);
    let data: unknown;
    try {
      ({ data } = await ctx.http.getJson(url.toString(), {
        headers: { authorization: `Bearer ${ctx.secrets[secretName] ?? ""}` },
        deadline: ctx.deadline,
        signal: ctx.signal,
      }));
    } catch (err) {
      if (err instanceof HttpError && err.response && err.failure === "status") {
        const specific = yelpError(err.response.status, err.response.body, secretName);
        if (specific) throw specific;
      }
      throw genericSourceError(err, {
        siteName: "Yelp",
        authFix: `check ${secretName}`,
        notFoundFix: "check business in the config",
      });
    }
    yield parseFusion(data);
  },
};
