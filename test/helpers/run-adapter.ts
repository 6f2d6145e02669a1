// Runs one adapter over routes served by a real loopback server, collecting pages or the error.
import path from "node:path";
import type { AdapterInfo, SourcePage } from "../../src/adapters/types.js";
import { HttpClient } from "../../src/http/client.js";
import { startFixtureServer, type RecordedRequest, type Route } from "./fixture-server.js";

export const FIXTURES = path.resolve("fixtures");

export interface AdapterRun {
  /** The source as the adapter saw it (`${ORIGIN}` replaced, baseUrl set). */
  source: Record<string, unknown>;
  pages: SourcePage[];
  error: unknown;
  ms: number;
  requests: RecordedRequest[];
}

export async function runAdapter(
  info: AdapterInfo,
  c: { source: Record<string, unknown>; secrets?: Record<string, string>; full?: boolean },
  routes: Route[],
  opts: { timeoutMs: number; maxBodyBytes: number; budgetMs: number },
): Promise<AdapterRun> {
  const server = await startFixtureServer(routes, FIXTURES);
  const source: Record<string, unknown> = {
    id: "test-source",
    site: info.site,
    enabled: true,
    baseUrl: server.origin,
    ...c.source,
  };
  for (const [k, v] of Object.entries(source))
    if (typeof v === "string") source[k] = v.replaceAll("${ORIGIN}", server.origin);
  const http = new HttpClient({
    timeoutMs: opts.timeoutMs,
    retries: 1,
    connectionsPerHost: 2,
    maxBodyBytes: opts.maxBodyBytes,
    userAgent: "reviews-test",
    backoffMs: 5,
  });
  const pages: SourcePage[] = [];
  const t0 = Date.now();
  let error: unknown;
  try {
    const adapter = await info.load();
    for await (const page of adapter.pages({
      source: source as never,
      http,
      secrets: c.secrets ?? {},
      deadline: Date.now() + opts.budgetMs,
      signal: new AbortController().signal,
      full: c.full ?? true,
    })) {
      pages.push(page);
    }
  } catch (err) {
    error = err;
  } finally {
    await http.close();
    await server.close();
  }
  return { source, pages, error, ms: Date.now() - t0, requests: server.requests };
}
