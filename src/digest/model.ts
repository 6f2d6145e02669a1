// The digest as data: what happened in a window, read from the store with a few SQL statements.
// Renderers (text, markdown, html) turn it into words; nothing here formats or escapes.
import type { Config, SourceBase } from "../config/schema.js";
import type { Store } from "../store/store.js";
import type { SourceRunResult } from "../store/store.js";
import {
  isNegative,
  ownWords,
  siteName,
  type Site,
  type StoredReview,
  type WorkflowStatus,
} from "../domain/review.js";
import { adapterFor } from "../adapters/registry.js";
import { makeDraft } from "../replies/draft.js";
import type { TemplateSet } from "../replies/templates.js";
import { deadlineParams, dueOf } from "../workflow/deadlines.js";
import { computeThemes } from "../insights/themes.js";
import { findSuspicious } from "../insights/suspicious.js";
import {
  periodStats,
  overdueCount,
  overdueReviews,
  sourceStates,
  emptyListing,
  windowCounts,
  windowReviews,
  type ListingStatsRow,
  type TrendRow,
  type WindowParams,
} from "./queries.js";

export type DigestLanguage = "en" | "vi";

/** Enough of a check's report to say what that check found (`reviews check --email`). */
export interface DigestCheckReport {
  runId: number;
  sources: SourceRunResult[];
  newReviews: Pick<StoredReview, "id">[];
  updated: Pick<StoredReview, "id">[];
  removedIds: number[];
  interrupted: boolean;
}

export interface DigestOptions {
  /** Start of the window, ISO 8601 UTC. */
  since: string;
  now: Date;
  checkReport?: DigestCheckReport;
  /** Reply templates (built-in ones when not given). */
  templates?: TemplateSet;
  /** The run failed before it could check anything: the digest says so and why. */
  failure?: string;
  /** Weeks in the trend charts (default 8). */
  weeks?: number;
  /** Longest lists (default 25 negatives, 30 others, 20 overdue/edited/removed). */
  limits?: Partial<Record<"negative" | "other" | "overdue" | "edited" | "removed", number>>;
}

/** Untrusted values stay raw here: every renderer escapes them for its own output. */
export interface DigestReview {
  id: number;
  site: Site;
  source: string;
  sourceLabel: string;
  rating: number | null;
  recommendation: "positive" | "negative" | null;
  negative: boolean;
  author: string | null;
  title: string | null;
  /** The reviewer's own words (original language). */
  text: string | null;
  /** The site's translation, when it showed one. */
  translation: string | null;
  language: string | null;
  publishedAt: string | null;
  publishedRaw: string | null;
  firstSeenAt: string;
  removedAt: string | null;
  /** As stored: renderers link it only through safeUrl. */
  url: string | null;
  status: WorkflowStatus;
  excerpt: boolean;
}

export interface DraftFinding {
  code: string;
  message: string;
}

export interface DigestDraft {
  language: string;
  template: string;
  text: string;
  /** What the draft checker found. */
  findings: DraftFinding[];
}

export interface NegativeItem {
  review: DigestReview;
  draft: DigestDraft | null;
  dueAt: string;
}

export interface OverdueItem {
  review: DigestReview;
  dueAt: string;
  hoursOverdue: number;
}

export interface TrendPoint {
  /** Start of the week (ISO); the last point is the 7 days before the digest. */
  weekStart: string;
  count: number;
  average: number | null;
}

export interface ListingStats {
  /** A source id, or "*" for all of them. */
  key: string;
  site: Site | null;
  label: string;
  /** What the site reports for the whole listing, when it does. */
  reported: { rating: number | null; count: number | null } | null;
  stored: { count: number; average: number | null };
  newInWindow: number;
  /** Over the trend period: share of reviews with a reply, null when there were none. */
  responseRate: number | null;
  medianHoursToReply: number | null;
  /** Share of the period's reviews answered within replyWithinHours. */
  inTimeRate: number | null;
  trend: TrendPoint[];
}

export type HealthStatus = "ok" | "baseline" | "failed" | "never";

export interface SourceHealth {
  id: string;
  site: Site;
  label: string;
  status: HealthStatus;
  lastRunAt: string | null;
  errorKind: string | null;
  /** The source's own one-line error, which names the fix. */
  message: string | null;
  layoutChanged: boolean;
  warnings: string[];
  /** Most reviews the method can ever see, or null for all. */
  cap: number | null;
  method: string | null;
}

