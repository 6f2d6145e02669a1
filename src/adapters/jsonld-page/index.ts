import { fetchPage } from "../../extract/page.js";
import type { FetchContext, SiteAdapter, SourcePage } from "../types.js";
import { parseJsonLdPage } from "./parse.js";

export const adapter: SiteAdapter = {
  async *pages(ctx: FetchContext): AsyncGenerator<SourcePage, void, undefined> {
    const url = String(ctx.source["url"]);
    const html = await fetchPage(ctx, url, new URL(url).hostname);
    yield parseJsonLdPage(html, url);
  },
};
