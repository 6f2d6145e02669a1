// `reviews draft ID`: the reply draft for a review, the template it came from, why, and what the
// checker says. The draft's text goes to stdout (redirect it to a file, edit, then `--check` it or
// `reviews reply ID --post --text FILE`); everything about it goes to stderr.
import fs from "node:fs";
import path from "node:path";
import type { AppContext } from "../context.js";
import { ExitCode, UsageError } from "../../errors.js";
import { cleanLine, cleanText } from "../../util/sanitize.js";
import type { StoredReview } from "../../domain/review.js";
import type { Config } from "../../config/schema.js";

export interface DraftFlags {
  template?: string;
  lang?: string;
  json?: boolean;
  check?: string;
}

/** Reads the text to check: a file, or "-" for stdin. */
export function readReplyText(ctx: AppContext, file: string, flag: string): string {
  try {
    const text =
      file === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(path.resolve(ctx.cwd, file), "utf8");
    return text
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n")
      .trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${flag} ${cleanLine(file)}: ${code === "ENOENT" ? "no such file" : `cannot read it (${code ?? "error"})`}: give the file holding your reply (or - for stdin)`,
    );
  }
}

export async function reviewOrFail(
  ctx: AppContext,
  id: number,
): Promise<{ review: StoredReview; config: Config }> {
  const { config } = await ctx.configOrDefaults();
  const store = await ctx.store({ mustExist: true });
  const review = store.getReview(id);
  if (!review) throw new UsageError(`no review #${id} in ${store.file}: see the numbers with "reviews list"`);
  return { review, config };
}

export async function run(ctx: AppContext, id: number, flags: DraftFlags): Promise<number> {
  const { review, config } = await reviewOrFail(ctx, id);
  const templates = await ctx.templates();
  const { makeDraft, DraftError, checkReply } = await import("../../replies/draft.js");
  let advice;
  try {
    advice = makeDraft(review, config, { templates, template: flags.template, language: flags.lang });
  } catch (err) {
    if (err instanceof DraftError) throw new UsageError(err.message);
    throw err;
  }
  const { classification, action } = advice;
  let draft = advice.draft;
  if (flags.check) {
    const text = readReplyText(ctx, flags.check, "--check");
    const findings = checkReply(text, review, classification, config);
    draft = {
      reviewId: review.id,
      language: draft?.language ?? classification.language,
      template: flags.check,
      origin: "your text",
      text,
      findings,
    };
  }
  const warnings = draft?.findings ?? [];
  if (flags.json) {
    ctx.io.out(
      JSON.stringify(
        {
          reviewId: review.id,
          language: draft?.language ?? null,
          template: draft?.template ?? null,
          text: draft?.text ?? null,
          warnings,
          action,
          classification: {
            kind: classification.kind,
            urgent: classification.urgentKinds,
            abusive: classification.abusive,
            topics: classification.topics,
            language: classification.language,
            reasons: classification.reasons,
          },
        },
        null,
        2,
      ),
    );
    return flags.check && warnings.length ? ExitCode.findings : 0;
  }
  const io = ctx.io;
  const c = io.colorErr;
  io.err(c.dim(`#${review.id} · ${review.site} · ${cleanLine(review.author.name ?? "(anonymous)")}`));
  io.err(c.dim(`Why: ${classification.reasons.map((r) => cleanLine(r)).join("; ") || "no cues"}`));
  if (action !== "reply") io.err(c.yellow(`Advice: ${action}`));
  if (!draft) {
    io.err(
      c.red(
        "No draft: this review is abusive, and a template would feed it. Report it to the site, or write a reply yourself and check it with --check FILE (or force one with --template negative).",
      ),
    );
    return 0;
  }
  const origin = draft.origin === "built-in" ? "built-in" : cleanLine(draft.origin);
  if (!flags.check) io.err(c.dim(`Template: ${draft.template} (${draft.language}, ${origin})`));
  if (!flags.check) io.out(cleanText(draft.text));
  if (warnings.length === 0) io.err(c.green("Checker: no problems found."));
  for (const f of warnings) io.err(c.yellow(`⚠ ${f.code}: ${cleanLine(f.message)}`));
  return flags.check && warnings.length ? ExitCode.findings : 0;
}