export interface DigestTheme {
  label: string;
  count: number;
  negative: number;
  exampleIds: number[];
}

export interface DigestModel {
  business: { name: string; timezone: string };
  language: DigestLanguage;
  window: { since: string; until: string };
  generatedAt: string;
  deadlines: { negativeHours: number; otherHours: number };
  counts: {
    new: number;
    negative: number;
    edited: number;
    removed: number;
    overdue: number;
    failedSources: number;
  };
  negatives: NegativeItem[];
  overdue: OverdueItem[];
  others: DigestReview[];
  edited: DigestReview[];
  removed: DigestReview[];
  /** One per source with stored reviews; `total` is every source together. */
  listings: ListingStats[];
  total: ListingStats;
  trendWeeks: number;
  health: SourceHealth[];
  /** Top complaint themes of the last 30 days' negatives; null: none. */
  themes: DigestTheme[] | null;
  /** Recent reviews that look fake or abusive (reviews suspicious), by kind; null: none. */
  suspicious: { reviews: number; kinds: Record<string, number>; exampleIds: number[] } | null;
  /** The run failed as a whole (no check happened). */
  failure: string | null;
  interrupted: boolean;
  runId: number | null;
}

export function digestLanguage(config: Config): DigestLanguage {
  const tag = (config.business.language ?? "en").toLowerCase().slice(0, 2);
  return tag === "vi" ? "vi" : "en";
}

export { siteName };

function labelOf(id: string, site: string, sources: Map<string, SourceBase>): string {
  const label = sources.get(id)?.label;
  if (label) return label;
  const name = siteName(site);
  return id.toLowerCase() === site.toLowerCase() ? name : `${name} (${id})`;
}

function toDigestReview(r: StoredReview, config: Config, sources: Map<string, SourceBase>): DigestReview {
  return {
    id: r.id,
    site: r.site,
    source: r.source,
    sourceLabel: labelOf(r.source, r.site, sources),
    rating: r.rating,
    recommendation: r.recommendation,
    negative: isNegative(r, config.negative.maxRating),
    author: r.author.name,
    title: r.title,
    text: ownWords(r),
    translation: r.originalText != null && r.text != null && r.text !== r.originalText ? r.text : null,
    language: r.language,
    publishedAt: r.publishedAt,
    publishedRaw: r.publishedRaw,
    firstSeenAt: r.firstSeenAt,
    removedAt: r.removedAt,
    url: r.url,
    status: r.status,
    excerpt: r.excerpt,
  };
}

