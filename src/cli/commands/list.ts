import type { AppContext } from "../context.js";
import type { Config } from "../../config/schema.js";
import type { ListFilter, Store } from "../../store/store.js";
import { parseSince } from "../../domain/dates.js";
import { SITES, ownWords, isNegative, type WorkflowStatus } from "../../domain/review.js";
import { UsageError } from "../../errors.js";
import { authorText, ratingText, reviewJson, whenText } from "../format.js";
import { cleanLine, truncate } from "../../util/sanitize.js";

export interface ListFlags {
  site?: string;
  source?: string;
  minRating?: number;
  maxRating?: number;
  since?: string;
  negative?: boolean;
  status?: WorkflowStatus;
  removed?: boolean;
  limit: number;
  json?: boolean;
}

/** The store filter the list-style flags ask for (shared by `list` and `export reviews`). */
export function reviewFilter(
  flags: Omit<ListFlags, "limit" | "json">,
  config: Config,
  since: string | undefined,
): ListFilter {
  return {
    site: flags.site,
    source: flags.source,
    minRating: flags.minRating,
    maxRating: flags.maxRating,
    since,
    negativeMaxRating: flags.negative ? config.negative.maxRating : undefined,
    status: flags.status,
    includeRemoved: flags.removed,
  };
}

/**
 * An unknown `--source` is far more often a typo than a source without reviews, and an empty answer
 * would hide it: say which ids the database knows (exit 2). Used by `list` and `export reviews`.
 */
export function requireKnownSource(store: Store, source: string | undefined): void {
  if (source == null || store.getSource(source)) return;
  const ids = store.listSources().map((s) => cleanLine(s.id));
  throw new UsageError(
    `--source ${cleanLine(source)}: no source with this id has reviews in the database` +
      (ids.length ? ` (it has ${truncate(ids.join(", "), 300)})` : "") +
      `: check the id, or run "reviews check" first if the source is new`,
  );
}

export async function run(ctx: AppContext, flags: ListFlags): Promise<number> {
  if (flags.site && !(SITES as readonly string[]).includes(flags.site)) {
    throw new UsageError(`--site ${cleanLine(flags.site)}: expected one of ${SITES.join(", ")}`);
  }
  const { config } = await ctx.configOrDefaults();
  const since = flags.since ? parseSince(flags.since, ctx.now()) : undefined;
  const store = await ctx.store({ mustExist: true });
  requireKnownSource(store, flags.source);
  const reviews = store.list({
    ...reviewFilter(flags, config, since),
    limit: flags.limit === 0 ? undefined : flags.limit,
  });
  const io = ctx.io;
  const max = config.negative.maxRating;
  const tz = config.business.timezone;
  if (flags.json) {
    io.out(
      JSON.stringify(
        reviews.map((r) => reviewJson(r, max)),
        null,
        2,
      ),
    );
    return 0;
  }
  if (!io.isTTY) {
    // Stable tab-separated columns for scripts: id, published (UTC), site, source, rating, author, status, text.
    for (const r of reviews) {
      const cells = [
        String(r.id),
        r.publishedAt ?? "",
        r.site,
        r.source,
        r.rating != null ? String(r.rating) : (r.recommendation ?? ""),
        r.author.name ?? "",
        r.removedAt ? "removed" : r.status,
        ownWords(r) ?? "",
      ];
      io.out(cells.map((c) => cleanLine(c)).join("\t"));
    }
    return 0;
  }
  if (reviews.length === 0) {
    io.err("No reviews match. (Run `reviews check` to fetch, or loosen the filters.)");
    return 0;
  }
  const c = io.color;
  const widths = [7, 18, 13, 17, 18, 11];
  const textWidth = Math.max(20, io.columns - widths.reduce((x, y) => x + y, 0) - 8);
  const { default: Table } = await import("cli-table3");
  const table = new Table({
    head: ["#", "Published", "Site", "Rating", "Author", "Status", "Text"].map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colWidths: [...widths, textWidth],
    wordWrap: false,
  });
  for (const r of reviews) {
    const words = ownWords(r);
    const rating = ratingText(r, true);
    table.push([
      String(r.id),
      whenText(r, tz),
      r.site,
      isNegative(r, max) ? c.red(rating) : rating,
      truncate(authorText(r), 16),
      r.removedAt ? c.yellow("removed") : r.status,
      words ? truncate(cleanLine(words), textWidth - 2) : c.dim("(rating only)"),
    ]);
  }
  io.out(table.toString());
  io.err(
    c.dim(
      `${reviews.length} review${reviews.length === 1 ? "" : "s"}${flags.limit && reviews.length === flags.limit ? ` (the newest ${flags.limit}: --limit 0 for all)` : ""}. Full text: reviews show ID`,
    ),
  );
  return 0;
}
