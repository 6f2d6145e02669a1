import { HttpError } from "../../http/client.js";
import { SourceError } from "../../errors.js";
import { genericSourceError } from "../errors.js";
import type { FetchContext, SiteAdapter, SourcePage } from "../types.js";
import { DEFAULT_GRAPH_VERSION, facebookGraph } from "./info.js";
import { facebookError, parseRatings } from "./parse.js";

const ORIGIN = "https://graph.facebook.com";
const FIELDS =
  "created_time,has_rating,has_review,rating,recommendation_type,review_text,reviewer,open_graph_story";

/** Facebook's `paging.next` is absolute; keep its path and query but on our origin (baseUrl, proxies). */
export function nextUrl(next: string, base: string): string | null {
  let u: URL;
  try {
    u = new URL(next);
  } catch {
    return null;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return null;
  const b = new URL(base);
  u.protocol = b.protocol;
  u.host = b.host;
  return u.toString();
}

export const adapter: SiteAdapter = {
  async *pages(ctx: FetchContext): AsyncGenerator<SourcePage, void, undefined> {
    const secretName = facebookGraph.secrets(ctx.source, process.env)[0]!.name;
    const token = ctx.secrets[secretName] ?? "";
    const version =
      typeof ctx.source["apiVersion"] === "string" ? ctx.source["apiVersion"] : DEFAULT_GRAPH_VERSION;
    const base = ctx.source.baseUrl ?? ORIGIN;
    const first = new URL(`/${version}/${encodeURIComponent(String(ctx.source["pageId"]))}/ratings`, base);
    first.searchParams.set("fields", FIELDS);
    first.searchParams.set("limit", "25");
    first.searchParams.set("access_token", token);
    let url: string | null = first.toString();
    const seen = new Set<string>();
    while (url) {
      if (seen.has(url))
        throw new SourceError(
          "invalid-response",
          "Facebook sent the same page twice (a paging loop): the next run tries again",
        );
      seen.add(url);
      let data: unknown;
      try {
        ({ data } = await ctx.http.getJson(url, { deadline: ctx.deadline, signal: ctx.signal }));
      } catch (err) {
        if (err instanceof HttpError && err.response && err.failure === "status") {
          const specific = facebookError(err.response.status, err.response.body, secretName, version);
          if (specific) throw specific;
        }
        throw genericSourceError(err, {
          siteName: "Facebook",
          authFix: `check ${secretName}`,
          notFoundFix: "check pageId in the config",
        });
      }
      const page = parseRatings(data);
      yield { reviews: page.reviews, warnings: page.warnings };
      url = page.next ? nextUrl(page.next, base) : null;
    }
  },
};
