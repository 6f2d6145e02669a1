// Pure: a Yelp business page → reviews. Embedded JSON first, then the markup. Classes are hashed
// (comment__09f24__D0cxf), so only structure and attributes are used.
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { SourceError } from "../../errors.js";
import { parseHumanDate } from "../../domain/dates.js";
import type { ParsedReview } from "../../domain/review.js";
import type { SourcePage } from "../types.js";
import { guardDeepPage, parseCount } from "../../extract/page.js";
import {
  attr,
  hasAncestorWithin,
  hasAttr,
  isElement,
  ownText,
  PageIndex,
  type Test,
} from "../../extract/page-index.js";

const DATE = /\b([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})\b/;
// The selectors, as tests of one element run over a single walk of the page (see PageIndex).
/** `[class^="biz-owner-reply"], [class*=" biz-owner-reply"]` */
const REPLY: Test = (el) => {
  const c = el.attribs["class"];
  return c != null && (c.startsWith("biz-owner-reply") || c.includes(" biz-owner-reply"));
};
/** `[data-review-id]` */
const ITEM: Test = (el) => hasAttr(el, "data-review-id");
/** `[aria-label$="star rating"]` */
const STARS: Test = (el) => !!el.attribs["aria-label"]?.endsWith("star rating");
/** `span, p, div` */
const TEXT_BOX: Test = (el) => el.name === "span" || el.name === "p" || el.name === "div";
/** `span[lang]` */
const LANG_SPAN: Test = (el) => el.name === "span" && hasAttr(el, "lang");
/** `a[href*="/user_details?userid="]` */
const USER_LINK: Test = (el) => el.name === "a" && !!el.attribs["href"]?.includes("/user_details?userid=");
/** `a[aria-label="Next"]` */
const NEXT: Test = (el) => el.name === "a" && el.attribs["aria-label"] === "Next";

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

function embedded($: cheerio.CheerioAPI, index: PageIndex, html: string): Obj[] | null {
  const candidates: string[] = [];
  for (const el of index.all((el) => el.name === "script")) {
    const t = $.text([el]);
    if (t.includes("bizDetailsPageProps")) candidates.push(t);
  }
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
  index: PageIndex,
  now: Date,
  warnings: string[],
): { reviews: ParsedReview[]; items: number } {
  const out: ParsedReview[] = [];
  const items = index.all(ITEM);
  const replies = new Set<AnyNode>(items.length ? index.all(REPLY) : []);
  /** `$(n).closest(REPLY).length > 0`: n is, or is inside, an owner's reply (anywhere on the page). */
  const inReply = (n: Element) => {
    for (let p: AnyNode | null = n; isElement(p); p = p.parent) if (replies.has(p)) return true;
    return false;
  };
  // `$(x).first().text()`, without wrapping x in a Cheerio object (as `attr` for `.attr()`).
  const text = (n: Element | undefined) => (n ? $.text([n]) : "");
  for (const el of items) {
    const id = attr(el, "data-review-id");
    const reply = index.find(el, REPLY)[0];
    const own = (test: Test) => index.find(el, test).filter((n) => !inReply(n));
    const ratingLabel = attr(own(STARS)[0], "aria-label") ?? "";
    const rating = Number(/([\d.]+) star rating/.exec(ratingLabel)?.[1]);
    const dateText = own(TEXT_BOX)
      .map((n) => ownText($, n).trim())
      .find((t) => DATE.test(t) && t.length < 40);
    const when = dateText ? parseHumanDate(DATE.exec(dateText)![1]!, now) : null;
    if (!id || !(rating >= 1 && rating <= 5) || !when) {
      warnings.push(
        `Yelp review ${id ?? "(no id)"} skipped: ${!id ? "data-review-id" : !(rating >= 1 && rating <= 5) ? "the star rating" : "the date"} not found`,
      );
      continue;
    }
    // `p span[lang]`: the p must be inside the item too (or be it).
    const textEl = own(LANG_SPAN).filter((n) => hasAncestorWithin(n, el, "p"))[0];
    const userLink = own(USER_LINK).filter((n) => text(n).trim() !== "")[0];
    let ownerReply: ParsedReview["ownerReply"] = null;
    if (reply) {
      const rText = text(index.find(reply, LANG_SPAN)[0]).trim();
      const rDate = index
        .descendants(reply)
        .map((n) => DATE.exec(ownText($, n).trim())?.[1])
        .find(Boolean);
      if (rText)
        ownerReply = { text: rText, publishedAt: rDate ? (parseHumanDate(rDate, now)?.iso ?? null) : null };
    }
    const href = attr(userLink, "href");
    out.push({
      externalId: id,
      author: {
        name: text(userLink).trim() || null,
        url: href ? new URL(href, "https://www.yelp.com").toString() : null,
      },
      rating,
      recommendation: null,
      title: null,
      text: text(textEl).trim() || null,
      textLanguage: attr(textEl, "lang") ?? null,
      originalText: null,
      language: attr(textEl, "lang") ?? null,
      publishedAt: when.iso,
      publishedPrecision: when.precision,
      publishedRaw: dateText ?? null,
      siteUpdatedAt: null,
      url: null,
      ownerReply,
      excerpt: false,
      raw: { id, html: $(el).html()?.slice(0, 20_000) ?? null },
    });
  }
  return { reviews: out, items: items.length };
}

export function parseYelpPage(html: string, now: Date): YelpPage {
  return guardDeepPage("Yelp", html, () => parseYelpPageUnguarded(html, now));
}

function parseYelpPageUnguarded(html: string, now: Date): YelpPage {
  const $ = cheerio.load(html);
  const index = new PageIndex($);
  const warnings: string[] = [];
  const header = $.text(index.all((el) => el.name === "body")).match(/\(([\d,.]+)\s+reviews?\)/i)?.[1];
  const total = parseCount(header ?? null);
  const json = embedded($, index, html);
  let reviews: ParsedReview[];
  let items: number;
  let step: string;
  if (json) {
    reviews = fromEmbedded(json, now, warnings);
    items = json.length;
    step = "embedded bizDetailsPageProps reviews";
  } else {
    ({ reviews, items } = fromMarkup($, index, now, warnings));
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
    hasNext: index.all(NEXT).length > 0,
    total,
  };
}
