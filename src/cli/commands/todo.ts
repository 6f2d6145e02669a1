// `reviews todo`: reviews waiting for an answer, overdue ones first.
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { AppContext } from "../context.js";
import type { OutStream } from "../io.js";
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
  const { deadlineParams, waitingByDeadline, waitingCounts, waitingInOrder } =
    await import("../../workflow/waiting.js");
  const p = deadlineParams(config, now);
  const limit = flags.limit ?? 50;
  const includeBaseline = flags.all ?? false;
  if (flags.json) {
    // As JSON.stringify(items, null, 2) would print them, one review at a time: every waiting
    // review (--limit 0) may be hundreds of thousands.
    let count = 0;
    let chunk = "";
    for (const r of waitingInOrder(store.db, p, { includeBaseline })) {
      const d = dueOf(r, config, now);
      const item = { ...reviewJson(r, config.negative.maxRating), dueAt: d.dueAt, overdue: d.overdue };
      chunk += `${count ? ",\n" : "[\n"}  ${JSON.stringify(item, null, 2).replaceAll("\n", "\n  ")}`;
      if (++count === limit) break;
      if (chunk.length > 256 * 1024) {
        await write(ctx, chunk);
        chunk = "";
      }
    }
    await write(ctx, `${chunk}${count ? "\n]" : "[]"}\n`);
    return 0;
  }
  const items = waitingByDeadline(store.db, p, { limit, includeBaseline }).map((r) => dueOf(r, config, now));
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

/** Write to stdout, waiting for it to drain when it can say so (a pipe to a slow reader). */
async function write(ctx: AppContext, text: string): Promise<void> {
  const out = ctx.io.stdout as OutStream & Partial<Pick<Writable, "writableNeedDrain" | "once">>;
  if (!out.write(text) && out.writableNeedDrain && out.once) await once(out as Writable, "drain");
}
