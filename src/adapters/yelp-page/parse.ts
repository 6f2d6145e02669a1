// Pure: a Yelp business page → reviews. Embedded JSON first, then the markup. Classes are hashed
// (comment__09f24__D0cxf), so only structure and attributes are used.
import * as cheerio from "cheerio";
import type { AnyNode } from "domhandler";
import { SourceError } from "../../errors.js";
import { parseHumanDate } from "../../domain/dates.js";
import type { ParsedReview } from "../../domain/review.js";
import type { SourcePage } from "../types.js";
import { guardDeepPage, parseCount } from "../../extract/page.js";

const DATE = /\b([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})\b/;
const REPLY = '[class^="biz-owner-reply"], [class*=" biz-owner-reply"]';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

export interface YelpPage extends SourcePage {
  hasNext: boolean;
  total: number | null;
}

/** Arrays of review-like objects (id + rating + text) anywhere inside the embedded page props. */
function findReviewArrays(node: unknown, out: Obj[][], depth = 0): void {
  if (depth > 14) return;
  if (Array.isArray(node)) {
    if (node.some((x) => isObj(x) && "id" in x && "rating" in x && ("comment" in x || "text" in x)))
      out.push(node.filter(isObj));
    else for (const n of node) findReviewArrays(n, out, depth + 1);
    return;
  }
  if (isObj(node)) for (const v of Object.values(node)) findReviewArrays(v, out, depth + 1);
}

function embedded($: cheerio.CheerioAPI, html: string): Obj[] | null {
  const candidates: string[] = [];
  $("script").each((_, el) => {
    const t = $(el).text();
    if (t.includes("bizDetailsPageProps")) candidates.push(t);
  });
  for (const m of html.matchAll(/<!--(\{[\s\S]*?bizDetailsPageProps[\s\S]*?\})-->/g)) candidates.push(m[1]!);
  for (const c of candidates) {
    const text = c.trim().replace(/^<!--/, "").replace(/-->$/, "");
    try {
      const arrays: Obj[][] = [];
      findReviewArrays(JSON.parse(text), arrays);
      if (arrays[0]) return arrays[0];
    } catch {
      // not JSON: try the next candidate, then the markup
    }
  }
  return null;
}

function fromEmbedded(items: Obj[], now: Date, warnings: string[]): ParsedReview[] {
  const out: ParsedReview[] = [];
  for (const it of items) {
    const id = typeof it["id"] === "string" || typeof it["id"] === "number" ? String(it["id"]) : null;
    const rating = Number(it["rating"]);
    const comment = isObj(it["comment"]) ? it["comment"] : null;
    const dateText = String(it["localizedDate"] ?? it["date"] ?? "");
    const when = parseHumanDate(dateText, now);
    if (!id || !(rating >= 1 && rating <= 5) || !when) {
      warnings.push(
        `Yelp review ${id ?? "(no id)"} skipped: ${!id ? "id" : !(rating >= 1 && rating <= 5) ? "rating" : "date"} is missing or malformed`,
      );
      continue;
    }
    const user = isObj(it["user"]) ? it["user"] : {};
    const replies = Array.isArray(it["businessOwnerReplies"])
      ? (it["businessOwnerReplies"] as unknown[]).filter(isObj)
      : [];
    const reply = replies[0];
    const replyComment = reply && isObj(reply["comment"]) ? reply["comment"] : null;
    out.push({
      externalId: id,
      author: {
        name:
          typeof user["markupDisplayName"] === "string"
            ? user["markupDisplayName"]
            : typeof user["name"] === "string"
              ? user["name"]
              : null,
        url: typeof user["link"] === "string" ? user["link"] : null,
      },
      rating,
      recommendation: null,
      title: null,
      text:
        comment && typeof comment["text"] === "string"
          ? comment["text"]
          : typeof it["text"] === "string"
            ? it["text"]
            : null,
      textLanguage: comment && typeof comment["language"] === "string" ? comment["language"] : null,
      originalText: null,
      language: comment && typeof comment["language"] === "string" ? comment["language"] : null,
      publishedAt: when.iso,
      publishedPrecision: when.precision,
      publishedRaw: dateText,
      siteUpdatedAt: null,
      url: null,
      ownerReply:
        replyComment && typeof replyComment["text"] === "string"
          ? {
              text: replyComment["text"],
              publishedAt: parseHumanDate(String(reply?.["localizedDate"] ?? ""), now)?.iso ?? null,
            }
          : null,
      excerpt: false,
      raw: it,
    });
  }
  return out;
}

