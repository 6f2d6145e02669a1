// The built CLI, spawned as a user runs it, against a real loopback server and a real SQLite file.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir, writeConfig } from "../helpers/cli.js";
import { startFixtureServer, type FixtureServer } from "../helpers/fixture-server.js";

const PLACE = "ChIJtestPhoNgonHanoi00001";
const basic = JSON.parse(fs.readFileSync("fixtures/google-places/basic.json", "utf8")) as {
  reviews: unknown[];
};
const day2 = {
  ...basic,
  reviews: [
    {
      name: `places/${PLACE}/reviews/NEW-NEGATIVE-1`,
      relativePublishTimeDescription: "an hour ago",
      rating: 1,
      text: { text: "Waited 50 minutes and the soup was cold.", languageCode: "en" },
      originalText: { text: "Chờ 50 phút, canh thì nguội.", languageCode: "vi" },
      authorAttribution: { displayName: "Nguyễn Thị Lan" },
      publishTime: "2026-11-21T11:00:00Z",
    },
    {
      name: `places/${PLACE}/reviews/NEW-POSITIVE-1`,
      relativePublishTimeDescription: "an hour ago",
      rating: 5,
      text: { text: "Lovely spring rolls!", languageCode: "en" },
      originalText: { text: "Lovely spring rolls!", languageCode: "en" },
      authorAttribution: { displayName: "Tom Becker" },
      publishTime: "2026-11-21T10:00:00Z",
    },
    ...basic.reviews.slice(0, 3),
  ],
};

let server: FixtureServer;
let dir: string;
const KEY = "test-places-key-SECRET-9";

function config(origin: string, extra = ""): string {
  return `business:
  name: "Phở Ngon"
  contact: { name: "Linh", email: "care@pho.example" }
  signature: "Linh, owner"
  timezone: "Asia/Ho_Chi_Minh"
http: { timeoutSeconds: 2, retries: 0, sourceBudgetSeconds: 10, concurrency: 4, connectionsPerHost: 2, maxBodyMegabytes: 5 }
sources:
  - id: google-main
    site: google
    placeId: "${PLACE}"
    baseUrl: "${origin}"
${extra}`;
}

beforeAll(async () => {
  server = await startFixtureServer([
    { path: `/v1/places/${PLACE}`, file: "google-places/basic.json", times: 2 },
    { path: `/v1/places/${PLACE}`, body: day2 },
    { path: "/v1/places/ChIJbroken", status: 500, body: "oops" },
  ]);
  dir = tempDir();
  writeConfig(dir, config(server.origin));
});
afterAll(async () => server.close());

const env = () => ({ GOOGLE_PLACES_API_KEY: KEY, REVIEWS_DB: path.join(dir, "r.db") });

