// Every adapter against every network fault a cron job meets, on a real loopback socket: each ends
// as the right typed error kind (or recovers), and none can hang.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADAPTERS } from "../../src/adapters/registry.js";
import type { AdapterInfo } from "../../src/adapters/types.js";
import { SourceError } from "../../src/errors.js";
import type { Route } from "../helpers/fixture-server.js";
import { FIXTURES, runAdapter } from "../helpers/run-adapter.js";

interface Case {
  source: Record<string, unknown>;
  secrets?: Record<string, string>;
  routes: Route[];
}

const CAPTCHA =
  "<html><head><title>Are you a robot?</title></head><body><div id='px-captcha'></div></body></html>";

async function run(info: AdapterInfo, c: Case, routes: Route[]) {
  const r = await runAdapter(info, c, routes, {
    timeoutMs: 300,
    maxBodyBytes: 2 * 1024 * 1024,
    budgetMs: 5000,
  });
  return { ...r, reviews: r.pages.reduce((n, p) => n + p.reviews.length, 0) };
}

for (const info of ADAPTERS) {
  const happy = (
    JSON.parse(fs.readFileSync(path.join(FIXTURES, info.method, "cases.json"), "utf8")) as Case[]
  )[0]!;
  describe(`faults: ${info.method}`, () => {
    // The first request the adapter makes, found by running the happy case once.
    let first: { method: string; path: string; html: boolean } | undefined;
    const firstRoute = async () => {
      if (!first) {
        const r = await run(info, happy, happy.routes);
        expect(r.error).toBeUndefined();
        const q = r.requests[0]!;
        const served = happy.routes.find((x) => x.path === q.path && (x.method ?? "GET") === q.method);
        first = { method: q.method, path: q.path, html: !!served?.file?.endsWith(".html") };
      }
      return first;
    };
    const withFault = async (fault: Omit<Route, "path">) => {
      const f = await firstRoute();
      return run(info, happy, [{ method: f.method, path: f.path, ...fault }, ...happy.routes]);
    };
    const expectKind = (r: Awaited<ReturnType<typeof run>>, kind: string) => {
      expect(r.error, `expected ${kind}`).toBeInstanceOf(SourceError);
      expect((r.error as SourceError).kind).toBe(kind);
      expect((r.error as SourceError).message.split("\n")).toHaveLength(1);
      for (const v of Object.values(happy.secrets ?? {}))
        expect((r.error as SourceError).message).not.toContain(v);
      expect(r.ms).toBeLessThan(10_000); // bounded: no fault can hang a source
    };

    it("429 with a short Retry-After, then recovery", async () => {
      const r = await withFault({ status: 429, headers: { "retry-after": "1" }, body: "{}", times: 1 });
      expect(r.error).toBeUndefined();
      expect(r.reviews).toBeGreaterThan(0);
    });
    it("429 with a Retry-After beyond the budget → rate-limited, without waiting", async () => {
      const r = await withFault({ status: 429, headers: { "retry-after": "3600" }, body: "{}" });
      expectKind(r, "rate-limited");
      expect((r.error as SourceError).message).toMatch(/retry after \d{4}-/);
    });
    for (const status of [500, 502, 503]) {
      it(`${status} then recovery`, async () => {
        const r = await withFault({ status, body: "temporarily unavailable", times: 1 });
        expect(r.error).toBeUndefined();
        expect(r.reviews).toBeGreaterThan(0);
      });
    }
    it("503 forever → network", async () =>
      expectKind(await withFault({ status: 503, body: "down" }), "network"));
    it("headers never arriving → timeout", async () =>
      expectKind(await withFault({ fault: "hang-headers" }), "timeout"));
    it("body stalling mid-way → timeout", async () =>
      expectKind(await withFault({ fault: "stall-body", body: "x".repeat(4000) }), "timeout"));
    it("connection reset → network", async () => expectKind(await withFault({ fault: "reset" }), "network"));
    it("redirect loop → invalid-response", async () => {
      const f = await firstRoute();
      expectKind(await withFault({ status: 302, headers: { location: f.path } }), "invalid-response");
    });
    it("a body that inflates past the cap → invalid-response", async () =>
      expectKind(await withFault({ fault: "gzip-bomb" }), "invalid-response"));
    it("a captcha page → blocked", async () =>
      expectKind(await withFault({ body: CAPTCHA, headers: { "content-type": "text/html" } }), "blocked"));
    it("truncated or invalid JSON → invalid-response (JSON sources) / layout-changed (pages)", async () => {
      const f = await firstRoute();
      const r = await withFault({
        body: '{"reviews": [{"name": "x"',
        headers: { "content-type": f.html ? "text/html" : "application/json" },
      });
      if (f.html) {
        // A page that is not what it should be: either nothing to read (jsonld) or a layout change.
        if (r.error) expect(["layout-changed", "invalid-response"]).toContain((r.error as SourceError).kind);
        else expect(r.reviews).toBe(0);
      } else expectKind(r, "invalid-response");
    });
  });
}
