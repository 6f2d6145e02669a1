import { HttpError } from "../../http/client.js";
import { genericSourceError } from "../errors.js";
import type { FetchContext, SiteAdapter, SourcePage } from "../types.js";
import { googlePlaces } from "./info.js";
import { googleError, parsePlace } from "./parse.js";

const DEFAULT_BASE = "https://places.googleapis.com";

export const adapter: SiteAdapter = {
  async *pages(ctx: FetchContext): AsyncGenerator<SourcePage, void, undefined> {
    const placeId = String(ctx.source["placeId"]);
    const secretName = googlePlaces.secrets(ctx.source, process.env)[0]!.name;
    const url = new URL(`/v1/places/${encodeURIComponent(placeId)}`, ctx.source.baseUrl ?? DEFAULT_BASE);
    for (const k of ["languageCode", "regionCode"] as const) {
      const v = ctx.source[k];
      if (typeof v === "string") url.searchParams.set(k, v);
    }
    let data: unknown;
    try {
      ({ data } = await ctx.http.getJson(url.toString(), {
        headers: {
          "X-Goog-Api-Key": ctx.secrets[secretName] ?? "",
          "X-Goog-FieldMask": "id,displayName,rating,userRatingCount,reviews",
        },
        deadline: ctx.deadline,
        signal: ctx.signal,
      }));
    } catch (err) {
      if (err instanceof HttpError && err.response && err.failure === "status") {
        const specific = googleError(err.response.status, err.response.body, secretName);
        if (specific) throw specific;
      }
      throw genericSourceError(err, {
        siteName: "Google Places",
        authFix: `check ${secretName}`,
        notFoundFix: "check placeId in the config",
      });
    }
    yield parsePlace(data);
  },
};
