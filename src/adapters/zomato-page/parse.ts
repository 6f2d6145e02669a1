// Pure: Zomato's page state and its loadMore review pages.
import { z } from "zod";
import { SourceError } from "../../errors.js";
import { parseHumanDate } from "../../domain/dates.js";
import type { ParsedReview } from "../../domain/review.js";
import type { SourcePage } from "../types.js";
import { parseCount } from "../../extract/page.js";

const STATE = /window\.__PRELOADED_STATE__\s*=\s*JSON\.parse\(\s*"((?:[^"\\]|\\[\s\S])*)"\s*\)/;

/** The JS string literal inside JSON.parse("…") → its text. Handles \xNN and \' which JSON rejects. */
export function unescapeJsString(literal: string): string {
  const jsonSafe = literal.replace(
    /\\(x([0-9a-fA-F]{2})|'|[\s\S])/g,
    (m, _e: string, hex: string | undefined) => (hex ? `\\u00${hex}` : m === "\\'" ? "'" : m),
  );
  return JSON.parse(`"${jsonSafe}"`) as string;
}

export interface ZomatoState {
  resId: string;
  name: string | null;
  rating: number | null;
  count: number | null;
}

export function parseState(html: string): ZomatoState {
  const m = STATE.exec(html);
  if (!m)
    throw new SourceError(
      "layout-changed",
      "Zomato's page has no __PRELOADED_STATE__: the page layout changed",
      { step: "page state" },
    );
  let state: Record<string, unknown>;
  try {
    state = JSON.parse(unescapeJsString(m[1]!)) as Record<string, unknown>;
  } catch {
    throw new SourceError(
      "layout-changed",
      "Zomato's __PRELOADED_STATE__ could not be read: the page layout changed",
      { step: "page state" },
    );
  }
  const pages = (state["pages"] ?? {}) as Record<string, unknown>;
  const resId = (pages["current"] as Record<string, unknown> | undefined)?.["resId"];
  if (resId == null || resId === "")
    throw new SourceError(
      "layout-changed",
      "Zomato's page state has no restaurant id (pages.current.resId)",
      { step: "resId" },
    );
  const restaurant = ((pages["restaurant"] as Record<string, unknown> | undefined)?.[String(resId)] ??
    {}) as Record<string, unknown>;
  const info = ((restaurant["sections"] as Record<string, unknown> | undefined)?.["SECTION_BASIC_INFO"] ??
    {}) as Record<string, unknown>;
  const rating = (info["rating"] ?? {}) as Record<string, unknown>;
  const agg = Number(rating["aggregate_rating"]);
  return {
    resId: String(resId),
    name: typeof info["name"] === "string" ? info["name"] : null,
    rating: Number.isFinite(agg) && agg > 0 ? agg : null,
    count: parseCount(rating["votes"] == null ? null : String(rating["votes"])),
  };
}

const Review = z.object({
  reviewId: z.union([z.number(), z.string().min(1)]).transform(String),
  userName: z.string().optional().catch(undefined),
  userProfileUrl: z.string().optional().catch(undefined),
  timestamp: z.string().min(1),
  reviewText: z.string().optional().catch(undefined),
  rating: z.object({
    entities: z.array(
      z.object({ entity_type: z.string(), entity_ids: z.array(z.union([z.number(), z.string()])) }),
    ),
  }),
});

export function parseLoadMore(body: unknown, now: Date): SourcePage & { numberOfPages: number | null } {
  const b = z
    .object({
      entities: z.object({
        REVIEWS: z.record(z.string(), z.unknown()).optional(),
        RATING: z.record(z.string(), z.unknown()).optional(),
      }),
      page_data: z.unknown().optional(),
    })
    .safeParse(body);
  if (!b.success)
    throw new SourceError(
      "layout-changed",
      "Zomato's review page has no entities.REVIEWS: the format changed",
      { step: "loadMore" },
    );
  const ratings = b.data.entities.RATING ?? {};
  const warnings: string[] = [];
  const reviews: ParsedReview[] = [];
  const items = Object.values(b.data.entities.REVIEWS ?? {});
  for (const raw of items) {
    const r = Review.safeParse(raw);
    if (!r.success) {
      warnings.push(
        `Zomato review skipped: field "${r.error.issues[0]?.path.join(".") || "item"}" is missing or malformed`,
      );
      continue;
    }
    const ref = r.data.rating.entities.find((e) => e.entity_type === "RATING")?.entity_ids[0];
    const value =
      ref == null ? NaN : Number((ratings[String(ref)] as { rating?: unknown } | undefined)?.rating);
    if (!Number.isFinite(value) || value < 1 || value > 5) {
      warnings.push(`Zomato review ${r.data.reviewId} skipped: its rating is missing`);
      continue;
    }
    const when = parseHumanDate(r.data.timestamp, now);
    if (!when) {
      warnings.push(
        `Zomato review ${r.data.reviewId} skipped: timestamp "${r.data.timestamp}" is not a date`,
      );
      continue;
    }
    reviews.push({
      externalId: r.data.reviewId,
      author: { name: r.data.userName ?? null, url: r.data.userProfileUrl ?? null },
      rating: Math.round(value * 2) / 2,
      recommendation: null,
      title: null,
      text: r.data.reviewText?.trim() ? r.data.reviewText : null,
      textLanguage: null,
      originalText: null,
      language: null,
      publishedAt: when.iso,
      publishedPrecision: when.precision,
      publishedRaw: r.data.timestamp,
      siteUpdatedAt: null,
      url: null,
      ownerReply: null,
      excerpt: false,
      raw,
    });
  }
  if (items.length > 0 && reviews.length === 0) {
    throw new SourceError(
      "layout-changed",
      `Zomato sent ${items.length} reviews but none could be read (${warnings[0]})`,
      { step: "reviews" },
    );
  }
  // Object keys that look like numbers come back sorted ascending, not in page order: sort newest first.
  reviews.sort((a, c) =>
    a.publishedAt! < c.publishedAt!
      ? 1
      : a.publishedAt! > c.publishedAt!
        ? -1
        : Number(c.externalId) - Number(a.externalId),
  );
  const pages = Number(
    (((
      (b.data.page_data as Record<string, unknown> | undefined)?.["sections"] as
        Record<string, unknown> | undefined
    )?.["SECTION_REVIEWS"] as Record<string, unknown> | undefined) ?? {})["numberOfPages"],
  );
  return { reviews, warnings, numberOfPages: Number.isFinite(pages) ? pages : null };
}