describe("reviews CLI", () => {
  it("--help lists the commands with examples and exit codes, on stdout", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const cmd of ["check", "list", "show", "demo", "init"]) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toContain("Exit codes:");
  });

  it("an unknown command or flag is a usage error (exit 2)", async () => {
    expect((await runCli(["chek"])).code).toBe(2);
    expect((await runCli(["list", "--bogus"])).code).toBe(2);
    const r = await runCli(["list", "--min-rating", "seven"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("a rating is a number from 1 to 5");
  });

  it("without a config, check says how to start (exit 2)", async () => {
    const r = await runCli(["check"], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no config file found .* run "reviews init"/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a bad config gives one line naming the file and field (exit 2), no stack trace", async () => {
    const d = tempDir();
    const file = writeConfig(d, config(server.origin).replace(`placeId: "${PLACE}"`, "placeId: 12"));
    const r = await runCli(["check"], { cwd: d, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`${file}: sources[0].placeId:`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a missing key gives one line naming the variable (exit 2), and nothing is fetched", async () => {
    const before = server.requests.length;
    const r = await runCli(["check"], { cwd: dir, env: { REVIEWS_DB: path.join(tempDir(), "x.db") } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("GOOGLE_PLACES_API_KEY");
    expect(server.requests.length).toBe(before);
  });

  it("first check records a baseline; a second with nothing new reports nothing; a third finds the new ones", async () => {
    const first = await runCli(["check"], { cwd: dir, env: env() });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("4 existing reviews recorded");
    expect(first.stdout).not.toContain("New negative reviews");
    expect(first.stderr).toBe("");

    const second = await runCli(["check", "--json"], { cwd: dir, env: env() });
    expect(second.code).toBe(0);
    const j2 = JSON.parse(second.stdout);
    expect(j2.sources).toEqual([
      expect.objectContaining({
        id: "google-main",
        site: "google",
        status: "ok",
        fetched: 4,
        new: 0,
        updated: 0,
        removed: 0,
        error: null,
      }),
    ]);
    expect(j2.new).toEqual([]);

    const third = await runCli(["check", "--json"], { cwd: dir, env: env() });
    expect(third.code).toBe(0);
    const j3 = JSON.parse(third.stdout);
    expect(j3.sources[0]).toMatchObject({ status: "ok", new: 2 });
    expect(j3.new.map((r: { externalId: string }) => r.externalId)).toEqual([
      `places/${PLACE}/reviews/NEW-NEGATIVE-1`,
      `places/${PLACE}/reviews/NEW-POSITIVE-1`,
    ]);
    expect(j3.negative).toHaveLength(1);
    const neg = j3.negative[0];
    expect(neg).toMatchObject({
      rating: 1,
      negative: true,
      language: "vi",
      originalText: "Chờ 50 phút, canh thì nguội.",
      text: "Waited 50 minutes and the soup was cold.",
    });
    expect(neg.draft.language).toBe("vi");
    expect(neg.draft.text).toMatch(/^(Chào|Dạ, chào|Kính gửi) anh\/chị Lan,/);
    expect(neg.draft.findings).toEqual([]);
    expect(neg.draft.text).toContain("care@pho.example");
    expect(neg.draft.text).not.toContain("Nguyễn Thị Lan");

    // Nothing was duplicated across the three runs.
    const list = JSON.parse(
      (await runCli(["list", "--json", "--limit", "0"], { cwd: dir, env: env() })).stdout,
    );
    expect(list).toHaveLength(6);
    expect(new Set(list.map((r: { externalId: string }) => r.externalId)).size).toBe(6);
    for (const key of [
      "id",
      "source",
      "site",
      "externalId",
      "author",
      "rating",
      "recommendation",
      "title",
      "text",
      "originalText",
      "language",
      "publishedAt",
      "url",
      "ownerReply",
      "excerpt",
      "negative",
      "status",
      "firstSeenAt",
      "lastSeenAt",
      "removedAt",
    ]) {
      expect(list[0]).toHaveProperty(key);
    }
  });

  it("list filters, and prints tab-separated lines in a pipe with hostile text made inert", async () => {
    const neg = JSON.parse((await runCli(["list", "--negative", "--json"], { cwd: dir, env: env() })).stdout);
    expect(neg.map((r: { rating: number }) => r.rating).sort()).toEqual([1, 1, 2]);
    const tsv = await runCli(["list", "--site", "google", "--limit", "0"], { cwd: dir, env: env() });
    expect(tsv.code).toBe(0);
    const lines = tsv.stdout.trim().split("\n");
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line.split("\t")).toHaveLength(8);
    expect(tsv.stdout).not.toMatch(/[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E]/);
    expect(tsv.stdout).toContain("Terrible");
    const since = JSON.parse(
      (await runCli(["list", "--since", "2026-11-10", "--json"], { cwd: dir, env: env() })).stdout,
    );
    expect(since.every((r: { publishedAt: string }) => r.publishedAt >= "2026-11-10")).toBe(true);
    expect((await runCli(["list", "--since", "someday"], { cwd: dir, env: env() })).code).toBe(2);
    const one = await runCli(["list", "--source", "google-main", "--limit", "0"], { cwd: dir, env: env() });
    expect(one.stdout.trim().split("\n")).toHaveLength(6);
  });

  it("an unknown --source is named, with the ids the database knows: exit 2, nothing written", async () => {
    const r = await runCli(["list", "--source", "google-mian"], { cwd: dir, env: env() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      'reviews: --source google-mian: no source with this id has reviews in the database (it has google-main): check the id, or run "reviews check" first if the source is new',
    ]);
    const out = path.join(dir, "typo.csv");
    const e = await runCli(["export", "reviews", "--source", "google-mian", "--out", out], {
      cwd: dir,
      env: env(),
    });
    expect(e.code).toBe(2);
    expect(e.stderr).toContain("--source google-mian: no source with this id");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("show prints one review in full, original and translation, with hostile text inert", async () => {
    const list = JSON.parse((await runCli(["list", "--json"], { cwd: dir, env: env() })).stdout);
    const translated = list.find(
      (r: { originalText: string | null; rating: number }) => r.originalText && r.rating === 5,
    );
    const r = await runCli(["show", String(translated.id)], { cwd: dir, env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Phở rất ngon, nước dùng đậm đà.");
    expect(r.stdout).toContain("Translation (en):");
    expect(r.stdout).toContain("Link: https://www.google.com/maps/reviews/");
    const hostile = list.find((x: { author: { name: string } }) => x.author.name?.includes("Mallory"));
    const h = await runCli(["show", String(hostile.id)], { cwd: dir, env: env() });
    expect(h.stdout).not.toMatch(/[\x1b\x07\x9b\r\u202e]/);
    expect(h.stdout).not.toContain("javascript:");
    const j = JSON.parse(
      (await runCli(["show", String(hostile.id), "--json"], { cwd: dir, env: env() })).stdout,
    );
    expect(j.text).toContain("\u001b]52"); // JSON keeps the data exactly, escaped
    expect((await runCli(["show", "9999"], { cwd: dir, env: env() })).code).toBe(2);
  });

  it("a failing source does not stop the others: they are stored, exit 3, one line naming the source", async () => {
    const d = tempDir();
    writeConfig(
      d,
      config(
        server.origin,
        `  - id: google-broken\n    site: google\n    placeId: "ChIJbroken"\n    baseUrl: "${server.origin}"\n`,
      ),
    );
    const r = await runCli(["check", "--json"], {
      cwd: d,
      env: { GOOGLE_PLACES_API_KEY: KEY, REVIEWS_DB: path.join(d, "r.db") },
    });
    expect(r.code).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j.sources.find((s: { id: string }) => s.id === "google-main").status).toBe("baseline");
    expect(j.sources.find((s: { id: string }) => s.id === "google-broken")).toMatchObject({
      status: "failed",
      error: { kind: "network" },
    });
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^reviews: google-broken: Google Places had a server error \(HTTP 500\)/),
    ]);
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });

  it("--source limits the run; an unknown one is a usage error", async () => {
    const r = await runCli(["check", "--source", "nope"], { cwd: dir, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("known: google-main");
  });

  it("the demo shows the whole journey with no keys and no network", async () => {
    const d = tempDir();
    const r = await runCli(["demo", "--db", path.join(d, "demo.db")], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("existing reviews recorded");
    expect(r.stdout).toContain("New negative reviews");
    expect(r.stdout).toContain("Reply draft");
    const list = JSON.parse(
      (await runCli(["list", "--json", "--db", path.join(d, "demo.db")], { cwd: d })).stdout,
    );
    expect(list.length).toBeGreaterThan(10);
  });

  it("init --no-input without a source writes a config the other commands read", async () => {
    const d = tempDir();
    const r = await runCli(
      ["init", "--no-input", "--name", "Gió Mùa Kitchen", "--email", "care@giomua.example"],
      {
        cwd: d,
      },
    );
    expect(r.code).toBe(0);
    const check = await runCli(["check"], { cwd: d, env: { REVIEWS_DB: path.join(d, "r.db") } });
    expect(check.stderr).toMatch(/lists no sources: add one under "sources:"/);
    expect(check.code).toBe(2);
    const templates = await runCli(["templates", "check"], { cwd: d });
    expect(templates.code).toBe(0);
  });

  it("init --no-input writes a private config that check accepts", async () => {
    const d = tempDir();
    const r = await runCli(
      [
        "init",
        "--no-input",
        "--name",
        "Kohvik Meri",
        "--email",
        "tere@meri.example",
        "--timezone",
        "Europe/Tallinn",
        "--place-id",
        "ChIJmeri",
      ],
      { cwd: d },
    );
    expect(r.code).toBe(0);
    const file = path.join(d, "reviews.config.yaml");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toContain('placeId: "ChIJmeri"');
    const again = await runCli(["init", "--no-input", "--name", "X"], { cwd: d });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
    // The written file validates: check gets as far as the missing key.
    const check = await runCli(["check"], { cwd: d, env: { REVIEWS_DB: path.join(d, "r.db") } });
    expect(check.code).toBe(2);
    expect(check.stderr).toContain("GOOGLE_PLACES_API_KEY");
  });

  it("sources shows what each source sees, its terms and stored vs reported counts", async () => {
    const r = await runCli(["sources", "--json"], { cwd: dir, env: env() });
    expect(r.code).toBe(0);
    const [g] = JSON.parse(r.stdout);
    expect(g).toMatchObject({
      id: "google-main",
      method: "google-places",
      cap: 5,
      canReply: false,
      secrets: ["GOOGLE_PLACES_API_KEY"],
      reported: 1234,
      stored: 6,
    });
    expect(g.coverage).toBe(
      "6 of 1,234 visible through the Google Places API (New) — connect the Business Profile API (location:) to see all",
    );
    expect(g.lastRun.status).toBe("ok");
    const text = await runCli(["sources"], { cwd: dir, env: env() });
    expect(text.stdout).toContain("terms:");
  });

  it("doctor checks secrets and makes one request per source", async () => {
    const missing = await runCli(["doctor", "--offline"], {
      cwd: dir,
      env: { REVIEWS_DB: path.join(dir, "r.db") },
    });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toMatch(/FIX +google-main: GOOGLE_PLACES_API_KEY is not set/);
    const before = server.requests.length;
    const ok = await runCli(["doctor"], { cwd: dir, env: env() });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("Everything looks right.");
    expect(server.requests.length).toBe(before + 1);
    expect(ok.stdout).not.toContain(KEY);
  });

  it("todo lists what waits for a reply; mark moves it along", async () => {
    const printed = (await runCli(["todo", "--json"], { cwd: dir, env: env() })).stdout;
    const todo = JSON.parse(printed);
    // Printed one review at a time, exactly as a pretty-printed array.
    expect(printed).toBe(`${JSON.stringify(todo, null, 2)}\n`);
    expect(todo.map((r: { externalId: string }) => r.externalId)).toEqual([
      `places/${PLACE}/reviews/NEW-NEGATIVE-1`,
      `places/${PLACE}/reviews/NEW-POSITIVE-1`,
    ]);
    // --limit: the most urgent only (the negative's deadline is the earlier), and the counts say so.
    const one = await runCli(["todo", "--limit", "1"], { cwd: dir, env: env() });
    expect(one.code).toBe(0);
    expect(one.stdout.trim().split("\n")).toHaveLength(1);
    expect(one.stdout).toContain(`#${todo[0].id} `);
    expect(one.stderr).toMatch(/^2 waiting, \d+ overdue \(the 1 most urgent shown: --limit 0 shows all\)/);
    const id = String(todo[0].id);
    const marked = await runCli(
      ["mark", id, "escalated", "--assign", "Linh", "--note", "cold soup", "--json"],
      { cwd: dir, env: env() },
    );
    expect(marked.code).toBe(0);
    expect(JSON.parse(marked.stdout)).toMatchObject({
      status: "escalated",
      assignee: "Linh",
      history: [{ status: "escalated", note: "cold soup" }],
    });
    expect((await runCli(["mark", id, "replied"], { cwd: dir, env: env() })).code).toBe(0);
    const after = JSON.parse((await runCli(["todo", "--json"], { cwd: dir, env: env() })).stdout);
    expect(after).toHaveLength(1);
    expect((await runCli(["mark", id, "done"], { cwd: dir, env: env() })).code).toBe(2);
    const replied = JSON.parse(
      (await runCli(["list", "--status", "replied", "--json"], { cwd: dir, env: env() })).stdout,
    );
    expect(replied.map((r: { id: number }) => String(r.id))).toEqual([id]);
  });

  it("two checks at once: the second exits 4 saying another run holds the lock; --wait waits", async () => {
    const slow = await startFixtureServer([
      { path: `/v1/places/${PLACE}`, file: "google-places/basic.json", delayMs: 1500 },
    ]);
    try {
      const d = tempDir();
      writeConfig(d, config(slow.origin));
      const e = { GOOGLE_PLACES_API_KEY: KEY, REVIEWS_DB: path.join(d, "r.db") };
      const first = runCli(["check"], { cwd: d, env: e });
      await new Promise((r) => setTimeout(r, 700));
      const second = await runCli(["check"], { cwd: d, env: e });
      expect(second.code).toBe(4);
      expect(second.stderr).toMatch(
        /another "reviews check" is running on this database \(pid \d+ .* since .*\): wait for it to finish, or pass --wait/,
      );
      const waiting = await runCli(["check", "--wait", "30"], { cwd: d, env: e });
      expect((await first).code).toBe(0);
      expect(waiting.code).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it("export → import into a fresh database round-trips; importing twice adds nothing", async () => {
    const d = tempDir();
    for (const format of ["csv", "jsonl", "json"]) {
      const out = path.join(d, `all.${format}`);
      const ex = await runCli(["export", "reviews", "--out", out], { cwd: dir, env: env() });
      expect(ex.code).toBe(0);
      const fresh = { REVIEWS_DB: path.join(d, `fresh-${format}.db`) };
      const im = await runCli(["import", out, "--source", "google-main", "--site", "google", "--json"], {
        cwd: d,
        env: fresh,
      });
      expect(im.code).toBe(0);
      expect(JSON.parse(im.stdout)).toMatchObject({ imported: 6, new: 6, skipped: [] });
      const again = JSON.parse(
        (
          await runCli(["import", out, "--source", "google-main", "--site", "google", "--json"], {
            cwd: d,
            env: fresh,
          })
        ).stdout,
      );
      expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 6 });
      const orig = JSON.parse((await runCli(["list", "--json"], { cwd: dir, env: env() })).stdout);
      const back = JSON.parse((await runCli(["list", "--json"], { cwd: d, env: fresh })).stdout);
      const key = (r: Record<string, unknown>) =>
        JSON.stringify([
          r["externalId"],
          r["rating"],
          r["text"],
          r["originalText"],
          r["language"],
          r["publishedAt"],
          (r["author"] as { name: string }).name,
        ]);
      expect(back.map(key).sort()).toEqual(orig.map(key).sort());
    }
  });

  it("testimonials: CSV with BOM, HTML page, permission filter", async () => {
    const d = tempDir();
    const csv = await runCli(["export", "testimonials", "--bom", "--out", path.join(d, "t.csv")], {
      cwd: dir,
      env: env(),
    });
    expect(csv.code).toBe(0);
    const text = fs.readFileSync(path.join(d, "t.csv"), "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('"Tom B."');
    expect(text).not.toContain("Mallory"); // 1★: never a testimonial
    const none = await runCli(["export", "testimonials", "--permission", "granted", "--format", "json"], {
      cwd: dir,
      env: env(),
    });
    expect(JSON.parse(none.stdout)).toEqual([]);
    const first = JSON.parse(
      (await runCli(["export", "testimonials", "--format", "json"], { cwd: dir, env: env() })).stdout,
    )[0];
    expect((await runCli(["permission", String(first.id), "granted"], { cwd: dir, env: env() })).code).toBe(
      0,
    );
    const granted = JSON.parse(
      (
        await runCli(["export", "testimonials", "--permission", "granted", "--format", "json"], {
          cwd: dir,
          env: env(),
        })
      ).stdout,
    );
    expect(granted.map((t: { id: number }) => t.id)).toEqual([first.id]);
    const html = await runCli(["export", "testimonials", "--format", "html"], { cwd: dir, env: env() });
    expect(html.stdout).toContain('<script type="application/ld+json">');
    expect(
      (await runCli(["export", "testimonials", "--format", "jsonl"], { cwd: dir, env: env() })).code,
    ).toBe(2);
  });
});
