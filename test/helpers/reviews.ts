// Reviews for tests: every field filled with a neutral value, tests override what they care about.
import type { ParsedReview, StoredReview } from "../../src/domain/review.js";
import type { SourceRunResult } from "../../src/store/store.js";

export function parsedReview(externalId: string, over: Partial<ParsedReview> = {}): ParsedReview {
  return {
    externalId,
    author: { name: null, url: null },
    rating: 4,
    recommendation: null,
    title: null,
    text: null,
    textLanguage: null,
    originalText: null,
    language: null,
    publishedAt: "2026-11-20T00:00:00.000Z",
    publishedPrecision: "instant",
    publishedRaw: null,
    siteUpdatedAt: null,
    url: null,
    ownerReply: null,
    excerpt: false,
    raw: null,
    ...over,
  };
}

export function storedReview(over: Partial<StoredReview> = {}): StoredReview {
  const { raw: _raw, ...parsed } = parsedReview("x");
  return {
    ...parsed,
    id: 1,
    source: "g",
    site: "google",
    firstSeenAt: "2026-11-22T00:00:00.000Z",
    lastSeenAt: "2026-11-22T00:00:00.000Z",
    removedAt: null,
    baseline: false,
    status: "open",
    assignee: null,
    note: null,
    repliedAt: null,
    permission: "unknown",
    ...over,
  };
}

/** One source's result in a run: a quiet successful run unless the test says otherwise. */
export function runResult(
  over: Partial<SourceRunResult> & Pick<SourceRunResult, "sourceId" | "site">,
): SourceRunResult {
  return {
    startedAt: "2026-11-23T06:00:00.000Z",
    finishedAt: "2026-11-23T06:00:05.000Z",
    status: "ok",
    fetched: 0,
    new: 0,
    updated: 0,
    removed: 0,
    requests: 1,
    pages: 1,
    errorKind: null,
    errorMessage: null,
    warnings: [],
    ...over,
  };
}
