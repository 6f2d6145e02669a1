// Pure: schema.org JSON-LD Review items from a page's <script type="application/ld+json"> blocks.
import { createHash } from "node:crypto";
import * as cheerio from "cheerio";
import { SourceError } from "../../errors.js";
import { toUtcIso } from "../../domain/dates.js";
import type { ParsedReview } from "../../domain/review.js";
import type { SourcePage } from "../types.js";
import { guardDeepPage } from "../../extract/page.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
const types = (o: Obj): string[] => ([] as unknown[]).concat(o["@type"] ?? []).map(String);
const asNum = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v.replace(",", ".")) : NaN;
  return Number.isFinite(n) ? n : null;
};
const asStr = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/** Every JSON-LD block of the page, parsed; broken blocks become warnings. */
export function jsonLdBlocks(html: string): { blocks: unknown[]; warnings: string[] } {
  const $ = cheerio.load(html);
  const blocks: unknown[] = [];
  const warnings: string[] = [];
  $('script[type="application/ld+json"]').each((i, el) => {
    const text = $(el).text().trim().replace(/^<!--/, "").replace(/-->$/, "");
    try {
      blocks.push(JSON.parse(text));
    } catch {
      warnings.push(`JSON-LD block #${i + 1} is not valid JSON: skipped`);
    }
  });
  return { blocks, warnings };
}

/** Walk objects, arrays and @graph, collecting Review items and AggregateRating. */
function walk(
  node: unknown,
  out: { reviews: Obj[]; aggregates: Obj[]; emptyReviewProp: boolean },
  depth = 0,
): void {
  if (depth > 12) return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, out, depth + 1);
    return;
  }
  if (!isObj(node)) return;
  if (types(node).includes("Review")) out.reviews.push(node);
  if (types(node).includes("AggregateRating")) out.aggregates.push(node);
  for (const [k, v] of Object.entries(node)) {
    if (k === "review" || k === "reviews") {
      if (Array.isArray(v) && v.length === 0) out.emptyReviewProp = true;
      for (const r of ([] as unknown[]).concat(v)) {
        if (isObj(r) && !types(r).includes("Review")) out.reviews.push(r); // "review" items without @type
      }
    }
    if (k === "aggregateRating" && isObj(v) && !types(v).includes("AggregateRating")) out.aggregates.push(v);
    if (typeof v === "object") walk(v, out, depth + 1);
  }
}

/** Scale a rating to 1–5 using bestRating/worstRating (defaults 5/1), rounded to halves. */
export function scaleRating(value: number, best: number | null, worst: number | null): number | null {
  const b = best ?? 5;
  const w = worst ?? 1;
  if (b <= w) return null;
  const scaled = b === 5 && w === 1 ? value : 1 + ((value - w) / (b - w)) * 4;
  if (!Number.isFinite(scaled)) return null;
  return Math.min(5, Math.max(1, Math.round(scaled * 2) / 2));
}

function authorName(a: unknown): string | null {
  if (typeof a === "string") return asStr(a);
  if (Array.isArray(a)) return authorName(a[0]);
  if (isObj(a)) return asStr(a["name"]);
  return null;
}

export function parseJsonLdPage(html: string, pageUrl: string): SourcePage {
  return guardDeepPage("The page", html, () => parseJsonLdPageUnguarded(html, pageUrl));
}

function parseJsonLdPageUnguarded(html: string, pageUrl: string): SourcePage {
  const { blocks, warnings } = jsonLdBlocks(html);
  const found = { reviews: [] as Obj[], aggregates: [] as Obj[], emptyReviewProp: false };
  walk(blocks, found);
  const reviews: ParsedReview[] = [];
  const seen = new Set<string>();
  for (const [i, r] of found.reviews.entries()) {
    const rr = isObj(r["reviewRating"]) ? (r["reviewRating"] as Obj) : null;
    const value = asNum(rr?.["ratingValue"]);
    const rating =
      value == null ? null : scaleRating(value, asNum(rr?.["bestRating"]), asNum(rr?.["worstRating"]));
    if (rating == null) {
      warnings.push(`JSON-LD review #${i + 1} skipped: reviewRating.ratingValue is missing or not a number`);
      continue;
    }
    const dateRaw = asStr(r["datePublished"]);
    const dateOnly = dateRaw != null && /^\d{4}-\d{2}-\d{2}$/.test(dateRaw);
    const publishedAt = dateRaw ? (dateOnly ? `${dateRaw}T00:00:00.000Z` : toUtcIso(dateRaw)) : null;
    if (!publishedAt) {
      warnings.push(`JSON-LD review #${i + 1} skipped: datePublished is missing or not a date`);
      continue;
    }
    const author = authorName(r["author"]);
    const body = asStr(r["reviewBody"]) ?? asStr(r["description"]);
    // Identity: @id, else url, else a stable hash of author + date + text.
    const id =
      asStr(r["@id"]) ??
      asStr(r["url"]) ??
      `ld:${createHash("sha1")
        .update(JSON.stringify([author, dateRaw, body]))
        .digest("hex")
        .slice(0, 24)}`;
    if (seen.has(id)) continue; // the same review in two blocks
    seen.add(id);
    const url = asStr(r["url"]);
    reviews.push({
      externalId: id,
      author: { name: author, url: isObj(r["author"]) ? asStr((r["author"] as Obj)["url"]) : null },
      rating,
      recommendation: null,
      title: asStr(r["name"]) ?? asStr(r["headline"]),
      text: body,
      textLanguage: asStr(r["inLanguage"]),
      originalText: null,
      language: asStr(r["inLanguage"]),
      publishedAt,
      publishedPrecision: dateOnly ? "day" : "instant",
      publishedRaw: dateRaw,
      siteUpdatedAt: null,
      url: url ? new URL(url, pageUrl).toString() : null,
      ownerReply: null,
      excerpt: false,
      raw: r,
    });
  }
  const agg = found.aggregates[0];
  const count = agg ? (asNum(agg["reviewCount"]) ?? asNum(agg["ratingCount"])) : null;
  const aggValue = agg ? asNum(agg["ratingValue"]) : null;
  const summary = {
    rating:
      aggValue == null
        ? null
        : scaleRating(aggValue, asNum(agg?.["bestRating"]), asNum(agg?.["worstRating"])),
    count,
  };
  if (found.reviews.length > 0 && reviews.length === 0) {
    throw new SourceError(
      "layout-changed",
      `the page's JSON-LD has ${found.reviews.length} reviews but none could be read (${warnings.at(-1)})`,
      { step: "json-ld reviews" },
    );
  }
  if (reviews.length === 0 && found.emptyReviewProp && (count ?? 0) > 0) {
    throw new SourceError(
      "layout-changed",
      `the page claims ${count} reviews but its JSON-LD "review" list is empty: the page may have changed`,
      { step: "json-ld review list" },
    );
  }
  if (reviews.length === 0) warnings.push("no Review items in the page's JSON-LD");
  return { reviews, warnings, summary };
}
