import type { AppContext } from "../context.js";
import { UsageError } from "../../errors.js";
import { reviewBlock, reviewJson } from "../format.js";

export async function run(
  ctx: AppContext,
  id: number,
  flags: { json?: boolean; raw?: boolean },
): Promise<number> {
  const { config } = await ctx.configOrDefaults();
  const store = await ctx.store({ mustExist: true });
  const review = store.getReview(id);
  if (!review) throw new UsageError(`no review #${id} in ${store.file}: see the numbers with "reviews list"`);
  const revisions = store.revisions(id);
  if (flags.json) {
    const out: Record<string, unknown> = { ...reviewJson(review, config.negative.maxRating), revisions };
    if (flags.raw) out["raw"] = store.rawPayload(id);
    ctx.io.out(JSON.stringify(out, null, 2));
    return 0;
  }
  ctx.io.out(
    reviewBlock(review, {
      color: ctx.io.color,
      tz: config.business.timezone,
      maxRating: config.negative.maxRating,
      fancy: ctx.io.isTTY,
      full: true,
      revisions,
    }),
  );
  return 0;
}
