// Issue 3's finish line: one source of every method, pointed at a loopback server.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir, writeConfig } from "../helpers/cli.js";
import { startFixtureServer, type FixtureServer, type Route } from "../helpers/fixture-server.js";

const cases = (method: string) =>
  JSON.parse(fs.readFileSync(`fixtures/${method}/cases.json`, "utf8")) as {
    source: Record<string, unknown>;
    routes: Route[];
  }[];

let server: FixtureServer;
let dir: string;
let env: NodeJS.ProcessEnv;

const SOURCES: Record<string, string> = {
  "google-places": 'site: google\n    placeId: "ChIJtestPhoNgonHanoi00001"',
  "google-business": 'site: google\n    location: "accounts/1100223344/locations/998877"',
  "yelp-fusion": "site: yelp\n    business: gio-mua-kitchen-ha-noi",
  "yelp-page": 'site: yelp\n    url: "${ORIGIN}/biz/gio-mua-kitchen-ha-noi"',
  "facebook-graph": 'site: facebook\n    pageId: "1029384756"',
  "tripadvisor-api": 'site: tripadvisor\n    locationId: "8765432"',
  "tripadvisor-page":
    'site: tripadvisor\n    url: "${ORIGIN}/Restaurant_Review-g293924-d8765432-Reviews-Gio_Mua_Kitchen-Hanoi.html"',
  "zomato-page": 'site: zomato\n    url: "${ORIGIN}/hanoi/gio-mua-kitchen-hoan-kiem/reviews"',
  "jsonld-page": 'site: jsonld\n    url: "${ORIGIN}/meri/reviews"',
};

beforeAll(async () => {
  // Each method's first (happy) case supplies the routes.
  const routes = Object.keys(SOURCES).flatMap((m) => cases(m)[0]!.routes);
  routes.push({ path: "/v1/places/ChIJbroken", status: 503, body: "down" });
  server = await startFixtureServer(routes);
  dir = tempDir();
  const list = Object.entries(SOURCES)
    .map(
      ([m, keys]) =>
        `  - id: ${m}\n    ${keys.replaceAll("${ORIGIN}", server.origin)}\n    baseUrl: "${server.origin}"\n`,
    )
    .join("");
  writeConfig(
    dir,
    `business:\n  name: "Gió Mùa Kitchen"\n  contact: { email: "care@giomua.example" }\nhttp: { timeoutSeconds: 3, retries: 0 }\nsources:\n${list}`,
  );
  env = {
    REVIEWS_DB: path.join(dir, "r.db"),
    GOOGLE_PLACES_API_KEY: "places-key-1",
    GOOGLE_OAUTH_ACCESS_TOKEN: "ya29.test-access-TOKEN",
    YELP_API_KEY: "yelp-KEY-secret-77",
    FACEBOOK_PAGE_TOKEN: "PAGE-TOKEN-SECRET-1",
    TRIPADVISOR_API_KEY: "TA-KEY-secret-99",
  };
});
afterAll(async () => server.close());

