// Reviews as people and programs see them. Every untrusted field passes through cleanText/cleanLine.
import type { ChalkInstance } from "chalk";
import type { StoredReview, Revision } from "../domain/review.js";
import { isNegative, ownWords } from "../domain/review.js";
import { formatLocal } from "../domain/dates.js";
import { cleanLine, cleanText, safeUrl, truncate } from "../util/sanitize.js";

/** The `list --json` contract (README "Output contract"). Strings are raw: JSON escaping makes them inert. */
export function reviewJson(r: StoredReview, maxRating: number) {
  return {
    id: r.id,
    source: r.source,
    site: r.site,
    externalId: r.externalId,
    author: { name: r.author.name, url: r.author.url },
    rating: r.rating,
    recommendation: r.recommendation,
    title: r.title,
    text: r.text,
    originalText: r.originalText,
    language: r.language,
    textLanguage: r.textLanguage,
    publishedAt: r.publishedAt,
    publishedPrecision: r.publishedPrecision,
    url: r.url,
    ownerReply: r.ownerReply,
    excerpt: r.excerpt,
    negative: isNegative(r, maxRating),
    status: r.status,
    assignee: r.assignee,
    repliedAt: r.repliedAt,
    permission: r.permission,
    firstSeenAt: r.firstSeenAt,
    lastSeenAt: r.lastSeenAt,
    removedAt: r.removedAt,
  };
}

export function revisionJson(v: Revision) {
  return { ...v };
}

/** "★★★★☆" on a terminal, "4/5" otherwise; recommendations in words. */
export function ratingText(r: Pick<StoredReview, "rating" | "recommendation">, fancy: boolean): string {
  if (r.rating == null) {
    if (r.recommendation === "positive") return "recommends";
    if (r.recommendation === "negative") return "not recommended";
    return "-";
  }
  const n = Math.round(r.rating * 2) / 2;
  const label = Number.isInteger(n) ? `${n}/5` : `${n.toFixed(1)}/5`;
  if (!fancy) return label;
  const full = Math.floor(n);
  const half = n - full >= 0.5;
  return "★".repeat(full) + (half ? "½" : "") + "☆".repeat(5 - full - (half ? 1 : 0));
}

export function authorText(r: StoredReview): string {
  return cleanLine(r.author.name) || "(anonymous)";
}

export function whenText(r: StoredReview, tz: string): string {
  if (r.publishedAt) return formatLocal(r.publishedAt, tz, r.publishedPrecision === "instant");
  return cleanLine(r.publishedRaw) || formatLocal(r.firstSeenAt, tz, false);
}

/** One review in full, for `show` and for negatives in `check`. */
export function reviewBlock(
  r: StoredReview,
  opts: {
    color: ChalkInstance;
    tz: string;
    maxRating: number;
    fancy: boolean;
    full?: boolean;
    revisions?: Revision[];
  },
): string {
  const c = opts.color;
  const neg = isNegative(r, opts.maxRating);
  const stars = ratingText(r, opts.fancy);
  const head = [
    c.bold(`#${r.id}`),
    neg ? c.red(stars) : c.green(stars),
    `${r.site} · ${cleanLine(r.source)}`,
    authorText(r),
    whenText(r, opts.tz),
  ].join("  ");
  const lines = [head];
  if (r.removedAt)
    lines.push(c.yellow(`  removed from the site (noticed ${formatLocal(r.removedAt, opts.tz)})`));
  if (r.title) lines.push(`  ${c.bold(cleanLine(r.title))}`);
  const words = ownWords(r);
  if (words) lines.push(indent(cleanText(opts.full ? words : truncate(words, 600)), "  "));
  else lines.push(c.dim("  (rating only, no text)"));
  if (r.excerpt) lines.push(c.dim("  (an excerpt: the site shows only the start of this review)"));
  if (opts.full && r.originalText && r.text && r.text !== r.originalText) {
    lines.push(c.dim(`  Translation${r.textLanguage ? ` (${cleanLine(r.textLanguage)})` : ""}:`));
    lines.push(indent(cleanText(r.text), "    "));
  }
  if (opts.full) {
    const url = safeUrl(r.url);
    if (url) lines.push(`  Link: ${url}`);
    const author = safeUrl(r.author.url);
    if (author) lines.push(`  Reviewer: ${author}`);
    lines.push(
      c.dim(
        `  Status: ${r.status}${r.assignee ? ` (assigned to ${cleanLine(r.assignee)})` : ""} · first seen ${formatLocal(r.firstSeenAt, opts.tz)}` +
          (r.language ? ` · language ${cleanLine(r.language)}` : ""),
      ),
    );
    if (r.note) lines.push(c.dim(`  Note: ${cleanLine(r.note)}`));
  }
  if (r.ownerReply) {
    const when = r.ownerReply.publishedAt ? ` (${formatLocal(r.ownerReply.publishedAt, opts.tz)})` : "";
    lines.push(c.cyan(`  Owner's reply${when}:`));
    lines.push(indent(cleanText(opts.full ? r.ownerReply.text : truncate(r.ownerReply.text, 300)), "    "));
  }
  if (opts.revisions?.length) {
    lines.push(c.dim(`  Earlier versions (${opts.revisions.length}):`));
    for (const v of opts.revisions) {
      lines.push(c.dim(`    until ${formatLocal(v.recordedAt, opts.tz)}: ${ratingText(v, opts.fancy)}`));
      const w = v.originalText ?? v.text;
      if (w) lines.push(indent(cleanText(truncate(w, 300)), "      "));
    }
  }
  return lines.join("\n");
}

export function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => (l ? prefix + l : l))
    .join("\n");
}
