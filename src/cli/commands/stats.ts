import type { AppContext } from "../context.js";
import { parseSince } from "../../domain/dates.js";
import { UsageError } from "../../errors.js";
import { computeStats, sparkline, type GroupBy, type StatsRow } from "../../insights/stats.js";
import { cleanLine } from "../../util/sanitize.js";

const pct = (x: number | null) => (x == null ? "-" : `${Math.round(x * 100)}%`);
const hrs = (h: number | null) =>
  h == null ? "-" : h >= 48 ? `${Math.round(h / 24)} d` : `${Math.round(h)} h`;

export async function run(
  ctx: AppContext,
  flags: { since?: string; by?: string; json?: boolean },
): Promise<number> {
  const by = (flags.by ?? "site") as GroupBy;
  if (!["site", "source", "month", "week"].includes(by))
    throw new UsageError(`--by ${cleanLine(by)}: use site, source, month or week`);
  const { config } = await ctx.configOrDefaults();
  const store = await ctx.store({ mustExist: true });
  const since = flags.since ? parseSince(flags.since, ctx.now()) : undefined;
  const stats = computeStats(store.db, config, { since, by, now: ctx.now() });
  if (flags.json) {
    ctx.io.out(JSON.stringify(stats, null, 2));
    return 0;
  }
  const c = ctx.io.color;
  const head = [
    by,
    "reviews",
    "avg ★",
    "1★ 2★ 3★ 4★ 5★",
    "negative",
    "replied",
    "median reply",
    "overdue",
    "site says",
  ];
  const line = (r: StatsRow, bold = false) => {
    const cells = [
      cleanLine(r.key),
      String(r.count),
      r.average == null ? "-" : r.average.toFixed(2),
      r.distribution.map((n) => String(n).padStart(2)).join(" "),
      pct(r.negativeShare),
      pct(r.responseRate),
      hrs(r.medianHoursToReply),
      r.overdue ? c.red(String(r.overdue)) : "0",
      r.reported
        ? `${r.reported.rating ?? "-"} ★ of ${r.reported.count?.toLocaleString("en-US") ?? "-"}`
        : "",
    ];
    return bold ? cells.map((x) => c.bold(x)) : cells;
  };
  const rows = [
    head.map((h) => c.dim(h)),
    ...stats.groups.map((g) => line(g)),
    line({ ...stats.total, key: "all" }, true),
  ];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => stripLen(r[i]!))));
  const out = rows.map((r) =>
    r
      .map((cell, i) => cell + " ".repeat(Math.max(0, widths[i]! - stripLen(cell))))
      .join("  ")
      .trimEnd(),
  );
  const counts = stats.weekly.map((w) => w.count);
  out.push(
    "",
    `Reviews per week, last ${stats.weekly.length} weeks: ${sparkline(counts, !ctx.io.isTTY)}  (${stats.weekly[0]?.week} … ${stats.weekly.at(-1)?.week})`,
  );
  if (stats.since) out.unshift(c.dim(`Since ${stats.since}`));
  ctx.io.out(out.join("\n"));
  return 0;
}

function stripLen(s: string): number {
  return Array.from(s.replace(/\x1b\[[0-9;]*m/g, "")).length;
}
