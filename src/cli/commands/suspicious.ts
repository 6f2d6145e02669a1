import type { AppContext } from "../context.js";
import { findSuspicious, type SuspiciousKind, type SuspiciousReport } from "../../insights/suspicious.js";
import { siteName } from "../../domain/review.js";
import { cleanLine } from "../../util/sanitize.js";

export interface SuspiciousFlags {
  json?: boolean;
}

export async function run(ctx: AppContext, flags: SuspiciousFlags): Promise<number> {
  const { config } = await ctx.configOrDefaults();
  const store = await ctx.store({ mustExist: true });
  const report = findSuspicious(store.db, config, { now: ctx.now() });
  if (flags.json) {
    ctx.io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  ctx.io.out(render(report, ctx.io.color));
  return 0;
}

const HEADINGS: [SuspiciousKind, string][] = [
  ["duplicate-text", "The same or nearly the same words under different names"],
  ["burst", "Many 1★ or 5★ ratings on one day"],
  ["repeat-reviewer", "One name, several reviews on the same source"],
  ["abusive", "Abusive words"],
];

type Color = AppContext["io"]["color"];

/** The terminal (or plain-text) report. Reasons hold names and words from reviews: all pass through cleanLine. */
export function render(r: SuspiciousReport, c: Color): string {
  if (r.reviews === 0) return `No reviews stored yet: run "reviews check" first.`;
  if (!r.findings.length) {
    return `Checked ${r.reviews} reviews: nothing suspicious — no repeated texts under different names, no bursts of 1★ or 5★ ratings, no repeat reviewers, no abusive words.`;
  }
  const n = r.findings.length;
  const out = [
    `Checked ${r.reviews} reviews: ${n} ${n === 1 ? "finding" : "findings"}. These are signals, not proof: read each review (reviews show ID) before you report it to the site.`,
  ];
  for (const [kind, heading] of HEADINGS) {
    const list = r.findings.filter((f) => f.kind === kind);
    if (!list.length) continue;
    out.push("", c.bold(`${heading} (${list.length})`));
    for (const f of list) {
      out.push(`  ${c.bold(idList(f.reviewIds))}  ${c.dim(f.sources.slice(0, 5).map(cleanLine).join(", "))}`);
      for (const reason of f.reasons) out.push(`    ${cleanLine(reason)}`);
      for (const x of f.report)
        out.push(c.dim(`    Report on ${cleanLine(siteName(x.site))}: ${cleanLine(x.how)}`));
    }
  }
  return out.join("\n");
}

/** At most 12 ids on a terminal line; --json has them all. */
function idList(ids: number[]): string {
  const shown = ids
    .slice(0, 12)
    .map((id) => `#${id}`)
    .join(" ");
  return ids.length > 12 ? `${shown} … and ${ids.length - 12} more (--json lists all)` : shown;
}