function round(value: number | null, digits: number): number | null {
  if (value == null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function healthOf(
  id: string,
  site: string,
  sources: Map<string, SourceBase>,
  state: {
    status: string | null;
    lastRunAt: string | null;
    errorKind: string | null;
    message: string | null;
    warnings: string[];
  },
): SourceHealth {
  const source = sources.get(id);
  const adapter = source ? adapterFor(source) : undefined;
  const status: HealthStatus =
    state.status === "failed"
      ? "failed"
      : state.status === "baseline"
        ? "baseline"
        : state.status === "ok"
          ? "ok"
          : "never";
  const layoutChanged =
    state.errorKind === "layout-changed" || state.warnings.some((w) => /layout (has )?changed/i.test(w));
  return {
    id,
    site: site as Site,
    label: labelOf(id, site, sources),
    status,
    lastRunAt: state.lastRunAt,
    errorKind: status === "failed" ? state.errorKind : null,
    message: status === "failed" ? state.message : null,
    layoutChanged,
    warnings: [...new Set(state.warnings)].slice(0, 3),
    cap: adapter?.capabilities.cap ?? null,
    method: adapter?.method ?? null,
  };
}

function parseWarnings(json: string | null): string[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function buildDigest(store: Store, config: Config, options: DigestOptions): DigestModel {
  const db = store.db;
  const now = options.now;
  const until = now.toISOString();
  const weeks = options.weeks ?? 8;
  const limits = { negative: 25, other: 30, overdue: 20, edited: 20, removed: 20, ...options.limits };
  const sources = new Map(config.sources.map((s) => [s.id, s]));
  const report = options.checkReport;
  const negMax = config.negative.maxRating;

  const win: WindowParams = {
    since: options.since,
    until,
    negMax,
    newIds: report?.newReviews.map((r) => r.id) ?? [],
    updatedIds: report?.updated.map((r) => r.id) ?? [],
    removedIds: report?.removedIds ?? [],
  };
  const counts = windowCounts(db, win);
  const toModel = (r: StoredReview) => toDigestReview(r, config, sources);

  const negatives: NegativeItem[] = windowReviews(db, win, "negative", limits.negative).map((r) => {
    const { draft: d } = makeDraft(r, config, { templates: options.templates });
    return {
      review: toModel(r),
      draft: d ? { language: d.language, template: d.template, text: d.text, findings: d.findings } : null,
      dueAt: dueOf(r, config, now).dueAt,
    };
  });

  const deadlines = deadlineParams(config, now);
  const overdue: OverdueItem[] = overdueReviews(db, deadlines, limits.overdue).map((r) => {
    const due = dueOf(r, config, now);
    return { review: toModel(r), dueAt: due.dueAt, hoursOverdue: Math.max(0, -due.hoursLeft) };
  });

  // Statistics and trends
  const trendFrom = new Date(now.getTime() - weeks * 7 * 86400_000).toISOString();
  const { listings: statRows, trend: trendRows } = periodStats(db, {
    since: options.since,
    until,
    negMax,
    trendFrom,
    negHours: deadlines.negHours,
    otherHours: deadlines.otherHours,
  });
  const trendOf = (key: string): TrendPoint[] => {
    const points: TrendPoint[] = [];
    for (let ago = weeks - 1; ago >= 0; ago--) {
      const row: TrendRow | undefined = trendRows.find((t) => t.key === key && t.weeksAgo === ago);
      points.push({
        weekStart: new Date(now.getTime() - (ago + 1) * 7 * 86400_000).toISOString(),
        count: row?.count ?? 0,
        average: round(row?.average ?? null, 2),
      });
    }
    return points;
  };
  const toStats = (row: ListingStatsRow): ListingStats => ({
    key: row.key,
    site: (row.site as Site | null) ?? null,
    label: row.key === "*" ? config.business.name : labelOf(row.key, row.site ?? "", sources),
    reported:
      row.reportedRating != null || row.reportedCount != null
        ? { rating: round(row.reportedRating, 2), count: row.reportedCount }
        : null,
    stored: { count: row.count, average: round(row.average, 2) },
    newInWindow: row.newInWindow,
    responseRate: row.recent ? row.recentReplied / row.recent : null,
    medianHoursToReply: round(row.medianHoursToReply, 1),
    inTimeRate: row.due ? row.inTime / row.due : null,
    trend: trendOf(row.key),
  });
  const allStats = statRows.map(toStats);
  const total = allStats.find((s) => s.key === "*") ?? toStats(emptyListing("*", null));
  const listings = allStats.filter((s) => s.key !== "*" && s.stored.count > 0);

  // Source health: this check's results when there is one, else each source's latest state.
  const states = sourceStates(db);
  const health: SourceHealth[] = [];
  const seen = new Set<string>();
  if (report) {
    for (const s of report.sources) {
      seen.add(s.sourceId);
      health.push(
        healthOf(s.sourceId, s.site, sources, {
          status: s.status,
          lastRunAt: s.finishedAt,
          errorKind: s.errorKind,
          message: s.errorMessage,
          warnings: s.warnings,
        }),
      );
    }
  } else {
    for (const s of states) {
      if (sources.size && !sources.has(s.id)) continue; // a source since removed from the config
      seen.add(s.id);
      health.push(
        healthOf(s.id, s.site, sources, {
          status: s.last_status,
          lastRunAt: s.last_run_at,
          errorKind: s.last_error_kind,
          message: s.last_error_message,
          warnings: parseWarnings(s.warnings),
        }),
      );
    }
    for (const s of config.sources) {
      if (!s.enabled || seen.has(s.id)) continue;
      health.push(
        healthOf(s.id, s.site, sources, {
          status: null,
          lastRunAt: null,
          errorKind: null,
          message: null,
          warnings: [],
        }),
      );
    }
  }

  return {
    business: { name: config.business.name, timezone: config.business.timezone },
    language: digestLanguage(config),
    window: { since: options.since, until },
    generatedAt: until,
    deadlines: { negativeHours: deadlines.negHours, otherHours: deadlines.otherHours },
    counts: {
      ...counts,
      overdue: overdueCount(db, deadlines),
      failedSources: health.filter((h) => h.status === "failed").length,
    },
    negatives,
    overdue,
    others: windowReviews(db, win, "other", limits.other).map(toModel),
    edited: windowReviews(db, win, "edited", limits.edited).map(toModel),
    removed: windowReviews(db, win, "removed", limits.removed).map(toModel),
    listings,
    total,
    trendWeeks: weeks,
    health,
    themes: digestThemes(store, config, now),
    suspicious: digestSuspicious(store, config, now, options.since),
    failure: options.failure ?? null,
    interrupted: report?.interrupted ?? false,
    runId: report?.runId ?? null,
  };
}

/**
 * Nothing happened: no new, edited or removed review, no failed source, no failure. Overdue replies
 * alone do not make a digest (they were in the last one), so `--skip-empty` stays quiet.
 */
export function isEmpty(model: DigestModel): boolean {
  const c = model.counts;
  return (
    c.new === 0 &&
    c.edited === 0 &&
    c.removed === 0 &&
    c.failedSources === 0 &&
    model.failure == null &&
    !model.interrupted
  );
}

/** A digest that only says the run failed (no database needed): for `check --email` when it breaks. */
export function failureDigest(config: Config, failure: string, now: Date, since?: string): DigestModel {
  const until = now.toISOString();
  const empty: ListingStats = {
    key: "*",
    site: null,
    label: config.business.name,
    reported: null,
    stored: { count: 0, average: null },
    newInWindow: 0,
    responseRate: null,
    medianHoursToReply: null,
    inTimeRate: null,
    trend: [],
  };
  return {
    business: { name: config.business.name, timezone: config.business.timezone },
    language: digestLanguage(config),
    window: { since: since ?? until, until },
    generatedAt: until,
    deadlines: { negativeHours: config.replyWithinHours.negative, otherHours: config.replyWithinHours.other },
    counts: { new: 0, negative: 0, edited: 0, removed: 0, overdue: 0, failedSources: 0 },
    negatives: [],
    overdue: [],
    others: [],
    edited: [],
    removed: [],
    listings: [],
    total: empty,
    trendWeeks: 0,
    health: [],
    themes: null,
    suspicious: null,
    failure,
    interrupted: false,
    runId: null,
  };
}

/**
 * Top complaint themes of the last 30 days (negative reviews): the topics most complained about,
 * each labelled with its pattern when one stands out ("'food' in 5 negative reviews, 4 of them
 * about Saturday evenings"). `reviews themes` has the whole picture.
 */
function digestThemes(store: Store, config: Config, now: Date): DigestTheme[] | null {
  const since = new Date(now.getTime() - 30 * 86400_000).toISOString();
  const t = computeThemes(store.db, config, { since, negativeOnly: true, now, phrases: false });
  const top = t.topics.filter((x) => x.negative > 0).slice(0, 5);
  if (top.length === 0) return null;
  return top.map((x) => ({
    label: t.patterns.find((p) => p.topic === x.topic)?.sentence ?? `'${x.topic}'`,
    count: x.reviews,
    negative: x.negative,
    exampleIds: x.examples,
  }));
}

/**
 * Reviews of the digest's window (at most the last 30 days) that `reviews suspicious` would flag,
 * counted by kind. Only the window is read, so a daily digest stays quick on a large database;
 * `reviews suspicious` compares against the whole history.
 */
function digestSuspicious(store: Store, config: Config, now: Date, from: string): DigestModel["suspicious"] {
  const monthAgo = new Date(now.getTime() - 30 * 86400_000).toISOString();
  const since = from > monthAgo ? from : monthAgo;
  const { findings } = findSuspicious(store.db, config, { now, since });
  if (findings.length === 0) return null;
  const ids = new Set<number>();
  const kinds: Record<string, number> = {};
  for (const f of findings) {
    kinds[f.kind] = (kinds[f.kind] ?? 0) + f.reviewIds.length;
    for (const id of f.reviewIds) ids.add(id);
  }
  return { reviews: ids.size, kinds, exampleIds: [...ids].slice(0, 5) };
}
