// End to end: `reviews digest --email` to an smtp-server on 127.0.0.1, the message parsed with
// mailparser. Both parts arrive, the headline and counts are right, hostile review text is inert,
// nothing reaches a header, and the SMTP password never appears in any output or error.
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { AppContext } from "../../src/cli/context.js";
import { createIo, type OutStream } from "../../src/cli/io.js";
import {
  emailAfterCheck,
  emailFailure,
  LAST_SENT_KEY,
  run,
  type DigestFlags,
} from "../../src/cli/commands/digest.js";
import { ConfigError, MissingSecretError, ReviewsError } from "../../src/errors.js";
import { MailError, parseSmtpUrl, renderAll, resolveTransport, sendDigest } from "../../src/digest/send.js";
import { buildDigest } from "../../src/digest/model.js";
import { Store } from "../../src/store/store.js";
import type { Config } from "../../src/config/schema.js";
import type { EmailConfig } from "../../src/digest/config.js";
import { EmailConfigSchema } from "../../src/digest/config.js";
import { runCli, tempDir, writeConfig } from "../helpers/cli.js";
import { runResult } from "../helpers/reviews.js";
import { buildHandStore, handConfig, HOSTILE_AUTHOR, NOW, SINCE } from "./fixture.js";

const USER = "digest";
const PASSWORD = "s3cr3t-P@ss/w0rd";
const WRONG = "Wr0ng-Passw0rd!";

interface Received {
  mail: ParsedMail;
  raw: string;
  from: string;
  to: string[];
}

let server: SMTPServer;
let port = 0;
let received: Received[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === USER && auth.password === PASSWORD) return cb(null, { user: USER });
      // A careless server that echoes what it got: the client must still not print it.
      return cb(new Error(`Invalid login for ${auth.username} with ${auth.password}`));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw).then(
          (mail) => {
            received.push({
              mail,
              raw,
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
            });
            cb();
          },
          (err: Error) => cb(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
});

function sink(): OutStream & { text: string } {
  const s = {
    text: "",
    isTTY: false,
    write(chunk: string) {
      s.text += chunk;
      return true;
    },
  };
  return s;
}

