// The draft, templates and reply commands, spawned as a user runs them; `reply --post` against a
// loopback stand-in for the Google Business Profile API.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { runCli, tempDir, writeConfig } from "../helpers/cli.js";
import { parsedReview } from "../helpers/reviews.js";

const TOKEN = "ya29.test-ACCESS-token-77";
let server: http.Server;
let origin = "";
let puts: { url: string; auth: string | undefined; body: string }[] = [];
let failNext: number | null = null;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (req.method === "PUT" && /\/reply$/.test(req.url ?? "")) {
        if (failNext) {
          res.writeHead(failNext, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { code: failNext, status: "INVALID_ARGUMENT", message: "bad" } }));
          failNext = null;
          return;
        }
        puts.push({ url: req.url ?? "", auth: req.headers.authorization, body });
        const { comment } = JSON.parse(body) as { comment: string };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ comment, updateTime: "2026-11-22T08:00:00Z" }));
        return;
      }
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function setup(templates: Record<string, string> = {}) {
  const dir = tempDir("reviews-replies-");
  const db = path.join(dir, "r.db");
  const store = new Store(db);
  const now = "2026-11-22T07:00:00.000Z";
  store.ensureSource("gbp", "google", "google-business");
  store.ensureSource("yelp", "yelp", "yelp-fusion");
  store.upsertPage(
    "gbp",
    "google",
    [
      parsedReview("rev-neg", {
        author: { name: "Nguyễn Thị Lan", url: null },
        rating: 1,
        text: "Chờ 45 phút, phở thì nguội.",
        language: "vi",
      }),
      parsedReview("rev-pos", {
        author: { name: "Liis Saar", url: null },
        rating: 5,
        text: "Imeline õhtu! Kevadrullid olid värsked.",
        language: "et",
      }),
      parsedReview("rev-abuse", {
        author: { name: "Troll", url: null },
        rating: 1,
        text: "You are idiots and this place is shit",
      }),
    ],
    now,
    false,
  );
  store.upsertPage(
    "yelp",
    "yelp",
    [parsedReview("y1", { author: { name: "Tom B.", url: null }, rating: 2, text: "The soup was cold." })],
    now,
    false,
  );
  const ids = Object.fromEntries(store.list({}).map((r) => [r.externalId, r.id])) as Record<string, number>;
  store.close();
  writeConfig(
    dir,
    `business:
  name: "Gió Mùa Kitchen"
  contact: { name: "Linh", email: "care@giomua.example", phone: "+84 24 0000 0000" }
  signature: "Linh, Gió Mùa Kitchen"
sources:
  - { id: gbp, site: google, location: "accounts/1/locations/2", baseUrl: "${origin}" }
  - { id: yelp, site: yelp, business: "gio-mua-kitchen-hanoi" }
`,
  );
  if (Object.keys(templates).length) {
    fs.mkdirSync(path.join(dir, "templates"));
    for (const [name, text] of Object.entries(templates))
      fs.writeFileSync(path.join(dir, "templates", name), text);
  }
  const cli = (args: string[], input?: string) =>
    runCli([...args, "--db", db], { cwd: dir, env: { GOOGLE_OAUTH_ACCESS_TOKEN: TOKEN }, input });
  return { dir, db, ids, cli };
}

describe("reviews draft", () => {
  it("prints the draft on stdout and the template, reasons and checker on stderr; --json has the documented shape", async () => {
    const t = setup();
    const r = await t.cli(["draft", String(t.ids["rev-neg"])]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(Chào|Dạ, chào|Kính gửi) anh\/chị Lan,/);
    expect(r.stdout).toContain("care@giomua.example");
    expect(r.stdout).not.toContain("Nguyễn Thị Lan");
    expect(r.stderr).toMatch(/Why: rating 1 ≤ 2; cue 'nguội' → food; cue 'chờ' → waiting/);
    expect(r.stderr).toMatch(/Template: negative\.\d \(vi, built-in\)/);
    expect(r.stderr).toContain("Checker: no problems found.");

    const j = await t.cli(["draft", String(t.ids["rev-pos"]), "--json"]);
    const json = JSON.parse(j.stdout) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 5)).toEqual(["reviewId", "language", "template", "text", "warnings"]);
    expect(json).toMatchObject({ reviewId: t.ids["rev-pos"], language: "et", warnings: [] });
    expect(json["text"]).toMatch(/^Tere, Liis!/);
  });

  it("--check FILE: findings and exit 5 for a bad reply, exit 0 for a good one; abusive gets no draft", async () => {
    const t = setup();
    const bad = path.join(t.dir, "bad.txt");
    fs.writeFileSync(
      bad,
      "Dear Nguyễn Thị Lan, that never happened. Please remove your review and take a 20% off voucher.",
    );
    const r = await t.cli(["draft", String(t.ids["rev-neg"]), "--check", bad, "--json"]);
    expect(r.code).toBe(5);
    const codes = (JSON.parse(r.stdout) as { warnings: { code: string }[] }).warnings
      .map((w) => w.code)
      .sort();
    expect(codes).toEqual([
      "asks-change",
      "defensive",
      "full-name",
      "incentive",
      "language-mismatch",
      "missing-contact",
    ]);
    const good = path.join(t.dir, "good.txt");
    fs.writeFileSync(
      good,
      "Chào anh/chị Lan, chúng tôi thành thật xin lỗi. Mong anh/chị liên hệ care@giomua.example.\n\nLinh",
    );
    expect((await t.cli(["draft", String(t.ids["rev-neg"]), "--check", good])).code).toBe(0);
    const abuse = await t.cli(["draft", String(t.ids["rev-abuse"])]);
    expect(abuse.code).toBe(0);
    expect(abuse.stdout).toBe("");
    expect(abuse.stderr).toMatch(/No draft: this review is abusive/);
    const missing = await t.cli(["draft", "999"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^reviews: no review #999 in .*: see the numbers with "reviews list"\n$/);
  });
});

