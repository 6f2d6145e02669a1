import { HttpError } from "../../http/client.js";
import { SourceError } from "../../errors.js";
import { registerSecret } from "../../util/redact.js";
import { genericSourceError } from "../errors.js";
import { googleError } from "../google-places/parse.js";
import type { FetchContext, SiteAdapter, SourcePage } from "../types.js";
import { parseReviewsPage } from "./parse.js";

const ORIGIN = "https://mybusiness.googleapis.com";
const TOKEN_URL = "https://oauth2.googleapis.com/token";

/** A ready token, or one refreshed from the client id/secret/refresh token (tokens live ~1 h). */
async function accessToken(ctx: FetchContext): Promise<{ token: string; variable: string }> {
  const ready = ctx.secrets["GOOGLE_OAUTH_ACCESS_TOKEN"];
  if (ready) return { token: ready, variable: "GOOGLE_OAUTH_ACCESS_TOKEN" };
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    client_id: ctx.secrets["GOOGLE_OAUTH_CLIENT_ID"] ?? "",
    client_secret: ctx.secrets["GOOGLE_OAUTH_CLIENT_SECRET"] ?? "",
    refresh_token: ctx.secrets["GOOGLE_OAUTH_REFRESH_TOKEN"] ?? "",
  });
  const url = typeof ctx.source["tokenUrl"] === "string" ? ctx.source["tokenUrl"] : TOKEN_URL;
  let body: string;
  try {
    const res = await ctx.http.send(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form.toString(),
      deadline: ctx.deadline,
      signal: ctx.signal,
      okStatuses: [400, 401],
    });
    body = res.body;
  } catch (err) {
    throw genericSourceError(err, {
      siteName: "Google OAuth",
      authFix: "check GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET",
      notFoundFix: "check tokenUrl",
    });
  }
  let json: { access_token?: string; error?: string; error_description?: string };
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    throw new SourceError(
      "invalid-response",
      "Google OAuth answered with something that is not JSON: try again later",
    );
  }
  if (!json.access_token) {
    const why = json.error
      ? `${json.error}${json.error_description ? `: ${json.error_description}` : ""}`
      : "no access_token";
    const fix =
      json.error === "invalid_client"
        ? "check GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET"
        : "renew GOOGLE_OAUTH_REFRESH_TOKEN (it may have been revoked or expired)";
    throw new SourceError("auth", `Google refused to refresh the access token (${why}): ${fix}`);
  }
  registerSecret(json.access_token);
  return { token: json.access_token, variable: "GOOGLE_OAUTH_REFRESH_TOKEN" };
}

/** PUT …/reviews/{id}/reply: creates the reply, or replaces the one there (one reply per review). */
async function postReply(
  ctx: FetchContext,
  externalId: string,
  text: string,
): Promise<{ postedAt: string | null }> {
  const location = String(ctx.source["location"]);
  const { token, variable } = await accessToken(ctx);
  const url = new URL(
    `/v4/${location}/reviews/${encodeURIComponent(externalId)}/reply`,
    ctx.source.baseUrl ?? ORIGIN,
  );
  let body: string;
  try {
    const res = await ctx.http.send(url.toString(), {
      method: "PUT",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json; charset=utf-8",
        accept: "application/json",
      },
      body: JSON.stringify({ comment: text }),
      deadline: ctx.deadline,
      signal: ctx.signal,
    });
    body = res.body;
  } catch (err) {
    if (err instanceof HttpError && err.response && err.failure === "status") {
      const st = err.response.status;
      if (st === 401)
        throw new SourceError(
          "auth",
          `Google rejected the access token (401 UNAUTHENTICATED): renew ${variable}`,
          {
            status: st,
          },
        );
      if (st === 400)
        throw new SourceError(
          "invalid-response",
          "Google refused the reply (400 INVALID_ARGUMENT): check its length (at most 4096 bytes) and that it holds no links or personal data",
          { status: st },
        );
      if (st === 404)
        throw new SourceError(
          "not-found",
          "Google does not know this review any more (404): it may have been removed; run reviews check",
          { status: st },
        );
      const specific = googleError(st, err.response.body, variable);
      if (specific) throw specific;
    }
    throw genericSourceError(err, {
      siteName: "Google Business Profile",
      authFix: `check that ${variable} has the business.manage scope for ${location}`,
      notFoundFix: "the review may have been removed: run reviews check",
    });
  }
  try {
    const json = JSON.parse(body) as { updateTime?: unknown };
    return { postedAt: typeof json.updateTime === "string" ? json.updateTime : null };
  } catch {
    return { postedAt: null };
  }
}

export const adapter: SiteAdapter = {
  postReply,
  async *pages(ctx: FetchContext): AsyncGenerator<SourcePage, void, undefined> {
    const location = String(ctx.source["location"]);
    const { token, variable } = await accessToken(ctx);
    let pageToken: string | null = null;
    const seen = new Set<string>();
    do {
      const url = new URL(`/v4/${location}/reviews`, ctx.source.baseUrl ?? ORIGIN);
      url.searchParams.set("pageSize", "50");
      url.searchParams.set("orderBy", "updateTime desc");
      if (pageToken) url.searchParams.set("pageToken", pageToken);
      let data: unknown;
      try {
        ({ data } = await ctx.http.getJson(url.toString(), {
          headers: { authorization: `Bearer ${token}` },
          deadline: ctx.deadline,
          signal: ctx.signal,
        }));
      } catch (err) {
        if (err instanceof HttpError && err.response && err.failure === "status") {
          const s = err.response.status;
          if (s === 401)
            throw new SourceError(
              "auth",
              `Google rejected the access token (401 UNAUTHENTICATED): renew ${variable}`,
              { status: s },
            );
          if (s === 403) {
            throw new SourceError(
              "auth",
              `Google refused access to ${location} (403 PERMISSION_DENIED): the account must manage this location, and Google must have approved API access for the project`,
              { status: s },
            );
          }
          if (s === 429) {
            throw new SourceError(
              "rate-limited",
              "Google Business Profile quota used up (429 RESOURCE_EXHAUSTED; it is 0 until Google approves the project): the next run tries again",
              {
                status: s,
              },
            );
          }
          const specific = googleError(s, err.response.body, variable);
          if (specific && specific.kind !== "not-found") throw specific;
          if (s === 404)
            throw new SourceError(
              "not-found",
              `Google does not know ${location} (404): check location in the config`,
              { status: s },
            );
        }
        throw genericSourceError(err, {
          siteName: "Google Business Profile",
          authFix: `renew ${variable}`,
          notFoundFix: "check location in the config",
        });
      }
      const page = parseReviewsPage(data);
      yield { reviews: page.reviews, warnings: page.warnings, summary: page.summary };
      pageToken = page.nextPageToken;
      if (pageToken && seen.has(pageToken))
        throw new SourceError(
          "invalid-response",
          "Google sent the same page token twice (a paging loop): the next run tries again",
        );
      if (pageToken) seen.add(pageToken);
    } while (pageToken);
  },
};