function smtpUrl(password = PASSWORD): string {
  return `smtp://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
}

const CONFIG_YAML = `business:
  name: "Gió Mùa Kitchen"
  contact: { name: "Linh", email: "care@giomua.example" }
  timezone: "Asia/Ho_Chi_Minh"
  language: en
sources:
  - { id: g, site: google, placeId: ChIJhand, label: "Google — Old Quarter" }
  - { id: f, site: facebook, pageId: "123" }
`;

function setup(env: Record<string, string> = {}, now = NOW) {
  const dir = tempDir("reviews-digest-smtp-");
  const { store, ids } = buildHandStore(dir);
  store.close();
  const configFile = writeConfig(dir, CONFIG_YAML);
  const out = sink();
  const err = sink();
  const fullEnv = {
    REVIEWS_SMTP_URL: smtpUrl(),
    REVIEWS_MAIL_FROM: "Gió Mùa digest <digest@giomua.example>",
    ...env,
  };
  const makeCtx = (at: Date = now) =>
    new AppContext(
      createIo(out, err, fullEnv, true),
      { db: path.join(dir, "hand.db"), config: configFile, color: false },
      dir,
      () => at,
    );
  return { dir, ids, out, err, makeCtx, dbFile: path.join(dir, "hand.db"), env: fullEnv };
}

async function digest(ctx: AppContext, flags: DigestFlags): Promise<number> {
  try {
    return await run(ctx, flags);
  } finally {
    ctx.close();
  }
}

function lastSent(dbFile: string): string | undefined {
  const s = new Store(dbFile);
  try {
    return s.getMeta(LAST_SENT_KEY);
  } finally {
    s.close();
  }
}

describe("reviews digest --email (SMTP on 127.0.0.1)", () => {
  it("delivers a multipart message: headline as subject, both parts parse, counts right, hostile text inert", async () => {
    const t = setup();
    const code = await digest(t.makeCtx(), { email: true, to: ["owner@giomua.example"] });
    expect(code).toBe(0);
    expect(received).toHaveLength(1);
    const { mail, raw, from, to } = received[0]!;
    const headline =
      "Gió Mùa Kitchen — 3 new negative reviews, 5 new in total, 2 replies overdue, 1 source failed";
    expect(mail.subject).toBe(headline);
    expect(from).toBe("digest@giomua.example");
    expect(to).toEqual(["owner@giomua.example"]);
    expect(mail.bcc).toBeUndefined();
    expect(mail.cc).toBeUndefined();
    expect(mail.headers.has("x-evil")).toBe(false);
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    // both parts
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.text).toContain(headline);
    expect(mail.text).toContain("New negative reviews (3)");
    expect(mail.text).toContain("Replies overdue (2)");
    expect(mail.text).toContain("Other new reviews (2)");
    expect(mail.text).toContain("Edited by their reviewers (1)");
    expect(mail.text).toContain("No longer on the site (1)");
    expect(mail.text).toContain("Top complaint themes");
    expect(mail.text).toContain("'food': 1 review, 1 negative");
    expect(mail.text).toContain("Facebook rejected the page token (190): check FACEBOOK_PAGE_TOKEN");
    const html = mail.html as string;
    expect(html).toContain('id="negatives"');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<script|<img|<[^>]*onerror|href="javascript:/i);
    expect(html).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/);
    // the hostile author's CR/LF did not become a header anywhere
    const headerBlock = raw.slice(0, raw.search(/\r?\n\r?\n/));
    expect(headerBlock).not.toMatch(/attacker@evil\.example|victim@evil\.example|X-Evil/i);
    expect(mail.text).not.toContain("\x1b");
    expect(mail.text).toContain(HOSTILE_AUTHOR.slice(0, 7)); // the name is there, as words
    // remembered only now
    expect(lastSent(t.dbFile)).toBe(NOW.toISOString());
    expect(t.out.text).toBe(""); // cron-quiet
    expect(t.err.text).toBe("");
  });

  it("covers exactly what came after the last digest; --skip-empty sends nothing and exits 0", async () => {
    const t = setup();
    await digest(t.makeCtx(), { email: true, to: ["owner@giomua.example"] });
    expect(received).toHaveLength(1);
    // a later run: nothing new since NOW, and the failed source fixed
    const s = new Store(t.dbFile);
    s.db
      .prepare("UPDATE sources SET last_status = 'ok', last_error_kind = NULL, last_error_message = NULL")
      .run();
    s.close();
    const later = new Date(NOW.getTime() + 3600_000);
    expect(
      await digest(t.makeCtx(later), { email: true, skipEmpty: true, to: ["owner@giomua.example"] }),
    ).toBe(0);
    expect(received).toHaveLength(1);
    expect(lastSent(t.dbFile)).toBe(NOW.toISOString());
    // without --skip-empty an empty digest still goes out, saying so
    expect(await digest(t.makeCtx(later), { email: true, to: ["owner@giomua.example"] })).toBe(0);
    expect(received).toHaveLength(2);
    expect(received[1]!.mail.subject).toBe("Gió Mùa Kitchen — no new reviews, 2 replies overdue");
    expect(received[1]!.mail.text).toContain("Nothing new in this period.");
    expect(lastSent(t.dbFile)).toBe(later.toISOString());
  });

  it("a refused login is one line without the password, and the last-sent time stays", async () => {
    const t = setup({ REVIEWS_SMTP_URL: smtpUrl(WRONG) });
    const error = await digest(t.makeCtx(), { email: true, to: ["owner@giomua.example"] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailError);
    const message = (error as Error).message;
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).toContain("refused the login");
    expect(message).not.toMatch(/\n/);
    for (const secret of [WRONG, encodeURIComponent(WRONG), PASSWORD]) expect(message).not.toContain(secret);
    expect(received).toHaveLength(0);
    expect(lastSent(t.dbFile)).toBeUndefined();
    // check --email does not try a failure digest for a failed send: it would fail the same way
    const ctx = t.makeCtx();
    await emailFailure(ctx, error, { to: ["owner@giomua.example"] });
    ctx.close();
    expect(received).toHaveLength(0);
    expect(t.err.text).toBe("");
    // and through the CLI's error path: the same, redacted
    const { report } = await import("../../src/cli/main.js");
    const err = sink();
    expect(report(error, createIo(sink(), err, {}, true), true)).toBe(1);
    expect(err.text).not.toContain(WRONG);
    expect(err.text).not.toContain(encodeURIComponent(WRONG));
  });

  it("an unreachable server: one line naming host and port, no secret", async () => {
    const t = setup({ REVIEWS_SMTP_URL: `smtp://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:1` });
    const error = await digest(t.makeCtx(), { email: true, to: ["owner@giomua.example"] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailError);
    expect((error as Error).message).toMatch(/127\.0\.0\.1:1: could not talk to the server/);
    expect((error as Error).message).not.toContain(PASSWORD);
    expect((error as Error).message).not.toContain(encodeURIComponent(PASSWORD));
  });

  it("no way to send: a ConfigError with the fix; no recipient: the same", async () => {
    const t = setup({ REVIEWS_SMTP_URL: "" });
    const e1 = await digest(t.makeCtx(), { email: true, to: ["owner@giomua.example"] }).catch(
      (e: unknown) => e,
    );
    expect(e1).toBeInstanceOf(ConfigError);
    expect((e1 as Error).message).toMatch(/REVIEWS_SMTP_URL.*email\.smtp/);
    const t2 = setup();
    const e2 = await digest(t2.makeCtx(), { email: true }).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(ConfigError);
    expect((e2 as Error).message).toContain("--to");
    const e3 = await digest(t2.makeCtx(), {
      email: true,
      to: ["owner@x.example\r\nBcc: evil@x.example"],
    }).catch((e: unknown) => e);
    expect(e3).toBeInstanceOf(ReviewsError);
    expect(received).toHaveLength(0);
  });

  it("config email.smtp with the password from the variable named by passwordEnv", async () => {
    const email: EmailConfig = EmailConfigSchema.parse({
      from: "Reviews <digest@giomua.example>",
      to: ["owner@giomua.example"],
      smtp: { host: "127.0.0.1", port, secure: false, user: USER, passwordEnv: "DIGEST_SMTP_PASSWORD" },
    });
    const config = { ...handConfig(), email } as Config;
    expect(() => resolveTransport(config, {})).toThrow(MissingSecretError);
    expect(() => resolveTransport(config, {})).toThrow(/DIGEST_SMTP_PASSWORD/);
    const transport = resolveTransport(config, { DIGEST_SMTP_PASSWORD: PASSWORD });
    expect(transport).toMatchObject({ kind: "smtp", host: "127.0.0.1", port, user: USER });
    const dir = tempDir();
    const { store } = buildHandStore(dir);
    const model = buildDigest(store, config, { since: SINCE, now: NOW });
    store.close();
    const result = await sendDigest(model, renderAll(model), {
      transport,
      from: email.from!,
      to: email.to!,
    });
    expect(result.accepted).toEqual(["owner@giomua.example"]);
    expect(received).toHaveLength(1);
    expect(received[0]!.mail.from?.value[0]).toMatchObject({
      name: "Reviews",
      address: "digest@giomua.example",
    });
  });

  it("check --email: the digest of what the check found; a failure digest when the run broke", async () => {
    const t = setup();
    const ctx = t.makeCtx();
    const store = await ctx.store();
    const { config } = await ctx.config();
    const n2 = store.getReview(t.ids["n2"]!)!;
    await emailAfterCheck(
      ctx,
      store,
      config,
      {
        runId: 1,
        sources: [
          runResult({
            sourceId: "g",
            site: "google",
            startedAt: "2026-11-23T23:59:00.000Z",
            finishedAt: "2026-11-23T23:59:30.000Z",
            fetched: 1,
            new: 1,
          }),
        ],
        newReviews: [n2],
        negative: [n2],
        updated: [],
        removedIds: [],
        configFailures: 0,
        interrupted: false,
        requests: 1,
        overdue: 2,
      },
      { to: ["owner@giomua.example"] },
    );
    ctx.close();
    expect(received).toHaveLength(1);
    expect(received[0]!.mail.subject).toBe(
      "Gió Mùa Kitchen — 1 new negative review, 1 new in total, 2 replies overdue",
    );
    expect(lastSent(t.dbFile)).toBe(NOW.toISOString());

    const ctx2 = t.makeCtx();
    await emailFailure(ctx2, new Error("database disk image is malformed"), { to: ["owner@giomua.example"] });
    ctx2.close();
    expect(received).toHaveLength(2);
    expect(received[1]!.mail.subject).toBe("Gió Mùa Kitchen — the review check failed");
    expect(received[1]!.mail.text).toContain("database disk image is malformed");
  });

  it("sendmail transport: the message goes to the binary's stdin", async () => {
    const dir = tempDir();
    const captured = path.join(dir, "captured.eml");
    const bin = path.join(dir, "sendmail");
    fs.writeFileSync(bin, `#!/bin/sh\necho "$@" > "${captured}.args"\ncat > "${captured}"\n`, {
      mode: 0o755,
    });
    const config = { ...handConfig(), email: EmailConfigSchema.parse({ sendmail: bin }) } as Config;
    const transport = resolveTransport(config, {});
    expect(transport).toEqual({ kind: "sendmail", path: bin });
    const { store } = buildHandStore(dir);
    const model = buildDigest(store, config, { since: SINCE, now: NOW });
    store.close();
    await sendDigest(model, renderAll(model), {
      transport,
      from: "digest@giomua.example",
      to: ["owner@giomua.example"],
    });
    const mail = await simpleParser(fs.readFileSync(captured));
    expect(mail.subject).toContain("3 new negative reviews");
    expect(mail.html).toContain('id="negatives"');
    expect(fs.readFileSync(`${captured}.args`, "utf8")).toContain("owner@giomua.example");
  });
});