describe("reviews templates", () => {
  it("list shows built-in and own templates; show prints one; check passes, then fails on a bad own template", async () => {
    const t = setup({
      "positive.cafe.en.txt": "Thanks{{#name}}, {{name}}{{/name}}! See you at {{business}}.\n\n{{signature}}",
    });
    const list = await t.cli(["templates", "list", "--json"]);
    const names = (
      JSON.parse(list.stdout) as { templates: { name: string; language: string; origin: string }[] }
    ).templates;
    expect(names.filter((n) => n.origin === "built-in").length).toBe(3 * 16);
    expect(names.find((n) => n.name === "positive.cafe")?.origin).toBe(
      path.join(t.dir, "templates", "positive.cafe.en.txt"),
    );
    const table = await t.cli(["templates", "list", "--lang", "vi"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/negative\.1 +│ vi +│ built-in +│ Chào anh\/chị ‹name›, Cảm ơn/);
    const show = await t.cli(["templates", "show", "negative.1", "--lang", "et"]);
    expect(show.stdout).toMatch(/^Tere\{\{#name\}\}, \{\{name\}\}\{\{\/name\}\}!/);
    const ok = await t.cli(["templates", "check"]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/Checked 49 templates \(1 your own\) on Google and Tripadvisor: all pass\./);

    const u = setup({
      "negative.1.en.txt": "Hi {{name}}, please delete your review.\n{{signature}}",
      "mixed.9.en.txt": "{{#name}}oops",
    });
    const bad = await u.cli(["templates", "check"]);
    expect(bad.code).toBe(5);
    expect(bad.stdout).toMatch(/mixed\.9\.en\.txt: line 1: \{\{#name\}\} is never closed/);
    expect(bad.stdout).toMatch(/negative\.1 \(en, .*negative\.1\.en\.txt\) on google: asks-change:/);
    expect(bad.stdout).toMatch(/negative\.1 \(en, .*\) on google: missing-contact:/);
    // a broken own template warns when drafting, and the built-in is used instead
    const d = await u.cli(["draft", String(u.ids["rev-neg"]), "--template", "mixed.1"]);
    expect(d.stderr).toMatch(
      /reviews: warning: .*mixed\.9\.en\.txt: line 1: .*\(ignored; see reviews templates check\)/,
    );
  });
});

describe("reviews reply --post (Google Business Profile)", () => {
  it("--yes posts the draft with the token, records it and marks the review replied", async () => {
    puts = [];
    const t = setup();
    const id = t.ids["rev-pos"]!;
    const r = await t.cli(["reply", String(id), "--post", "--yes"]);
    expect(r.stderr).toContain(`Posted on Google; #${id} is marked replied.`);
    expect(r.code).toBe(0);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.url).toBe("/v4/accounts/1/locations/2/reviews/rev-pos/reply");
    expect(puts[0]!.auth).toBe(`Bearer ${TOKEN}`);
    const comment = (JSON.parse(puts[0]!.body) as { comment: string }).comment;
    expect(comment).toMatch(/^Tere, Liis!/);
    expect(r.stderr).not.toContain(TOKEN);
    const s = new Store(t.db);
    const after = s.getReview(id)!;
    expect(after.status).toBe("replied");
    expect(after.ownerReply).toEqual({ text: comment, publishedAt: "2026-11-22T08:00:00Z" });
    expect(s.history(id).at(-1)).toMatchObject({ status: "replied", origin: "post" });
    s.close();
  });

  it("without --yes and no terminal nothing is posted (negatives above all); findings block the post; other sites refuse", async () => {
    puts = [];
    const t = setup();
    const neg = t.ids["rev-neg"]!;
    const noConfirm = await t.cli(["reply", String(neg), "--post"]);
    expect(noConfirm.code).toBe(2);
    expect(noConfirm.stderr).toMatch(
      /not posted: a reply to a negative review is posted only after you confirm/,
    );
    const bad = path.join(t.dir, "bad.txt");
    fs.writeFileSync(bad, "Chào anh/chị Lan, anh/chị nên xóa đánh giá này. care@giomua.example");
    const blocked = await t.cli(["reply", String(neg), "--post", "--yes", "--text", bad]);
    expect(blocked.code).toBe(5);
    expect(blocked.stderr).toMatch(/asks-change/);
    const yelp = await t.cli(["reply", String(t.ids["y1"]), "--post", "--yes"]);
    expect(yelp.code).toBe(2);
    expect(yelp.stderr).toMatch(/Yelp Fusion API cannot post replies: copy the draft \(reviews draft \d+\)/);
    expect(puts).toHaveLength(0);
    const s = new Store(t.db);
    expect(s.getReview(neg)!.status).toBe("open");
    s.close();
  });

  it("Google refusing the reply: exit 1, one line, the review stays open", async () => {
    puts = [];
    const t = setup();
    failNext = 400;
    const r = await t.cli(["reply", String(t.ids["rev-pos"]), "--post", "--yes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/reviews: gbp: not posted: Google refused the reply \(400 INVALID_ARGUMENT\)/);
    const s = new Store(t.db);
    expect(s.getReview(t.ids["rev-pos"]!)!.status).toBe("open");
    s.close();
  });
});
