// `reviews digest`: what happened since the last digest, as text, Markdown or HTML, or sent by e-mail.
// `reviews check --email` uses emailAfterCheck (the digest of what that check found).
import fs from "node:fs";
import path from "node:path";
import type { AppContext } from "../context.js";
import type { Config } from "../../config/schema.js";
import type { Store } from "../../store/store.js";
import type { CheckReport } from "../../check/run.js";
import { parseSince } from "../../domain/dates.js";
import { UsageError, errorMessage } from "../../errors.js";
import { redact } from "../../util/redact.js";
import { cleanLine } from "../../util/sanitize.js";
import type { DigestModel } from "../../digest/model.js";

export const LAST_SENT_KEY = "digest.lastSentAt";

export type DigestFormat = "text" | "markdown" | "html";

export interface DigestFlags {
  since?: string;
  format?: DigestFormat;
  out?: string;
  email?: boolean;
  to?: string[];
  skipEmpty?: boolean;
}

export interface EmailFlags {
  to?: string[];
  skipEmpty?: boolean;
}

function formatOf(flags: DigestFlags): DigestFormat {
  if (flags.format) {
    if (flags.format !== "text" && flags.format !== "markdown" && flags.format !== "html")
      throw new UsageError(`--format ${cleanLine(flags.format)}: expected text, markdown or html`);
    return flags.format;
  }
  const ext = flags.out ? path.extname(flags.out).toLowerCase() : "";
  if (ext === ".html" || ext === ".htm") return "html";
  if (ext === ".md" || ext === ".markdown") return "markdown";
  return "text";
}

async function render(model: DigestModel, format: DigestFormat): Promise<string> {
  if (format === "html") return (await import("../../digest/render-html.js")).renderHtml(model);
  if (format === "markdown") return (await import("../../digest/render-markdown.js")).renderMarkdown(model);
  return (await import("../../digest/render-text.js")).renderText(model);
}

/** Marks an error of the sending itself: a failure digest would fail the same way. */
const SEND_FAILED = Symbol("digest send failed");

/** Sends the digest, then remembers when: the next digest starts there. */
async function send(
  ctx: AppContext,
  store: Store | null,
  config: Config,
  model: DigestModel,
  flags: EmailFlags,
): Promise<void> {
  try {
    const mail = await import("../../digest/send.js");
    const transport = mail.resolveTransport(config, ctx.env);
    const to = mail.resolveRecipients(config, flags.to);
    const from = mail.resolveFrom(config, ctx.env, transport);
    const result = await mail.sendDigest(model, mail.renderAll(model), { transport, from, to });
    if (store) store.setMeta(LAST_SENT_KEY, model.generatedAt);
    // Silent under cron (any output would make cron send a second mail); a line on a terminal.
    if (ctx.io.isErrTTY) {
      const refused = result.rejected.length
        ? ` (refused: ${result.rejected.map((r) => cleanLine(r)).join(", ")})`
        : "";
      ctx.io.err(`Digest sent to ${to.map((t) => cleanLine(t)).join(", ")}${refused}.`);
    }
  } catch (err) {
    if (err && typeof err === "object") (err as Record<symbol, unknown>)[SEND_FAILED] = true;
    throw err;
  }
}

export async function run(ctx: AppContext, flags: DigestFlags): Promise<number> {
  const format = formatOf(flags);
  if (flags.to?.length && !flags.email) throw new UsageError("--to needs --email");
  const { config } = await ctx.configOrDefaults();
  const store = await ctx.store({ mustExist: true });
  const now = ctx.now();
  const since = flags.since
    ? parseSince(flags.since, now)
    : (store.getMeta(LAST_SENT_KEY) ?? parseSince("1d", now));
  const { buildDigest, isEmpty } = await import("../../digest/model.js");
  const model = buildDigest(store, config, { since, now, templates: await ctx.templates() });
  if (flags.skipEmpty && isEmpty(model)) {
    if (ctx.io.isErrTTY) ctx.io.err("Nothing new since the last digest: nothing sent.");
    return 0;
  }
  if (flags.out) {
    const file = path.resolve(ctx.cwd, flags.out);
    fs.writeFileSync(file, await render(model, format));
    if (ctx.io.isErrTTY) ctx.io.err(`Digest written to ${cleanLine(file)}.`);
  }
  if (flags.email) {
    await send(ctx, store, config, model, flags);
    return 0;
  }
  if (!flags.out) ctx.io.out(await render(model, format));
  return 0;
}

/** `reviews check --email`: the digest of what this check found (and anything since the last one sent). */
export async function emailAfterCheck(
  ctx: AppContext,
  store: Store,
  config: Config,
  report: CheckReport,
  flags: EmailFlags,
): Promise<number> {
  const { buildDigest, isEmpty } = await import("../../digest/model.js");
  const now = ctx.now();
  const started = report.sources.map((s) => s.startedAt).sort()[0] ?? now.toISOString();
  const since = store.getMeta(LAST_SENT_KEY) ?? started;
  const model = buildDigest(store, config, {
    since,
    now,
    checkReport: report,
    templates: await ctx.templates(),
  });
  if (flags.skipEmpty && isEmpty(model)) return 0;
  await send(ctx, store, config, model, flags);
  return 0;
}

/**
 * `reviews check --email` when the run broke before it could finish (database, disk): a short
 * failure digest, best effort. It never throws: the run's own error and exit code follow anyway.
 */
export async function emailFailure(ctx: AppContext, err: unknown, flags: EmailFlags): Promise<void> {
  if (err && typeof err === "object" && (err as Record<symbol, unknown>)[SEND_FAILED]) return;
  try {
    const { config } = await ctx.configOrDefaults();
    const { failureDigest } = await import("../../digest/model.js");
    const model = failureDigest(config, cleanLine(redact(errorMessage(err))), ctx.now());
    await send(ctx, null, config, model, flags);
  } catch (mailErr) {
    ctx.io.err(
      `reviews: the failure digest could not be sent either: ${cleanLine(redact(errorMessage(mailErr)))}`,
    );
  }
}
