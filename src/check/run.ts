// `reviews check`: every selected source fetched concurrently (bounded), stored page by page.
// One source's failure is recorded and never stops the others.
import type { Config, SourceBase } from "../config/schema.js";
import { adapterFor } from "../adapters/registry.js";
import type { AdapterInfo, SourcePage } from "../adapters/types.js";
import { HttpClient } from "../http/client.js";
import { requireSecret } from "../config/secrets.js";
import { MissingSecretError, ReviewsError, SourceError, errorMessage } from "../errors.js";
import { isNegative, type StoredReview } from "../domain/review.js";
import type { Store, SourceRunResult } from "../store/store.js";
import { redact } from "../util/redact.js";
import { VERSION } from "../version.js";
import { deadlineParams, waitingCounts } from "../workflow/waiting.js";

export type ProgressEvent =
  | { type: "start"; source: string }
  | { type: "page"; source: string; pages: number; fetched: number }
  | { type: "done"; result: SourceRunResult };

export interface CheckOptions {
  config: Config;
  store: Store;
  /** Restrict to these source ids (validated by the caller). */
  only?: string[];
  /** Walk every page, ignoring the incremental stop. */
  full?: boolean;
  now?: () => Date;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  onProgress?: (e: ProgressEvent) => void;
}

export interface CheckReport {
  runId: number;
  sources: SourceRunResult[];
  /** New reviews (not baseline), newest first. */
  newReviews: StoredReview[];
  /** The new ones that are negative. */
  negative: StoredReview[];
  updated: StoredReview[];
  removedIds: number[];
  /** A source lacked a secret or had a config problem: exit 2 rather than 3. */
  configFailures: number;
  interrupted: boolean;
  requests: number;
  /** Reviews past their reply deadline after this run. */
  overdue: number;
}