function fromMarkup(
  $: cheerio.CheerioAPI,
  now: Date,
  warnings: string[],
): { reviews: ParsedReview[]; items: number } {
  const out: ParsedReview[] = [];
  const items = $("[data-review-id]").toArray();
  for (const el of items) {
    const item = $(el);
    const id = item.attr("data-review-id");
    const reply = item.find(REPLY).first();
    const own = (sel: string) => item.find(sel).filter((_, n: AnyNode) => $(n).closest(REPLY).length === 0);
    const ratingLabel = own('[aria-label$="star rating"]').first().attr("aria-label") ?? "";
    const rating = Number(/([\d.]+) star rating/.exec(ratingLabel)?.[1]);
    const dateText = own("span, p, div")
      .toArray()
      .map((n) => $(n).clone().children().remove().end().text().trim())
      .find((t) => DATE.test(t) && t.length < 40);
    const when = dateText ? parseHumanDate(DATE.exec(dateText)![1]!, now) : null;
    if (!id || !(rating >= 1 && rating <= 5) || !when) {
      warnings.push(
        `Yelp review ${id ?? "(no id)"} skipped: ${!id ? "data-review-id" : !(rating >= 1 && rating <= 5) ? "the star rating" : "the date"} not found`,
      );
      continue;
    }
    const textEl = own("p span[lang]").first();
    const userLink = own('a[href*="/user_details?userid="]')
      .filter((_, n: AnyNode) => $(n).text().trim() !== "")
      .first();
    let ownerReply: ParsedReview["ownerReply"] = null;
    if (reply.length) {
      const rText = reply.find("span[lang]").first().text().trim();
      const rDate = reply
        .find("*")
        .toArray()
        .map((n) => DATE.exec($(n).clone().children().remove().end().text().trim())?.[1])
        .find(Boolean);
      if (rText)
        ownerReply = { text: rText, publishedAt: rDate ? (parseHumanDate(rDate, now)?.iso ?? null) : null };
    }
    const href = userLink.attr("href");
    out.push({
      externalId: id,
      author: {
        name: userLink.text().trim() || null,
        url: href ? new URL(href, "https://www.yelp.com").toString() : null,
      },
      rating,
      recommendation: null,
      title: null,
      text: textEl.text().trim() || null,
      textLanguage: textEl.attr("lang") ?? null,
      originalText: null,
      language: textEl.attr("lang") ?? null,
      publishedAt: when.iso,
      publishedPrecision: when.precision,
      publishedRaw: dateText ?? null,
      siteUpdatedAt: null,
      url: null,
      ownerReply,
      excerpt: false,
      raw: { id, html: item.html()?.slice(0, 20_000) ?? null },
    });
  }
  return { reviews: out, items: items.length };
}

export function parseYelpPage(html: string, now: Date): YelpPage {
  return guardDeepPage("Yelp", html, () => parseYelpPageUnguarded(html, now));
}

function parseYelpPageUnguarded(html: string, now: Date): YelpPage {
  const $ = cheerio.load(html);
  const warnings: string[] = [];
  const header = $("body")
    .text()
    .match(/\(([\d,.]+)\s+reviews?\)/i)?.[1];
  const total = parseCount(header ?? null);
  const json = embedded($, html);
  let reviews: ParsedReview[];
  let items: number;
  let step: string;
  if (json) {
    reviews = fromEmbedded(json, now, warnings);
    items = json.length;
    step = "embedded bizDetailsPageProps reviews";
  } else {
    ({ reviews, items } = fromMarkup($, now, warnings));
    step = "review items ([data-review-id])";
  }
  if (items > 0 && reviews.length === 0) {
    throw new SourceError(
      "layout-changed",
      `Yelp page: ${items} review items found but none could be read (${warnings[0]}): the page layout changed`,
      { step },
    );
  }
  if (reviews.length === 0 && (total ?? 0) > 0) {
    throw new SourceError(
      "layout-changed",
      `Yelp page shows ${total} reviews but none were found (${step}): the page layout changed`,
      { step },
    );
  }
  return {
    reviews,
    warnings,
    summary: { rating: null, count: total },
    hasNext: $('a[aria-label="Next"]').length > 0,
    total,
  };
}
