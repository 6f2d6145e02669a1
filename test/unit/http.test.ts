import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpClient, HttpError, retryAfterAt } from "../../src/http/client.js";
import { startFixtureServer, type FixtureServer, type Route } from "../helpers/fixture-server.js";

let server: FixtureServer | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(routes: Route[], opts: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  server = await startFixtureServer(routes);
  client = new HttpClient({
    timeoutMs: 500,
    retries: 2,
    connectionsPerHost: 2,
    maxBodyBytes: 1024 * 1024,
    userAgent: "reviews-cli/test",
    backoffMs: 5,
    ...opts,
  });
  return { s: server, c: client };
}

async function failure(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    return err as HttpError;
  }
  throw new Error("expected an HttpError");
}

describe("HttpClient", () => {
  it("sends the User-Agent and parses JSON", async () => {
    const { s, c } = await setup([{ path: "/a", body: { ok: true } }]);
    const { data } = await c.getJson(`${s.origin}/a`);
    expect(data).toEqual({ ok: true });
    expect(s.requests[0]!.headers["user-agent"]).toBe("reviews-cli/test");
  });

  it("retries 503 and recovers", async () => {
    const { s, c } = await setup([
      { path: "/a", status: 503, body: "busy", times: 2 },
      { path: "/a", body: { ok: 1 } },
    ]);
    expect((await c.getJson(`${s.origin}/a`)).data).toEqual({ ok: 1 });
    expect(s.requests).toHaveLength(3);
  });

  it("gives up after the retries with the status", async () => {
    const { s, c } = await setup([{ path: "/a", status: 502, body: "bad gateway" }]);
    const e = await failure(c.getText(`${s.origin}/a`));
    expect(e.failure).toBe("status");
    expect(e.response?.status).toBe(502);
    expect(s.requests).toHaveLength(3);
  });

  it("does not retry a 404", async () => {
    const { s, c } = await setup([{ path: "/a", status: 404, body: "{}" }]);
    expect((await failure(c.getText(`${s.origin}/a`))).response?.status).toBe(404);
    expect(s.requests).toHaveLength(1);
  });

  it("never retries earlier than Retry-After asks", async () => {
    const { s, c } = await setup([
      { path: "/a", status: 429, headers: { "retry-after": "1" }, body: "{}", times: 1 },
      { path: "/a", body: { ok: 1 } },
    ]);
    const t0 = Date.now();
    await c.getJson(`${s.origin}/a`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it("a Retry-After beyond the deadline ends with retry-later and the time", async () => {
    const { s, c } = await setup([
      { path: "/a", status: 429, headers: { "retry-after": "3600" }, body: "{}" },
    ]);
    const e = await failure(c.getText(`${s.origin}/a`, { deadline: Date.now() + 2000 }));
    expect(e.failure).toBe("retry-later");
    expect(Date.parse(e.retryAt!)).toBeGreaterThan(Date.now() + 3000 * 1000);
    expect(s.requests).toHaveLength(1);
  });

  it("times out when headers never arrive", async () => {
    const { s, c } = await setup([{ path: "/a", fault: "hang-headers" }], { retries: 0 });
    expect((await failure(c.getText(`${s.origin}/a`))).failure).toBe("timeout");
  });

  it("times out when the body stalls mid-way", async () => {
    const { s, c } = await setup([{ path: "/a", fault: "stall-body", body: "x".repeat(2000) }], {
      retries: 0,
    });
    expect((await failure(c.getText(`${s.origin}/a`))).failure).toBe("timeout");
  });

  it("reports a reset connection as a network failure after retrying", async () => {
    const { s, c } = await setup([{ path: "/a", fault: "reset" }], { retries: 1 });
    expect((await failure(c.getText(`${s.origin}/a`))).failure).toBe("network");
    expect(s.requests).toHaveLength(2);
  });

  it("caps the decoded size: a small gzip body that inflates past the cap is refused", async () => {
    const { s, c } = await setup([{ path: "/a", fault: "gzip-bomb" }], { retries: 0 });
    const e = await failure(c.getText(`${s.origin}/a`));
    expect(e.failure).toBe("too-large");
  });

  it("decodes gzip bodies", async () => {
    const { s, c } = await setup([{ path: "/a", body: { word: "Phở" }, gzip: true }]);
    expect((await c.getJson(`${s.origin}/a`)).data).toEqual({ word: "Phở" });
  });

  it("follows redirects and stops a redirect loop", async () => {
    const { s, c } = await setup([
      { path: "/moved", status: 301, headers: { location: "/a" } },
      { path: "/a", body: { ok: 1 } },
      { path: "/loop", status: 302, headers: { location: "/loop" } },
    ]);
    expect((await c.getJson(`${s.origin}/moved`)).data).toEqual({ ok: 1 });
    expect((await failure(c.getText(`${s.origin}/loop`))).failure).toBe("redirects");
  });

  it("keeps to the per-host connection limit", async () => {
    let open = 0;
    let most = 0;
    const srv = http.createServer((_req, res) => {
      open++;
      most = Math.max(most, open);
      setTimeout(() => {
        open--;
        res.end("{}");
      }, 50);
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const origin = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    client = new HttpClient({
      timeoutMs: 2000,
      retries: 0,
      connectionsPerHost: 2,
      maxBodyBytes: 1024,
      userAgent: "t",
    });
    await Promise.all(Array.from({ length: 6 }, (_, i) => client!.getJson(`${origin}/${i}`)));
    expect(most).toBe(2);
    await client.close();
    client = undefined;
    await new Promise<void>((r) => srv.close(() => r()));
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterAt("120", 1_000)).toBe(121_000);
    expect(retryAfterAt("Wed, 21 Oct 2026 07:28:00 GMT", 0)).toBe(Date.parse("2026-10-21T07:28:00Z"));
    expect(retryAfterAt("soon", 0)).toBeNull();
    expect(retryAfterAt(undefined, 0)).toBeNull();
  });

  it("redacts secrets in the URL from error messages", async () => {
    const { s, c } = await setup([], { retries: 0 });
    await s.close();
    const e = await failure(c.getText(`${s.origin}/x?key=SECRET-KEY-1&access_token=TOKEN-2`));
    expect(e.message).not.toContain("SECRET-KEY-1");
    expect(e.message).not.toContain("TOKEN-2");
    server = undefined;
  });
});