describe("reviews digest without --email", () => {
  it("prints text by default, writes HTML with --out, and does not move the last-sent time", async () => {
    const t = setup();
    expect(await digest(t.makeCtx(), {})).toBe(0);
    expect(t.out.text.split("\n")[0]).toBe(
      "Gió Mùa Kitchen — 3 new negative reviews, 5 new in total, 2 replies overdue, 1 source failed",
    );
    const file = path.join(t.dir, "digest.html");
    expect(await digest(t.makeCtx(), { out: file, since: "7d" })).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toMatch(/^<!DOCTYPE html>/);
    t.out.text = "";
    expect(await digest(t.makeCtx(), { format: "markdown" })).toBe(0);
    expect(t.out.text).toMatch(/^# Gió Mùa Kitchen/);
    expect(lastSent(t.dbFile)).toBeUndefined();
    expect(received).toHaveLength(0);
  });
});

describe("the built CLI, spawned as cron would run it", () => {
  it("reviews digest --email sends one message and prints nothing; a wrong password exits 1 in one line", async () => {
    const t = setup();
    const args = ["digest", "--email", "--to", "owner@giomua.example", "--since", "2020-01-01"];
    const common = ["--db", t.dbFile, "--config", path.join(t.dir, "reviews.config.yaml")];
    const ok = await runCli([...args, ...common], { env: t.env });
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toBe("");
    expect(ok.code).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.mail.subject).toMatch(/^Gió Mùa Kitchen — 4 new negative reviews, 7 new in total/);
    expect(received[0]!.mail.html).toContain('id="negatives"');
    const sentAt = lastSent(t.dbFile);
    expect(sentAt).toBeDefined();

    const bad = await runCli([...args, ...common], { env: { ...t.env, REVIEWS_SMTP_URL: smtpUrl(WRONG) } });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).not.toContain(WRONG);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(received).toHaveLength(1);
    expect(lastSent(t.dbFile)).toBe(sentAt);
  });
});

describe("parseSmtpUrl", () => {
  it("reads smtp:// and smtps:// and refuses anything else without echoing the URL", () => {
    expect(parseSmtpUrl("smtps://u%40x.com:p@mail.example.com")).toMatchObject({
      host: "mail.example.com",
      port: 465,
      secure: true,
      user: "u@x.com",
    });
    expect(parseSmtpUrl("smtp://mail.example.com")).toMatchObject({ port: 587, secure: false, user: null });
    expect(() => parseSmtpUrl("http://u:hunter22@example.com")).toThrow(ConfigError);
    expect(() => parseSmtpUrl("http://u:hunter22@example.com")).not.toThrow(/hunter22/);
    expect(() => parseSmtpUrl("not a url hunter22")).not.toThrow(/hunter22/);
  });
});
