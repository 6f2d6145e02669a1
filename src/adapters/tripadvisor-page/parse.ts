// Pure: a Tripadvisor review page (older `data-reviewid` cards or newer HR_CC_CARD cards) → reviews.
import * as cheerio from "cheerio";
import { SourceError } from "../../errors.js";
import { parseHumanDate } from "../../domain/dates.js";
import type { ParsedReview } from "../../domain/review.js";
import type { SourcePage } from "../types.js";
import { guardDeepPage, parseCount } from "../../extract/page.js";

export interface TripadvisorPage extends SourcePage {
  hasNext: boolean;
}

const REVIEW_LINK = /ShowUserReviews-[^"'\s]*?-r(\d+)-/;

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
  const warnings: string[] = [];
  const reviews: ParsedReview[] = [];
  const oldCards = $("[data-reviewid]").toArray();
  const newCards = $('[data-test-target="HR_CC_CARD"]').toArray();
  const step = oldCards.length
    ? "review cards ([data-reviewid])"
    : 'review cards ([data-test-target="HR_CC_CARD"])';
  for (const el of oldCards) {
    const card = $(el);
    const id = card.attr("data-reviewid");
    const response = card.find(".mgrRspnInline");
    const own = (sel: string) => card.find(sel).filter((_, n) => $(n).closest(".mgrRspnInline").length === 0);
    const bubble = /bubble_(\d{2})/.exec(own(".ui_bubble_rating").first().attr("class") ?? "")?.[1];
    const rating = bubble ? Number(bubble) / 10 : NaN;
    const dateText =
      own(".ratingDate").first().attr("title") ??
      own(".ratingDate")
        .first()
        .text()
        .replace(/^Reviewed\s+/i, "")
        .trim();
    const when = dateText ? parseHumanDate(dateText, now) : null;
    if (!id || !(rating >= 1 && rating <= 5) || !when) {
      warnings.push(
        `Tripadvisor review ${id ?? "(no id)"} skipped: ${!id ? "the id" : !(rating >= 1 && rating <= 5) ? "the bubble rating" : "the date"} not found`,
      );
      continue;
    }
    const titleLink = own(`a[href*="ShowUserReviews"]`).first();
    const profile = own('a[href^="/Profile/"]')
      .filter((_, n) => $(n).text().trim() !== "")
      .first();
    const rText = response.find("p.partial_entry").first().text().trim();
    const rDate = response.find(".responseDate").first().attr("title");
    reviews.push({
      externalId: id,
      author: { name: profile.text().trim() || null, url: absolute(profile.attr("href"), pageUrl) },
      rating,
      recommendation: null,
      title: own(".noQuotes").first().text().trim() || null,
      text: own("p.partial_entry").first().text().trim() || null,
      textLanguage: null,
      originalText: null,
      language: null,
      publishedAt: when.iso,
      publishedPrecision: when.precision,
      publishedRaw: dateText,
      siteUpdatedAt: null,
      url: absolute(titleLink.attr("href"), pageUrl),
      ownerReply: rText
        ? { text: rText, publishedAt: rDate ? (parseHumanDate(rDate, now)?.iso ?? null) : null }
        : null,
      excerpt: false,
      raw: { id, html: card.html()?.slice(0, 20_000) ?? null },
    });
  }
  for (const el of newCards) {
    const card = $(el);
    const titleEl = card.find('[data-test-target="review-title"]').first();
    const href =
      titleEl.find("a").attr("href") ?? card.find('a[href*="ShowUserReviews"]').first().attr("href");
    const id = REVIEW_LINK.exec(href ?? "")?.[1];
    const ratingText =
      card.find("svg title").first().text() ||
      card.find('[aria-label*="of 5 bubbles"]').first().attr("aria-label") ||
      "";
    const rating = Number(/([\d.]+) of 5 bubbles/.exec(ratingText)?.[1]);
    const written = card
      .find("div, span")
      .toArray()
      .map((n) => $(n).clone().children().remove().end().text().trim())
      .find((t) => /^Written /.test(t));
    const dateText = written?.replace(/^Written\s+/, "");
    const when = dateText ? parseHumanDate(dateText, now) : null;
    if (!id || !(rating >= 1 && rating <= 5) || !when) {
      warnings.push(
        `Tripadvisor review ${id ?? "(no id)"} skipped: ${!id ? "the id" : !(rating >= 1 && rating <= 5) ? "the bubble rating" : "the date"} not found`,
      );
      continue;
    }
    const profile = card
      .find('a[href^="/Profile/"]')
      .filter((_, n) => $(n).text().trim() !== "")
      .first();
    const body =
      card.find('[data-test-target="review-body"]').first().text().trim() ||
      card.find("q, .yCeTE").first().text().trim();
    reviews.push({
      externalId: id,
      author: { name: profile.text().trim() || null, url: absolute(profile.attr("href"), pageUrl) },
      rating,
      recommendation: null,
      title: titleEl.text().trim() || null,
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
      raw: { id, html: card.html()?.slice(0, 20_000) ?? null },
    });
  }
  // JSON-LD carries only the aggregate: its ratingValue is a string.
  let rating: number | null = null;
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      const data = JSON.parse($(el).text()) as { aggregateRating?: { ratingValue?: unknown } };
      const v = Number(data.aggregateRating?.ratingValue);
      if (Number.isFinite(v) && v > 0) rating = v;
    } catch {
      // a broken block only loses the summary rating
    }
  });
  const count = parseCount(
    $("body")
      .text()
      .match(/([\d.,]+)\s+reviews\b/i)?.[1] ?? null,
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
    hasNext:
      $('a.nav.next, a[aria-label="Next page"]').filter((_, n) => !$(n).hasClass("disabled")).length > 0,
  };
}
