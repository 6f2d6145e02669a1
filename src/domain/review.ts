// The one shape every adapter produces, whatever the site.

export const SITES = ["google", "yelp", "facebook", "tripadvisor", "zomato", "jsonld"] as const;
export type Site = (typeof SITES)[number];

/** Sites as people name them. */
export const SITE_NAMES: Record<Site, string> = {
  google: "Google",
  yelp: "Yelp",
  facebook: "Facebook",
  tripadvisor: "Tripadvisor",
  zomato: "Zomato",
  jsonld: "Website",
};

export function siteName(site: string): string {
  return SITE_NAMES[site as Site] ?? site;
}

export type Precision = "instant" | "day" | "month" | "year" | "approximate";

export interface OwnerReply {
  text: string;
  publishedAt: string | null;
}

/** A review as parsed from a site: no local state (ids, workflow, seen times) yet. */
export interface ParsedReview {
  /** The site's own stable id (or one derived from stable fields when the site gives none). */
  externalId: string;
  author: { name: string | null; url: string | null };
  /** 1–5, halves allowed; null when the site has no stars (Facebook recommendations). */
  rating: number | null;
  recommendation: "positive" | "negative" | null;
  title: string | null;
  /** The text as the site shows it (possibly a translation). */
  text: string | null;
  /** Language of `text` (BCP 47), when known. */
  textLanguage: string | null;
  /** The reviewer's own words when `text` is a translation; otherwise null. */
  originalText: string | null;
  /** The reviewer's language (of `originalText` when translated, else of `text`). */
  language: string | null;
  /** ISO 8601 UTC. */
  publishedAt: string | null;
  publishedPrecision: Precision | null;
  /** The time as the site wrote it ("6 months ago", "Nov 12, 2026"). */
  publishedRaw: string | null;
  /** The site's own update/edit time, ISO 8601 UTC. */
  siteUpdatedAt: string | null;
  url: string | null;
  ownerReply: OwnerReply | null;
  /** The site only gave a truncated excerpt (Yelp Fusion): never a testimonial. */
  excerpt: boolean;
  /** The site item as received (secrets never appear in it: they travel in headers/URLs). */
  raw: unknown;
}

export type WorkflowStatus = "open" | "replied" | "ignored" | "escalated";
export const WORKFLOW_STATUSES: readonly WorkflowStatus[] = ["open", "replied", "ignored", "escalated"];

export type Permission = "unknown" | "requested" | "granted" | "denied";

/** A stored review. */
export interface StoredReview extends Omit<ParsedReview, "raw"> {
  id: number;
  source: string;
  site: Site;
  firstSeenAt: string;
  lastSeenAt: string;
  removedAt: string | null;
  /** Recorded in the source's first run (existing reviews, not news). */
  baseline: boolean;
  status: WorkflowStatus;
  assignee: string | null;
  note: string | null;
  repliedAt: string | null;
  permission: Permission;
}

export interface Revision {
  recordedAt: string;
  rating: number | null;
  recommendation: "positive" | "negative" | null;
  title: string | null;
  text: string | null;
  originalText: string | null;
}

/** Negative by the configured threshold or by a negative recommendation. */
export function isNegative(
  r: { rating: number | null; recommendation: string | null },
  maxRating: number,
): boolean {
  if (r.rating != null) return r.rating <= maxRating;
  return r.recommendation === "negative";
}

/** The reviewer's own words: the original when the site translated, else the text. */
export function ownWords(r: { text: string | null; originalText: string | null }): string | null {
  return r.originalText ?? r.text;
}
