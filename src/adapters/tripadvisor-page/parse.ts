// Pure: a Tripadvisor review page (older `data-reviewid` cards or newer HR_CC_CARD cards) → reviews.
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { SourceError } from "../../errors.js";
import { parseHumanDate } from "../../domain/dates.js";
import type { ParsedReview } from "../../domain/review.js";
import type { SourcePage } from "../types.js";
import { guardDeepPage, parseCount } from "../../extract/page.js";
import {
  attr,
  classWord,
  equalsIgnoringCase,
  hasAncestorWithin,
  hasAttr,
  isElement,
  ownText,
  PageIndex,
  type Test,
} from "../../extract/page-index.js";

export interface TripadvisorPage extends SourcePage {
  hasNext: boolean;
}

const REVIEW_LINK = /ShowUserReviews-[^"'\s]*?-r(\d+)-/;

// The selectors, as tests of one element run over a single walk of the page (see PageIndex).
/** `[data-reviewid]` */
const OLD_CARD: Test = (el) => hasAttr(el, "data-reviewid");
/** `[data-test-target="HR_CC_CARD"]` */
const NEW_CARD: Test = (el) => el.attribs["data-test-target"] === "HR_CC_CARD";
/** `.mgrRspnInline` */
const RESPONSE = classWord("mgrRspnInline");
/** `.ui_bubble_rating` */
const BUBBLES = classWord("ui_bubble_rating");
/** `.ratingDate` */
const RATING_DATE = classWord("ratingDate");
/** `.responseDate` */
const RESPONSE_DATE = classWord("responseDate");
/** `.noQuotes` */
const TITLE = classWord("noQuotes");
const partialEntry = classWord("partial_entry");
/** `p.partial_entry` */
const PARTIAL_ENTRY: Test = (el) => el.name === "p" && partialEntry(el);
/** `a[href*="ShowUserReviews"]` */
const REVIEW_ANCHOR: Test = (el) => el.name === "a" && !!el.attribs["href"]?.includes("ShowUserReviews");
/** `a[href^="/Profile/"]` */
const PROFILE_LINK: Test = (el) => el.name === "a" && !!el.attribs["href"]?.startsWith("/Profile/");
/** `[data-test-target="review-title"]` */
const NEW_TITLE: Test = (el) => el.attribs["data-test-target"] === "review-title";
/** `[data-test-target="review-body"]` */
const NEW_BODY: Test = (el) => el.attribs["data-test-target"] === "review-body";
const yCeTE = classWord("yCeTE");
/** `q, .yCeTE` */
const NEW_QUOTE: Test = (el) => el.name === "q" || yCeTE(el);
/** `[aria-label*="of 5 bubbles"]` */
const BUBBLES_LABEL: Test = (el) => !!el.attribs["aria-label"]?.includes("of 5 bubbles");
/** `script[type="application/ld+json"]` (`type` compares case-insensitively) */
const JSON_LD: Test = (el) =>
  el.name === "script" && equalsIgnoringCase(el.attribs["type"], "application/ld+json");
const nav = classWord("nav");
const next = classWord("next");
/** `.hasClass("disabled")`: cheerio tests the word as a class selector does. */
const DISABLED = classWord("disabled");
/** `a.nav.next, a[aria-label="Next page"]` */
const NEXT: Test = (el) =>
  el.name === "a" && ((nav(el) && next(el)) || el.attribs["aria-label"] === "Next page");

function absolute(href: string | undefined, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).toString();
  } catch {
    return null;
  }
}

export function parseTripadvisorPage(html: string, pageUrl: string, now: Date): TripadvisorPage {
  return guardDeepPage("Tripadvisor", html, () => parseTripadvisorPageUnguarded(html, pageUrl, now));
}

