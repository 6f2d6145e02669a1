import { HttpError } from "../../http/client.js";
import { SourceError } from "../../errors.js";
import { fetchPage } from "../../extract/page.js";
import { genericSourceError } from "../errors.js";
import type { FetchContext, SiteAdapter, SourcePage } from "../types.js";
import { parseLoadMore, parseState } from "./parse.js";

export const adapter: SiteAdapter = {
  async *pages(ctx: FetchContext): AsyncGenerator<SourcePage, void, undefined> {
    const pageUrl = String(ctx.source["url"]);
    // The restaurant id never changes for a page: remembered, a daily run needs only the first
    // review page. The restaurant page is read again on a full walk or when the id is unknown.
    const known = ctx.state?.["resId"];
    let summary: SourcePage["summary"];
    let resId: string;
    let count: number | null = null;
    if (typeof known === "string" && known && !ctx.full) {
      resId = known;
    } else {
      const state = parseState(await fetchPage(ctx, pageUrl, "Zomato"));
      resId = state.resId;
      count = state.count;
      summary = { rating: state.rating, count: state.count, name: state.name };
      if (ctx.state) ctx.state["resId"] = resId;
    }
    const now = new Date();
    for (let page = 1; ; page++) {
      const url = new URL("/webroutes/reviews/loadMore", pageUrl);
      url.searchParams.set("sort", "dd");
      url.searchParams.set("filter", "reviews-dd");
      url.searchParams.set("res_id", resId);
      url.searchParams.set("page", String(page));
      let data: unknown;
      try {
        ({ data } = await ctx.http.getJson(url.toString(), { deadline: ctx.deadline, signal: ctx.signal }));
      } catch (err) {
        if (err instanceof HttpError && err.response?.status === 403) {
          throw new SourceError(
            "blocked",
            "Zomato blocked the request (HTTP 403 Access Denied): page mode depends on the site's goodwill; try again later",
            { status: 403 },
          );
        }
        throw genericSourceError(err, {
          siteName: "Zomato",
          authFix: "the site refused the request",
          notFoundFix: "check url in the config",
        });
      }
      const result = parseLoadMore(data, now);
      if (page === 1 && result.reviews.length === 0 && (count ?? 0) > 0 && result.warnings.length === 0) {
        throw new SourceError(
          "layout-changed",
          `Zomato shows ${count} reviews but its review pages list none: the format changed`,
          { step: "loadMore" },
        );
      }
      yield { reviews: result.reviews, warnings: result.warnings, ...(summary ? { summary } : {}) };
      if (result.reviews.length === 0 || result.numberOfPages == null || page >= result.numberOfPages) return;
    }
  },
};
