// `reviews todo`: reviews waiting for an answer, overdue ones first.
import type { AppContext } from "../context.js";
import { dueOf } from "../../workflow/deadlines.js";
import { formatLocal } from "../../domain/dates.js";
import { isNegative, ownWords } from "../../domain/review.js";
import { authorText, ratingText, reviewJson } from "../format.js";
import { cleanLine, truncate } from "../../util/sanitize.js";

export function hoursText(h: number): string {
  const abs = Math.abs(h);
  const span = abs >= 48 ? `${Math.round(abs / 24)} days` : `${Math.max(1, Math.round(abs))} h`;
  return h < 0 ? `overdue by ${span}` : `due in ${span}`;
}

export async function run(
  ctx: AppContext,
  flags: { json?: boolean; all?: boolean; limit?: number },
): Promise<number> {
  const { config } = await ctx.configOrDefaults();
  const store = await ctx.store({ mustExist: true });
  const now = ctx.now();
  const { deadlineParams, waitingByDeadline, waitingCounts } = await import("../../workflow/waiting.js");
  const p = deadlineParams(config, now);
  const limit = flags.limit ?? 50;
  const includeBaseline = flags.all ?? false;
  const items = waitingByDeadline(store.db, p, { limit, includeBaseline }).map((r) => dueOf(r, config, now));
  if (flags.json) {
    ctx.io.out(
      JSON.stringify(
        items.map((d) => ({
          ...reviewJson(d.review, config.negative.maxRating),
          dueAt: d.dueAt,
          overdue: d.overdue,
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (items.length === 0) {
    ctx.io.err(
      `Nothing waiting for a reply.${flags.all ? "" : " (Reviews recorded in a source's first run are left out: --all includes them.)"}`,
    );
    return 0;
  }
  const c = ctx.io.color;
  const tz = config.business.timezone;
  const lines = items.map((d) => {
    const r = d.review;
    const when = d.overdue ? c.red(hoursText(d.hoursLeft)) : hoursText(d.hoursLeft);
    const stars = ratingText(r, ctx.io.isTTY);
    const words = ownWords(r);
    return [
      `#${r.id}`,
      when,
      isNegative(r, config.negative.maxRating) ? c.red(stars) : stars,
      r.site,
      authorText(r),
      r.status === "escalated" ? c.yellow("escalated") : "",
      words ? cleanLine(truncate(words, 60)) : c.dim("(rating only)"),
    ]
      .filter(Boolean)
      .join("  ");
  });
  ctx.io.out(lines.join("\n"));
  const { waiting, overdue } = waitingCounts(store.db, p, includeBaseline);
  const shown = items.length < waiting ? ` (the ${items.length} most urgent shown: --limit 0 shows all)` : "";
  ctx.io.err(
    c.dim(
      `${waiting} waiting, ${overdue} overdue${shown} (deadlines: ${config.replyWithinHours.negative} h for negatives, ${config.replyWithinHours.other} h for others; now ${formatLocal(now.toISOString(), tz)}).`,
    ) + c.dim(" Done? reviews mark ID replied"),
  );
  return 0;
}