function parseTripadvisorPageUnguarded(html: string, pageUrl: string, now: Date): TripadvisorPage {
  const $ = cheerio.load(html);
  const index = new PageIndex($);
  const warnings: string[] = [];
  const reviews: ParsedReview[] = [];
  const oldCards = index.all(OLD_CARD);
  const newCards = index.all(NEW_CARD);
  const step = oldCards.length
    ? "review cards ([data-reviewid])"
    : 'review cards ([data-test-target="HR_CC_CARD"])';
  const responses = new Set<AnyNode>(oldCards.length ? index.all(RESPONSE) : []);
  /** `$(n).closest(".mgrRspnInline").length > 0`: n is, or is inside, an owner's response. */
  const inResponse = (n: Element) => {
    for (let p: AnyNode | null = n; isElement(p); p = p.parent) if (responses.has(p)) return true;
    return false;
  };
  // `$(x).first().text()`, without wrapping x in a Cheerio object (as `attr` for `.attr()`).
  const text = (n: Element | undefined) => (n ? $.text([n]) : "");
  for (const el of oldCards) {
    const id = attr(el, "data-reviewid");
    const response = index.find(el, RESPONSE);
    const own = (test: Test) => index.find(el, test).filter((n) => !inResponse(n));
    const bubble = /bubble_(\d{2})/.exec(attr(own(BUBBLES)[0], "class") ?? "")?.[1];
    const rating = bubble ? Number(bubble) / 10 : NaN;
    const ratingDate = own(RATING_DATE)[0];
    const dateText =
      attr(ratingDate, "title") ??
      text(ratingDate)
        .replace(/^Reviewed\s+/i, "")
        .trim();
    const when = dateText ? parseHumanDate(dateText, now) : null;
    if (!id || !(rating >= 1 && rating <= 5) || !when) {
      warnings.push(
        `Tripadvisor review ${id ?? "(no id)"} skipped: ${!id ? "the id" : !(rating >= 1 && rating <= 5) ? "the bubble rating" : "the date"} not found`,
      );
      continue;
    }
    const titleLink = own(REVIEW_ANCHOR)[0];
    const profile = own(PROFILE_LINK).filter((n) => text(n).trim() !== "")[0];
    const rText = text(index.findIn(response, PARTIAL_ENTRY)[0]).trim();
    const rDate = attr(index.findIn(response, RESPONSE_DATE)[0], "title");
    reviews.push({
      externalId: id,
      author: { name: text(profile).trim() || null, url: absolute(attr(profile, "href"), pageUrl) },
      rating,
      recommendation: null,
      title: text(own(TITLE)[0]).trim() || null,
      text: text(own(PARTIAL_ENTRY)[0]).trim() || null,
      textLanguage: null,
      originalText: null,
      language: null,
      publishedAt: when.iso,
      publishedPrecision: when.precision,
      publishedRaw: dateText,
      siteUpdatedAt: null,
      url: absolute(attr(titleLink, "href"), pageUrl),
      ownerReply: rText
        ? { text: rText, publishedAt: rDate ? (parseHumanDate(rDate, now)?.iso ?? null) : null }
        : null,
      excerpt: false,
      raw: { id, html: $(el).html()?.slice(0, 20_000) ?? null },
    });
  }
  for (const el of newCards) {
    const find = (test: Test) => index.find(el, test);
    const titleEl = find(NEW_TITLE)[0];
    const href =
      attr(titleEl && index.find(titleEl, (n) => n.name === "a")[0], "href") ??
      attr(find(REVIEW_ANCHOR)[0], "href");
    const id = REVIEW_LINK.exec(href ?? "")?.[1];
    const ratingText =
      // `svg title`: the svg must be inside the card too (or be it).
      text(find((n) => n.name === "title").filter((n) => hasAncestorWithin(n, el, "svg"))[0]) ||
      attr(find(BUBBLES_LABEL)[0], "aria-label") ||
      "";
    const rating = Number(/([\d.]+) of 5 bubbles/.exec(ratingText)?.[1]);
    const written = find((n) => n.name === "div" || n.name === "span")
      .map((n) => ownText($, n).trim())
      .find((t) => /^Written /.test(t));
    const dateText = written?.replace(/^Written\s+/, "");
    const when = dateText ? parseHumanDate(dateText, now) : null;
    if (!id || !(rating >= 1 && rating <= 5) || !when) {
      warnings.push(
        `Tripadvisor review ${id ?? "(no id)"} skipped: ${!id ? "the id" : !(rating >= 1 && rating <= 5) ? "the bubble rating" : "the date"} not found`,
      );
      continue;
    }
    const profile = find(PROFILE_LINK).filter((n) => text(n).trim() !== "")[0];
    const body = text(find(NEW_BODY)[0]).trim() || text(find(NEW_QUOTE)[0]).trim();
    reviews.push({
      externalId: id,
      author: { name: text(profile).trim() || null, url: absolute(attr(profile, "href"), pageUrl) },
      rating,
      recommendation: null,
      title: text(titleEl).trim() || null,
      text: body || null,
      textLanguage: null,
      originalText: null,
      language: null,
      publishedAt: when.iso,
      publishedPrecision: when.precision,
      publishedRaw: written ?? null,
      siteUpdatedAt: null,
      url: absolute(href, pageUrl),
      ownerReply: null,
      excerpt: false,
      raw: { id, html: $(el).html()?.slice(0, 20_000) ?? null },
    });
  }
  // JSON-LD carries only the aggregate: its ratingValue is a string.
  let rating: number | null = null;
  for (const el of index.all(JSON_LD)) {
    try {
      const data = JSON.parse($.text([el])) as { aggregateRating?: { ratingValue?: unknown } };
      const v = Number(data.aggregateRating?.ratingValue);
      if (Number.isFinite(v) && v > 0) rating = v;
    } catch {
      // a broken block only loses the summary rating
    }
  }
  const count = parseCount(
    $.text(index.all((el) => el.name === "body")).match(/([\d.,]+)\s+reviews\b/i)?.[1] ?? null,
  );
  const cards = oldCards.length + newCards.length;
  if (cards > 0 && reviews.length === 0) {
    throw new SourceError(
      "layout-changed",
      `Tripadvisor page: ${cards} review cards found but none could be read (${warnings[0]}): the page layout changed`,
      { step },
    );
  }
  if (cards === 0 && (count ?? 0) > 0) {
    throw new SourceError(
      "layout-changed",
      `Tripadvisor page shows ${count} reviews but no review cards were found (${step}): the page layout changed`,
      { step },
    );
  }
  return {
    reviews,
    warnings,
    summary: { rating, count },
    hasNext: index.all(NEXT).some((n) => !DISABLED(n)),
  };
}
