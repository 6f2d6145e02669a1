// Testimonials: the reviewer's own words, verbatim, from positive reviews only (reply-guidelines.md).
import type { StoredReview } from "../domain/review.js";
import { ownWords } from "../domain/review.js";
import { testimonialAuthor } from "./author.js";

export interface TestimonialFilter {
  minRating: number;
  since?: string;
  site?: string;
  lang?: string;
  minLength?: number;
  permission: "granted" | "any";
}

export interface Testimonial {
  id: number;
  author: string | null;
  text: string;
  rating: number | null;
  recommendation: "positive" | "negative" | null;
  site: string;
  date: string | null;
  url: string | null;
  language: string | null;
  permission: string;
}

export const TESTIMONIAL_COLUMNS = [
  "id",
  "author",
  "text",
  "rating",
  "site",
  "date",
  "url",
  "language",
  "permission",
];

/** A testimonial's CSV record: its cells in TESTIMONIAL_COLUMNS order (csv-stringify reads an array
 * faster than it looks keys up in an object). */
export function testimonialCells(t: Testimonial): unknown[] {
  return [t.id, t.author, t.text, t.rating, t.site, t.date, t.url, t.language, t.permission];
}

/** The fields of a review a testimonial reads, its own words already chosen (ownWords). */
export interface TestimonialSource {
  id: number;
  authorName: string | null;
  words: string | null;
  rating: number | null;
  recommendation: string | null;
  site: string;
  publishedAt: string | null;
  url: string | null;
  language: string | null;
  permission: string;
  excerpt: boolean;
  removedAt: string | null;
}

export function testimonialSource(r: StoredReview): TestimonialSource {
  return {
    id: r.id,
    authorName: r.author.name,
    words: ownWords(r),
    rating: r.rating,
    recommendation: r.recommendation,
    site: r.site,
    publishedAt: r.publishedAt,
    url: r.url,
    language: r.language,
    permission: r.permission,
    excerpt: r.excerpt,
    removedAt: r.removedAt,
  };
}

/** Is this review usable as a testimonial at all? (Never an excerpt, never removed, never negative.) */
export function eligible(r: StoredReview, f: TestimonialFilter): boolean {
  return eligibleSource(testimonialSource(r), f);
}

/** `eligible` on the fields it reads. */
export function eligibleSource(r: TestimonialSource, f: TestimonialFilter): boolean {
  if (r.removedAt || r.excerpt) return false;
  const words = r.words;
  if (!words || !words.trim()) return false;
  const positive = r.rating != null ? r.rating >= f.minRating : r.recommendation === "positive";
  if (!positive) return false;
  if (f.permission === "granted" && r.permission !== "granted") return false;
  if (f.minLength && Array.from(words.trim()).length < f.minLength) return false;
  if (f.lang && (r.language ?? "").toLowerCase().split("-")[0] !== f.lang.toLowerCase()) return false;
  return true;
}

export function toTestimonial(r: StoredReview): Testimonial {
  return testimonialOf(testimonialSource(r));
}

/**
 * testimonialAuthor, remembered: it reads nothing but its two arguments, so the same reviewer name in
 * the same language gives the same answer, and working it out (NFC, splits, regular expressions)
 * cost a tenth of a testimonial export. At most 10,000 names are kept.
 */
const authors = new Map<string, string | null>();

function authorOf(name: string | null, language: string | null): string | null {
  if (!name || typeof name !== "string" || (language !== null && typeof language !== "string"))
    return testimonialAuthor(name, language);
  // The language's length first: no two (language, name) pairs share a key.
  const key = language == null ? `-${name}` : `${language.length}:${language}${name}`;
  let author = authors.get(key);
  if (author === undefined) {
    if (authors.size >= 10_000) authors.clear();
    author = testimonialAuthor(name, language);
    authors.set(key, author);
  }
  return author;
}

/** `toTestimonial` of the fields it reads. */
export function testimonialOf(r: TestimonialSource): Testimonial {
  return {
    id: r.id,
    author: authorOf(r.authorName, r.language),
    // Verbatim: the original words, never the site's translation, never trimmed or "fixed".
    text: r.words ?? "",
    rating: r.rating,
    recommendation: r.recommendation as Testimonial["recommendation"],
    site: r.site,
    date: r.publishedAt ? r.publishedAt.slice(0, 10) : null,
    url: r.url,
    language: r.language,
    permission: r.permission,
  };
}
