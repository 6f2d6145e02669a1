// `reviews permission ID requested|granted|denied`: may this review be quoted as a testimonial?
import type { AppContext } from "../context.js";
import { UsageError } from "../../errors.js";
import type { Permission } from "../../domain/review.js";
import { cleanLine } from "../../util/sanitize.js";

const STATES: Permission[] = ["requested", "granted", "denied", "unknown"];

export async function run(
  ctx: AppContext,
  id: number,
  state: string,
  flags: { note?: string },
): Promise<number> {
  if (!(STATES as string[]).includes(state)) {
    throw new UsageError(
      `"${cleanLine(state)}" is not a permission state: use requested, granted, denied (or unknown)`,
    );
  }
  const store = await ctx.store({ mustExist: true });
  const before = store.getReview(id);
  if (!before) throw new UsageError(`no review #${id} in ${store.file}: see the numbers with "reviews list"`);
  const after = store.setPermission(id, state as Permission, flags.note, ctx.now().toISOString());
  ctx.io.err(`#${id}: permission to quote ${before.permission} → ${after.permission}.`);
  return 0;
}
