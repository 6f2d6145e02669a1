import { fetchPage } from "../../extract/page.js";
import type { FetchContext, SiteAdapter, SourcePage } from "../types.js";
import { parseTripadvisorPage } from "./parse.js";

/** Page N inserts -or{10·N}- after -Reviews (…-Reviews-or10-Name-City.html). */
export function tripadvisorPageUrl(url: string, n: number): string {
  const clean = url.replace(/-Reviews-or\d+-/, "-Reviews-");
  return n === 0 ? clean : clean.replace("-Reviews-", `-Reviews-or${n * 10}-`);
}

export const adapter: SiteAdapter = {
  async *pages(ctx: FetchContext): AsyncGenerator<SourcePage, void, undefined> {
    const base = String(ctx.source["url"]);
    const now = new Date();
    for (let n = 0; ; n++) {
      const url = tripadvisorPageUrl(base, n);
      const page = parseTripadvisorPage(await fetchPage(ctx, url, "Tripadvisor"), url, now);
      yield { reviews: page.reviews, warnings: page.warnings, summary: page.summary };
      if (!page.hasNext || page.reviews.length === 0) return;
    }
  },
};
