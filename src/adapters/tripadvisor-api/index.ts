// Tripadvisor Content API: the 5 most recent reviews of a location.
import { z } from "zod";
import { HttpError } from "../../http/client.js";
import { SourceError } from "../../errors.js";
import { toUtcIso } from "../../domain/dates.js";
import { genericSourceError } from "../errors.js";
import { readItems } from "../items.js";
import type { FetchContext, SiteAdapter, SourcePage } from "../types.js";
import { tripadvisorApi } from "./info.js";

const ORIGIN = "https://api.content.tripadvisor.com";

// Older payloads send numbers as strings ("rating":"4", "id":"1050138220").
const num = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

const Item = z.object({
  id: z.union([z.number(), z.string().min(1)]).transform(String),
  lang: z.string().optional().catch(undefined),
  published_date: z.string().min(1),
  rating: num.pipe(z.number().min(1).max(5)),
  url: z.string().optional().catch(undefined),
  title: z.string().optional().catch(undefined),
  text: z.string().optional().catch(undefined),
  is_machine_translated: z
    .union([z.boolean(), z.string().transform((s) => s === "true")])
    .optional()
    .catch(undefined),
  user: z.object({ username: z.string().optional() }).optional().catch(undefined),
  owner_response: z
    .object({ text: z.string(), published_date: z.string().optional(), author: z.string().optional() })
    .optional()
    .catch(undefined),
});

export function parseContentReviews(body: unknown): SourcePage {
  const b = z.object({ data: z.array(z.unknown()) }).safeParse(body);
  if (!b.success)
    throw new SourceError(
      "invalid-response",
      "Tripadvisor sent reviews in an unexpected shape (no data list): the API may have changed",
    );
  const { reviews, warnings } = readItems(b.data.data, Item, "Tripadvisor review", (item, raw) => {
    const publishedAt = toUtcIso(item.published_date);
    if (!publishedAt) {
      return `published_date "${item.published_date}" is not a time`;
    }
    return {
      externalId: item.id,
      author: { name: item.user?.username ?? null, url: null },
      rating: item.rating,
      recommendation: null,
      title: item.title ?? null,
      text: item.text ?? null,
      textLanguage: item.lang ?? null,
      // The API gives only the translation when it translated: the own words are not available.
      originalText: null,
      language: item.is_machine_translated ? null : (item.lang ?? null),
      publishedAt,
      publishedPrecision: "instant",
      publishedRaw: item.published_date,
      siteUpdatedAt: null,
      url: item.url ?? null,
      ownerReply: item.owner_response
        ? {
            text: item.owner_response.text,
            publishedAt: item.owner_response.published_date
              ? toUtcIso(item.owner_response.published_date)
              : null,
          }
        : null,
      excerpt: false,
      raw,
    };
  });
  return { reviews, warnings };
}

export function tripadvisorError(status: number, body: string, secretName: string): SourceError | undefined {
  let e: { message?: string; type?: string; code?: number | string } | undefined;
  try {
    e = (JSON.parse(body) as { error?: typeof e }).error;
  } catch {
    return undefined;
  }
  if (!e) return undefined;
  const label = `${status}${e.type ? ` ${e.type}` : ""}`;
  if (status === 401 || status === 403) {
    return new SourceError(
      "auth",
      `Tripadvisor refused the API key (${label}): check ${secretName} and the key's allowed domains/IP addresses`,
      { status },
    );
  }
  if (status === 404 || status === 400)
    return new SourceError(
      "not-found",
      `Tripadvisor does not know this location (${label}): check locationId in the config`,
      { status },
    );
  if (status === 429)
    return new SourceError(
      "rate-limited",
      `Tripadvisor's limit for this key is reached (${label}): the next run tries again`,
      { status },
    );
  return undefined;
}

export const adapter: SiteAdapter = {
  async *pages(ctx: FetchContext): AsyncGenerator<SourcePage, void, undefined> {
    const secretName = tripadvisorApi.secrets(ctx.source, process.env)[0]!.name;
    const url = new URL(
      `/api/v1/location/${encodeURIComponent(String(ctx.source["locationId"]))}/reviews`,
      ctx.source.baseUrl ?? ORIGIN,
    );
    url.searchParams.set("key", ctx.secrets[secretName] ?? "");
    url.searchParams.set(
      "language",
      typeof ctx.source["language"] === "string" ? ctx.source["language"] : "en",
    );
    url.searchParams.set("limit", "5");
    url.searchParams.set("offset", "0");
    let data: unknown;
    try {
      ({ data } = await ctx.http.getJson(url.toString(), { deadline: ctx.deadline, signal: ctx.signal }));
    } catch (err) {
      if (err instanceof HttpError && err.response && err.failure === "status") {
        const specific = tripadvisorError(err.response.status, err.response.body, secretName);
        if (specific) throw specific;
      }
      throw genericSourceError(err, {
        siteName: "Tripadvisor",
        authFix: `check ${secretName}`,
        notFoundFix: "check locationId in the config",
      });
    }
    yield parseContentReviews(data);
  },
};