export function selectSources(config: Config, only?: string[]): SourceBase[] {
  return config.sources.filter((s) => (only?.length ? only.includes(s.id) : s.enabled));
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const { config, store } = options;
  const now = options.now ?? (() => new Date());
  const sources = selectSources(config, options.only);
  const runId = store.startRun("check", now().toISOString());
  const http = newHttpClient(config);
  const newIds: number[] = [];
  const updatedIds: number[] = [];
  const removedIds: number[] = [];
  const results: SourceRunResult[] = [];
  let configFailures = 0;

  const one = async (source: SourceBase): Promise<void> => {
    options.onProgress?.({ type: "start", source: source.id });
    const info = adapterFor(source)!;
    const startedAt = now().toISOString();
    const result: SourceRunResult = {
      sourceId: source.id,
      site: source.site,
      startedAt,
      finishedAt: startedAt,
      status: "ok",
      fetched: 0,
      new: 0,
      updated: 0,
      removed: 0,
      requests: 0,
      pages: 0,
      errorKind: null,
      errorMessage: null,
      warnings: [],
    };
    let summary: SourcePage["summary"];
    const sourceHttp = http.child();
    try {
      const secrets = resolveSecrets(info, source, options.env);
      const row = store.ensureSource(source.id, source.site, info.method);
      const baseline = row.baseline_at == null;
      const adapter = await info.load();
      const maxPages = source.maxPages ?? 20;
      let complete = true;
      const ctx = {
        source: source as SourceBase & Record<string, unknown>,
        http: sourceHttp,
        secrets,
        deadline: Date.now() + config.http.sourceBudgetSeconds * 1000,
        signal: options.signal ?? new AbortController().signal,
        full: options.full ?? false,
        state: store.adapterState(source.id),
      };
      const stateBefore = JSON.stringify(ctx.state);
      for await (const page of adapter.pages(ctx)) {
        result.pages++;
        result.fetched += page.reviews.length;
        result.warnings.push(...page.warnings);
        if (page.summary) summary = page.summary;
        const stored = store.upsertPage(source.id, source.site, page.reviews, startedAt, baseline);
        result.new += stored.newIds.length;
        result.updated += stored.updatedIds.length;
        if (!baseline) {
          newIds.push(...stored.newIds);
          updatedIds.push(...stored.updatedIds);
        }
        options.onProgress?.({
          type: "page",
          source: source.id,
          pages: result.pages,
          fetched: result.fetched,
        });
        const nothingNew =
          page.reviews.length > 0 && stored.newIds.length === 0 && stored.updatedIds.length === 0;
        if (info.capabilities.order === "newest" && nothingNew && !ctx.full) {
          complete = false; // incremental stop: the rest is already stored
          break;
        }
        if (result.pages >= maxPages || options.signal?.aborted) {
          complete = false;
          break;
        }
      }
      if (JSON.stringify(ctx.state) !== stateBefore) store.setAdapterState(source.id, ctx.state);
      if (complete && info.capabilities.listsEverything) {
        const removed = store.markUnseenRemoved(source.id, startedAt, now().toISOString());
        result.removed = removed.length;
        if (!baseline) removedIds.push(...removed);
      }
      result.status = baseline ? "baseline" : "ok";
    } catch (err) {
      result.status = "failed";
      if (err instanceof MissingSecretError) {
        configFailures++;
        result.errorKind = "config";
        result.errorMessage = err.message;
      } else if (options.signal?.aborted) {
        result.errorKind = "network";
        result.errorMessage = "interrupted before it finished: run check again";
      } else if (err instanceof SourceError) {
        result.errorKind = err.kind;
        result.errorMessage = redact(err.message);
      } else {
        // A store error (disk full, damaged file) is not the site's fault: it stops the run.
        if (err instanceof ReviewsError) throw err;
        result.errorKind = "invalid-response";
        result.errorMessage = redact(`${source.id}: ${errorMessage(err)}`);
      }
    } finally {
      result.requests = sourceHttp.requests;
      result.finishedAt = now().toISOString();
    }
    store.recordSourceRun(runId, result, summary);
    results.push(result);
    options.onProgress?.({ type: "done", result });
  };

  try {
    await pool(sources, config.http.concurrency, one, options.signal);
  } finally {
    await http.close();
  }
  const interrupted = options.signal?.aborted ?? false;
  const failed = results.some((r) => r.status === "failed");
  store.finishRun(runId, interrupted ? "interrupted" : failed ? "partial" : "ok", now().toISOString());
  const order = new Map(sources.map((s, i) => [s.id, i]));
  results.sort((a, b) => (order.get(a.sourceId) ?? 0) - (order.get(b.sourceId) ?? 0));
  const newReviews = sortNewest(store.getReviews(newIds));
  return {
    runId,
    sources: results,
    newReviews,
    negative: newReviews.filter((r) => isNegative(r, config.negative.maxRating)),
    updated: store.getReviews(updatedIds),
    removedIds,
    configFailures,
    interrupted,
    requests: results.reduce((a, r) => a + r.requests, 0),
    overdue: waitingCounts(store.db, deadlineParams(config, now())).overdue,
  };
}

/** The HTTP client with the config's timeouts, retries, politeness and size cap. */
export function newHttpClient(config: Config): HttpClient {
  return new HttpClient({
    timeoutMs: config.http.timeoutSeconds * 1000,
    retries: config.http.retries,
    connectionsPerHost: config.http.connectionsPerHost,
    maxBodyBytes: config.http.maxBodyMegabytes * 1024 * 1024,
    userAgent: `reviews-cli/${VERSION} (+https://www.npmjs.com/package/reviews-cli)`,
  });
}

export function resolveSecrets(
  info: AdapterInfo,
  source: SourceBase,
  env?: NodeJS.ProcessEnv,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const need of info.secrets(source, env ?? process.env)) {
    out[need.name] = requireSecret(need.name, `source "${source.id}" (${info.title})`, need.purpose, env);
  }
  return out;
}

function sortNewest(reviews: StoredReview[]): StoredReview[] {
  const key = (r: StoredReview) => r.publishedAt ?? r.firstSeenAt;
  return reviews.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : b.id - a.id));
}

/** Runs `fn` over items, `limit` at a time; after an interrupt, nothing new starts. */
async function pool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}
