import { fetchPage } from "../../extract/page.js";
import type { FetchContext, SiteAdapter, SourcePage } from "../types.js";
import { parseYelpPage } from "./parse.js";

/** Page N of the newest-first listing: ?sort_by=date_desc&start=10·N on the configured address. */
export function yelpPageUrl(base: string, n: number): string {
  const u = new URL(base);
  u.searchParams.set("sort_by", "date_desc");
  if (n > 0) u.searchParams.set("start", String(n * 10));
  else u.searchParams.delete("start");
  return u.toString();
}

export const adapter: SiteAdapter = {
  async *pages(ctx: FetchContext): AsyncGenerator<SourcePage, void, undefined> {
    const base = String(ctx.source["url"]);
    const now = new Date();
    for (let n = 0; ; n++) {
      const page = parseYelpPage(await fetchPage(ctx, yelpPageUrl(base, n), "Yelp"), now);
      yield { reviews: page.reviews, warnings: page.warnings, summary: page.summary };
      if (!page.hasNext || page.reviews.length === 0) return;
    }
  },
};
