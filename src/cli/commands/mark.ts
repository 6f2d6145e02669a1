// `reviews mark ID STATUS`: move a review through the reply workflow.
import type { AppContext } from "../context.js";
import { UsageError } from "../../errors.js";
import { WORKFLOW_STATUSES, type WorkflowStatus } from "../../domain/review.js";
import { reviewJson } from "../format.js";
import { cleanLine } from "../../util/sanitize.js";

export async function run(
  ctx: AppContext,
  id: number,
  status: string,
  flags: { note?: string; assign?: string; json?: boolean },
): Promise<number> {
  if (!(WORKFLOW_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(`"${cleanLine(status)}" is not a state: use one of ${WORKFLOW_STATUSES.join(", ")}`);
  }
  const { config } = await ctx.configOrDefaults();
  const store = await ctx.store({ mustExist: true });
  const before = store.getReview(id);
  if (!before) throw new UsageError(`no review #${id} in ${store.file}: see the numbers with "reviews list"`);
  const after = store.setStatus(id, {
    status: status as WorkflowStatus,
    note: flags.note,
    assignee: flags.assign,
    at: ctx.now().toISOString(),
  });
  if (flags.json) {
    ctx.io.out(
      JSON.stringify(
        { ...reviewJson(after, config.negative.maxRating), history: store.history(id) },
        null,
        2,
      ),
    );
    return 0;
  }
  const who = after.assignee ? `, assigned to ${cleanLine(after.assignee)}` : "";
  ctx.io.err(`#${id}: ${before.status} → ${after.status}${who}.`);
  return 0;
}
