// One generic test for every adapter: each case in fixtures/<method>/cases.json is served by a real
// loopback server and must produce the expected reviews (partial match) or the expected error kind.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keysOf } from "../../src/adapters/keys.js";
import { ADAPTERS } from "../../src/adapters/registry.js";
import { SourceError } from "../../src/errors.js";
import type { Route } from "../helpers/fixture-server.js";
import { FIXTURES, runAdapter } from "../helpers/run-adapter.js";

export interface ContractCase {
  name: string;
  /** Site-specific keys of the source (id, site and baseUrl are added). */
  source: Record<string, unknown>;
  secrets?: Record<string, string>;
  routes: Route[];
  full?: boolean;
  expect: {
    /** File (under fixtures/) with the expected reviews, in order; partial objects. */
    reviews?: string;
    count?: number;
    summary?: Record<string, unknown>;
    warnings?: number;
    /** Requests the whole walk makes. */
    requests?: number;
    error?: { kind: string; message?: string };
    /** Headers or query parameters the first request must carry. */
    firstRequest?: { headers?: Record<string, string>; query?: Record<string, string> };
  };
}

function loadCases(method: string): ContractCase[] {
  const file = path.join(FIXTURES, method, "cases.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as ContractCase[];
}

for (const info of ADAPTERS) {
  describe(`adapter ${info.method}`, () => {
    const cases = loadCases(info.method);
    it("has cases", () => expect(cases.length).toBeGreaterThan(0));
    for (const c of cases) {
      it(c.name, async () => {
        const { source, pages, error, requests } = await runAdapter(info, c, c.routes, {
          timeoutMs: 2000,
          maxBodyBytes: 5 * 1024 * 1024,
          budgetMs: 20_000,
        });
        expect(info.selects(source as never), "the source's keys select this adapter").toBe(true);
        expect(keysOf(info.method).safeParse(source).success, "the source's keys are valid").toBe(true);
        if (c.expect.error) {
          expect(error, `expected a ${c.expect.error.kind} error`).toBeInstanceOf(SourceError);
          const e = error as SourceError;
          expect(e.kind).toBe(c.expect.error.kind);
          if (c.expect.error.message) expect(e.message).toContain(c.expect.error.message);
          // Secrets never appear in messages.
          for (const v of Object.values(c.secrets ?? {})) expect(e.message).not.toContain(v);
          return;
        }
        if (error) throw error;
        const reviews = pages.flatMap((p) => p.reviews);
        if (c.expect.reviews) {
          const expected = JSON.parse(
            fs.readFileSync(path.join(FIXTURES, c.expect.reviews), "utf8"),
          ) as unknown[];
          expect(reviews.length).toBe(expected.length);
          expected.forEach((e, i) => expect(reviews[i]).toMatchObject(e as object));
        }
        if (c.expect.count != null) expect(reviews.length).toBe(c.expect.count);
        if (c.expect.summary) expect(pages.find((p) => p.summary)?.summary).toMatchObject(c.expect.summary);
        if (c.expect.warnings != null)
          expect(pages.flatMap((p) => p.warnings).length).toBe(c.expect.warnings);
        if (c.expect.requests != null) expect(requests.length).toBe(c.expect.requests);
        const first = requests[0];
        for (const [k, v] of Object.entries(c.expect.firstRequest?.headers ?? {}))
          expect(first?.headers[k.toLowerCase()]).toBe(v);
        for (const [k, v] of Object.entries(c.expect.firstRequest?.query ?? {}))
          expect(first?.query[k]).toBe(v);
        // Every review has the required identity and time, and JSON-safe raw data.
        for (const r of reviews) {
          expect(r.externalId).toBeTruthy();
          expect(r.rating != null || r.recommendation != null).toBe(true);
          expect(r.publishedAt === null || !Number.isNaN(Date.parse(r.publishedAt))).toBe(true);
        }
      });
    }
  });
}
