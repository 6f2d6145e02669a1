// `reviews sources`: what each source can see, its terms, its last run, and stored vs reported counts.
import type { AppContext } from "../context.js";
import { adapterFor } from "../../adapters/registry.js";
import type { AdapterInfo } from "../../adapters/types.js";
import type { SourceRow, Store } from "../../store/store.js";
import { StoreError } from "../../errors.js";
import { formatLocal } from "../../domain/dates.js";
import { cleanLine } from "../../util/sanitize.js";

export function seesText(info: AdapterInfo): string {
  const c = info.capabilities;
  const order =
    c.order === "newest"
      ? "newest first"
      : c.order === "relevance"
        ? "the site's 'most relevant' order"
        : "most recent";
  return c.cap != null
    ? `at most ${c.cap} reviews, ${order}`
    : `every review, ${order}${c.paged ? ", page by page" : ""}`;
}

/** "5 of 1,234 visible through Google Places API (New) — connect the Business Profile API to see all". */
export function coverageText(info: AdapterInfo, stored: number, reported: number | null): string | null {
  if (reported == null) return null;
  const n = (x: number) => x.toLocaleString("en-US");
  if (info.capabilities.cap != null && reported > info.capabilities.cap) {
    const hint =
      info.site === "google"
        ? " — connect the Business Profile API (location:) to see all"
        : info.site === "yelp"
          ? " — add a page-mode source (url:) to see more"
          : info.site === "tripadvisor"
            ? " — add a page-mode source (url:) to see more"
            : "";
    return `${n(stored)} of ${n(reported)} visible through the ${info.title}${hint}`;
  }
  return `${n(stored)} stored, the site reports ${n(reported)}`;
}

export async function run(ctx: AppContext, flags: { json?: boolean }): Promise<number> {
  const { config } = await ctx.config();
  let store: Store | undefined;
  try {
    store = await ctx.store({ mustExist: true });
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
  }
  const rows = config.sources.map((s) => {
    const info = adapterFor(s)!;
    const row: SourceRow | undefined = store?.getSource(s.id);
    const stored = store ? store.storedCount(s.id) : 0;
    return {
      id: s.id,
      site: s.site,
      label: s.label ?? null,
      enabled: s.enabled,
      method: info.method,
      title: info.title,
      sees: seesText(info),
      cap: info.capabilities.cap,
      order: info.capabilities.order,
      listsEverything: info.capabilities.listsEverything,
      canReply: info.capabilities.canReply,
      terms: info.terms,
      secrets: info.secrets(s, ctx.env).map((n) => n.name),
      stored,
      reported: row?.site_count ?? null,
      siteRating: row?.site_rating ?? null,
      coverage: coverageText(info, stored, row?.site_count ?? null),
      lastRun: row?.last_run_at
        ? {
            at: row.last_run_at,
            status: row.last_status,
            error: row.last_error_kind
              ? { kind: row.last_error_kind, message: row.last_error_message }
              : null,
          }
        : null,
    };
  });
  if (flags.json) {
    ctx.io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const c = ctx.io.color;
  const tz = config.business.timezone;
  const out: string[] = [];
  for (const r of rows) {
    out.push(
      `${c.bold(cleanLine(r.id))}  ${r.title}${r.label ? ` — ${cleanLine(r.label)}` : ""}${r.enabled ? "" : c.yellow("  (disabled)")}`,
    );
    out.push(`  sees:     ${r.sees}${r.listsEverything ? "; notices removed reviews" : ""}`);
    out.push(
      `  replies:  ${r.canReply ? "can be posted from here (reviews reply)" : "post them on the site"}`,
    );
    if (r.secrets.length) out.push(`  secrets:  ${r.secrets.join(", ")} (from the environment)`);
    out.push(
      `  stored:   ${r.coverage ?? `${r.stored.toLocaleString("en-US")} reviews`}${r.siteRating != null ? `; the site's average ${r.siteRating}` : ""}`,
    );
    if (r.lastRun) {
      const status = r.lastRun.status === "failed" ? c.red("failed") : r.lastRun.status;
      out.push(
        `  last run: ${formatLocal(r.lastRun.at, tz)} ${status}${r.lastRun.error ? `: ${cleanLine(r.lastRun.error.message)}` : ""}`,
      );
    } else out.push(`  last run: never (run: reviews check)`);
    out.push(c.dim(`  terms:    ${r.terms}`), "");
  }
  if (rows.length === 0) out.push("No sources in the config yet: add them under sources: (see the README).");
  ctx.io.out(out.join("\n").trimEnd());
  return 0;
}
