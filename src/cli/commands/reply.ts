// `reviews reply ID --post`: posts a reply through the site's API — today the Google Business
// Profile API only. It shows the text and asks first (`--yes` in scripts); it refuses a text the
// draft checker objects to; it records the posted reply and marks the review replied.
import type { AppContext } from "../context.js";
import { ExitCode, ReviewsError, SourceError, UsageError } from "../../errors.js";
import { cleanLine, cleanText } from "../../util/sanitize.js";
import { readReplyText, reviewOrFail } from "./draft.js";

export interface ReplyFlags {
  post?: boolean;
  text?: string;
  yes?: boolean;
}

export async function run(ctx: AppContext, id: number, flags: ReplyFlags): Promise<number> {
  if (!flags.post)
    throw new UsageError(
      "reviews reply posts a reply on the site: add --post (reviews draft ID shows the draft without posting)",
    );
  const { review, config } = await reviewOrFail(ctx, id);
  const io = ctx.io;
  const source = config.sources.find((s) => s.id === review.source);
  const { adapterFor } = await import("../../adapters/registry.js");
  const info = source ? adapterFor(source) : undefined;
  if (!source || !info)
    throw new UsageError(
      `review #${id} comes from source "${cleanLine(review.source)}", which is not in the config: add it back, or post the reply on ${review.site} yourself`,
    );
  if (!info.capabilities.canReply)
    throw new UsageError(
      `${info.title} cannot post replies: copy the draft (reviews draft ${id}) and post it on ${review.site} yourself. Only Google Business Profile sources post from here.`,
    );
  if (review.removedAt)
    throw new UsageError(`review #${id} is no longer on ${review.site}: there is nothing to reply to`);

  const { makeDraft, checkReply } = await import("../../replies/draft.js");
  const advice = makeDraft(review, config, { templates: await ctx.templates() });
  const text = flags.text ? readReplyText(ctx, flags.text, "--text") : advice.draft?.text;
  if (!text)
    throw new UsageError(
      `review #${id} gets no template reply (${advice.action}): write one and pass it with --text FILE`,
    );
  const findings = checkReply(text, review, advice.classification, config);

  io.err(
    io.colorErr.dim(`Reply to #${id} (${cleanLine(review.author.name ?? "anonymous")}) on ${info.title}:`),
  );
  io.err(cleanText(text).replace(/^/gm, "  | "));
  if (review.ownerReply)
    io.err(
      io.colorErr.yellow(
        "This review already has a reply on the site: posting replaces it (one reply per review).",
      ),
    );
  if (findings.length) {
    for (const f of findings) io.err(io.colorErr.yellow(`⚠ ${f.code}: ${cleanLine(f.message)}`));
    io.err(
      `Not posted: fix the text first (reviews draft ${id} > reply.txt, edit it, check it with reviews draft ${id} --check reply.txt, then post with --text reply.txt).`,
    );
    return ExitCode.findings;
  }
  const negative = advice.classification.negative || advice.classification.mixed;
  if (!flags.yes) {
    if (!(process.stdin.isTTY && io.isErrTTY))
      throw new UsageError(
        `not posted: a reply${negative ? " to a negative review" : ""} is posted only after you confirm; run this on a terminal, or pass --yes in a script`,
      );
    const readline = await import("node:readline/promises");
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl
      .question(
        `Post this reply publicly on Google${negative ? " (a negative review: read it once more)" : ""}? [y/N] `,
      )
      .finally(() => rl.close());
    if (!/^(y|yes)$/i.test(answer.trim())) {
      io.err("Not posted.");
      return 0;
    }
  }

  const { newHttpClient, resolveSecrets } = await import("../../check/run.js");
  const secrets = resolveSecrets(info, source, ctx.env);
  const adapter = await info.load();
  if (!adapter.postReply) throw new UsageError(`${info.title} cannot post replies from here`);
  const http = newHttpClient(config);
  let postedAt: string | null;
  try {
    ({ postedAt } = await adapter.postReply(
      {
        source: source as typeof source & Record<string, unknown>,
        http,
        secrets,
        deadline: Date.now() + config.http.sourceBudgetSeconds * 1000,
        signal: new AbortController().signal,
        full: false,
      },
      review.externalId,
      text,
    ));
  } catch (err) {
    // Exit 1: nothing was posted and nothing stored changed; the message names the fix.
    if (err instanceof SourceError) throw new ReviewsError(`${source.id}: not posted: ${err.message}`);
    throw err;
  } finally {
    await http.close();
  }
  const store = await ctx.store({ mustExist: true });
  store.recordPostedReply(id, text, ctx.now().toISOString(), postedAt);
  io.err(io.colorErr.green(`Posted on Google; #${id} is marked replied.`));
  return 0;
}
