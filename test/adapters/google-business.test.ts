import { describe, expect, it } from "vitest";
import { googleBusiness } from "../../src/adapters/google-business/info.js";
import { splitTranslation } from "../../src/adapters/google-business/parse.js";
import { HttpClient } from "../../src/http/client.js";
import { startFixtureServer } from "../helpers/fixture-server.js";

describe("Google Business Profile", () => {
  it("splits Google's translation markers in either order", () => {
    expect(splitTranslation("(Translated by Google) Good pho\n\n(Original)\nPhở ngon")).toEqual({
      text: "Good pho",
      original: "Phở ngon",
    });
    expect(splitTranslation("Phở ngon\n\n(Translated by Google)\nGood pho")).toEqual({
      text: "Good pho",
      original: "Phở ngon",
    });
    expect(splitTranslation("Just text")).toEqual({ text: "Just text", original: null });
  });

  it("chooses the ready token when there is one, else the refresh trio", () => {
    const s = { id: "g", site: "google" as const, enabled: true, location: "accounts/1/locations/2" };
    expect(googleBusiness.secrets(s, { GOOGLE_OAUTH_ACCESS_TOKEN: "x" }).map((n) => n.name)).toEqual([
      "GOOGLE_OAUTH_ACCESS_TOKEN",
    ]);
    expect(googleBusiness.secrets(s, {}).map((n) => n.name)).toEqual([
      "GOOGLE_OAUTH_CLIENT_ID",
      "GOOGLE_OAUTH_CLIENT_SECRET",
      "GOOGLE_OAUTH_REFRESH_TOKEN",
    ]);
  });

  it("refreshes the access token once and uses the fresh one as the bearer", async () => {
    const L = "accounts/1/locations/2";
    const server = await startFixtureServer([
      { method: "POST", path: "/token", body: { access_token: "ya29.fresh-ONE", expires_in: 3599 } },
      { path: `/v4/${L}/reviews`, body: { reviews: [], totalReviewCount: 0 } },
    ]);
    const http = new HttpClient({
      timeoutMs: 2000,
      retries: 0,
      connectionsPerHost: 2,
      maxBodyBytes: 1 << 20,
      userAgent: "t",
    });
    try {
      const adapter = await googleBusiness.load();
      const pages = [];
      for await (const p of adapter.pages({
        source: {
          id: "g",
          site: "google",
          enabled: true,
          location: L,
          baseUrl: server.origin,
          tokenUrl: `${server.origin}/token`,
        },
        http,
        secrets: {
          GOOGLE_OAUTH_CLIENT_ID: "cid",
          GOOGLE_OAUTH_CLIENT_SECRET: "csecret",
          GOOGLE_OAUTH_REFRESH_TOKEN: "rtok",
        },
        deadline: Date.now() + 10_000,
        signal: new AbortController().signal,
        full: true,
      }))
        pages.push(p);
      expect(pages).toHaveLength(1);
      const [post, get] = server.requests;
      expect(post!.method).toBe("POST");
      expect(post!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(Object.fromEntries(new URLSearchParams(post!.body))).toEqual({
        grant_type: "refresh_token",
        client_id: "cid",
        client_secret: "csecret",
        refresh_token: "rtok",
      });
      expect(get!.headers["authorization"]).toBe("Bearer ya29.fresh-ONE");
    } finally {
      await http.close();
      await server.close();
    }
  });
});