const requestsBy = (from: number) => {
  const counts: Record<string, number> = {};
  for (const r of server.requests.slice(from)) {
    const key = r.path.split("/").slice(0, 3).join("/");
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe("every site at once", () => {
  it("stores every review with the right identity, rating, time, author, text, reply and excerpt flag", async () => {
    const r = await runCli(["check", "--json"], { cwd: dir, env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(
      Object.fromEntries(
        j.sources.map((s: { id: string; status: string; new: number }) => [s.id, [s.status, s.new]]),
      ),
    ).toEqual({
      "google-places": ["baseline", 4],
      "google-business": ["baseline", 3],
      "yelp-fusion": ["baseline", 2],
      "yelp-page": ["baseline", 3],
      "facebook-graph": ["baseline", 4],
      "tripadvisor-api": ["baseline", 2],
      "tripadvisor-page": ["baseline", 3],
      "zomato-page": ["baseline", 3],
      "jsonld-page": ["baseline", 3],
    });
    const all = JSON.parse(
      (await runCli(["list", "--json", "--limit", "0"], { cwd: dir, env })).stdout,
    ) as Record<string, unknown>[];
    const find = (source: string, externalId: string) =>
      all.find((x) => x["source"] === source && x["externalId"] === externalId);
    expect(find("google-business", "AbFvOqGbp002")).toMatchObject({
      rating: 5,
      author: { name: null },
      ownerReply: { text: "Thank you so much!" },
      status: "replied",
    });
    expect(find("yelp-fusion", "YazjnGL3tNGNp6v-BXi3gw")).toMatchObject({
      excerpt: true,
      publishedAt: "2026-07-11T01:57:16.000Z",
    });
    expect(find("facebook-graph", "1029384756_2002001")).toMatchObject({
      rating: null,
      recommendation: "positive",
      negative: false,
    });
    expect(find("tripadvisor-page", "901234567")).toMatchObject({
      rating: 4.5,
      ownerReply: { text: "Aitäh, Anna! Ootame teid tagasi." },
    });
    expect(find("zomato-page", "4567")).toMatchObject({ rating: 3.5, publishedPrecision: "day" });
    expect(find("jsonld-page", "/reviews/77")).toMatchObject({ rating: 4, language: "vi" });
    expect(find("yelp-page", "rEvIeW-0001")).toMatchObject({
      text: "Phở nguội, phải chờ gần một tiếng.",
      ownerReply: { text: "Chúng tôi thành thật xin lỗi anh Minh." },
    });
    const sources = JSON.parse((await runCli(["sources", "--json"], { cwd: dir, env })).stdout) as {
      id: string;
      coverage: string | null;
    }[];
    expect(sources.find((s) => s.id === "yelp-fusion")!.coverage).toBe(
      "2 of 2,405 visible through the Yelp Fusion API — add a page-mode source (url:) to see more",
    );
  });

  it("a second run with nothing new makes one request per source and reports nothing new", async () => {
    const before = server.requests.length;
    const r = await runCli(["check", "--json"], { cwd: dir, env });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.new).toEqual([]);
    expect(j.updated).toEqual([]);
    expect(j.sources.map((s: { requests: number }) => s.requests)).toEqual(Array(9).fill(1));
    expect(server.requests.length - before).toBe(9);
    expect(requestsBy(before)["/webroutes/reviews"]).toBe(1); // Zomato: the remembered restaurant id skips the page
  });

  it("an edit is reported with its revision; a full walk marks what vanished as removed", async () => {
    const page1 = JSON.parse(fs.readFileSync("fixtures/google-business/page1.json", "utf8"));
    page1.reviews[1].starRating = "TWO";
    page1.reviews[1].comment = "Changed my mind: the soup was cold.";
    server.routes.unshift({
      path: "/v4/accounts/1100223344/locations/998877/reviews",
      query: { pageSize: "50" },
      body: { ...page1, nextPageToken: undefined },
    });
    const r = JSON.parse(
      (await runCli(["check", "--json", "--full", "--source", "google-business"], { cwd: dir, env })).stdout,
    );
    // Full walk of one page now: AbFvOqGbp002 edited, AbFvOqGbp004 (page two, gone) removed.
    expect(r.sources[0]).toMatchObject({ status: "ok", new: 0, updated: 1, removed: 1 });
    expect(r.negative).toEqual([]); // an edit is not a new review
    const edited = r.updated[0];
    const shown = JSON.parse((await runCli(["show", String(edited.id), "--json"], { cwd: dir, env })).stdout);
    expect(shown).toMatchObject({
      rating: 2,
      text: "Changed my mind: the soup was cold.",
      revisions: [{ rating: 5, text: null }],
    });
    const removed = JSON.parse(
      (await runCli(["list", "--json", "--removed", "--source", "google-business"], { cwd: dir, env }))
        .stdout,
    );
    expect(
      removed.find((x: { externalId: string }) => x.externalId === "AbFvOqGbp004").removedAt,
    ).not.toBeNull();
  });

  it("a broken source fails alone with exit 3", async () => {
    const cfg = fs.readFileSync(path.join(dir, "reviews.config.yaml"), "utf8");
    const d = tempDir();
    writeConfig(
      d,
      `${cfg}  - id: broken\n    site: google\n    placeId: "ChIJbroken"\n    baseUrl: "${server.origin}"\n`,
    );
    const r = await runCli(["check", "--json"], {
      cwd: d,
      env: { ...env, REVIEWS_DB: path.join(d, "r.db") },
    });
    expect(r.code).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(
      j.sources.filter((s: { status: string }) => s.status === "failed").map((s: { id: string }) => s.id),
    ).toEqual(["broken"]);
    expect(j.sources.filter((s: { status: string }) => s.status === "baseline")).toHaveLength(9);
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^reviews: broken: Google Places had a server error \(HTTP 503\)/),
    ]);
  });

  it("no secret appears in the database, in any output, or in --debug output of failing runs", async () => {
    const secrets = [
      "places-key-1",
      "ya29.test-access-TOKEN",
      "yelp-KEY-secret-77",
      "PAGE-TOKEN-SECRET-1",
      "TA-KEY-secret-99",
    ];
    const outputs: string[] = [];
    for (const args of [
      ["check", "--json", "--debug"],
      ["list", "--json", "--limit", "0"],
      ["sources", "--json"],
      ["doctor", "--debug"],
      ["export", "reviews"],
    ]) {
      const r = await runCli(args, { cwd: dir, env });
      outputs.push(r.stdout, r.stderr);
    }
    // Every source failing (nothing listens on port 9), with --debug: the messages carry URLs.
    const d = tempDir();
    const cfg = fs
      .readFileSync(path.join(dir, "reviews.config.yaml"), "utf8")
      .replaceAll(server.origin, "http://127.0.0.1:9");
    writeConfig(d, cfg);
    const failing = await runCli(["check", "--debug"], {
      cwd: d,
      env: { ...env, REVIEWS_DB: path.join(d, "r.db") },
    });
    expect(failing.code).toBe(3);
    outputs.push(failing.stdout, failing.stderr);
    const db = Buffer.concat(
      fs
        .readdirSync(dir)
        .filter((f) => f.startsWith("r.db"))
        .map((f) => fs.readFileSync(path.join(dir, f))),
    ).toString("latin1");
    for (const secret of secrets) {
      expect(db.includes(secret), `${secret} stored in the database`).toBe(false);
      for (const out of outputs) expect(out.includes(secret), `${secret} printed`).toBe(false);
    }
  });
});
