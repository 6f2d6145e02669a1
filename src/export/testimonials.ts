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

/** Is this review usable as a testimonial at all? (Never an excerpt, never removed, never negative.) */
export function eligible(r: StoredReview, f: TestimonialFilter): boolean {
  if (r.removedAt || r.excerpt) return false;
  const words = ownWords(r);
  if (!words || !words.trim()) return false;
  const positive = r.rating != null ? r.rating >= f.minRating : r.recommendation === "positive";
  if (!positive) return false;
  if (f.permission === "granted" && r.permission !== "granted") return false;
  if (f.minLength && Array.from(words.trim()).length < f.minLength) return false;
  if (f.lang && (r.language ?? "").toLowerCase().split("-")[0] !== f.lang.toLowerCase()) return false;
  return true;
}

export function toTestimonial(r: StoredReview): Testimonial {
  return {
    id: r.id,
    author: testimonialAuthor(r.author.name, r.language),
    // Verbatim: the original words, never the site's translation, never trimmed or "fixed".
    text: ownWords(r) ?? "",
    rating: r.rating,
    recommendation: r.recommendation,
    site: r.site,
    date: r.publishedAt ? r.publishedAt.slice(0, 10) : null,
    url: r.url,
    language: r.language,
    permission: r.permission,
  };
}
