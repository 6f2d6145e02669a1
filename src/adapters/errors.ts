// Turning transport failures and site error bodies into SourceErrors with a fix in one line.
import { SourceError } from "../errors.js";
import { HttpError } from "../http/client.js";
import { redact } from "../util/redact.js";
import { blockedReason } from "../extract/blocked.js";

export interface ErrorContext {
  /** "Google Places", "Yelp". */
  siteName: string;
  /** What to check when access is refused: "check GOOGLE_PLACES_API_KEY". */
  authFix: string;
  /** What to check when the thing is not found: "check placeId in the config". */
  notFoundFix: string;
}

/** The generic mapping; adapters first try their own site-specific reading of the body. */
export function genericSourceError(err: unknown, ctx: ErrorContext): SourceError {
  if (err instanceof SourceError) return err;
  if (!(err instanceof HttpError)) {
    return new SourceError(
      "invalid-response",
      redact(`${ctx.siteName}: ${(err as Error)?.message ?? String(err)}`),
    );
  }
  const status = err.response?.status;
  switch (err.failure) {
    case "timeout":
      return new SourceError(
        "timeout",
        `${ctx.siteName} did not answer in time: the site may be slow or down; the next run tries again`,
      );
    case "network":
      return new SourceError(
        "network",
        `${ctx.siteName}: ${err.message}: check the internet connection (or baseUrl)`,
      );
    case "too-large":
      return new SourceError("invalid-response", `${ctx.siteName}: ${err.message}; the page was not read`);
    case "redirects":
      return new SourceError(
        "invalid-response",
        `${ctx.siteName} redirected in a loop: check the address in the config`,
      );
    case "aborted":
      return new SourceError("network", `${ctx.siteName}: interrupted`);
    case "retry-later":
      return new SourceError(
        "rate-limited",
        `${ctx.siteName} asks to slow down (HTTP ${status ?? "429"}): retry after ${err.retryAt ?? "a while"}`,
        { status, retryAfter: err.retryAt },
      );
    case "status":
      break;
  }
  const reason = err.response ? blockedReason(err.response.body) : null;
  if (reason && (status == null || status < 500)) {
    return new SourceError("blocked", `${ctx.siteName} blocked the request (${reason}): try again later`, {
      status,
    });
  }
  if (status == null || (status >= 200 && status < 300)) {
    return new SourceError(
      "invalid-response",
      `${ctx.siteName} sent a response that is not valid JSON: the site may have changed; try again later`,
      { status },
    );
  }
  if (status === 401 || status === 403) {
    return new SourceError("auth", `${ctx.siteName} refused access (HTTP ${status}): ${ctx.authFix}`, {
      status,
    });
  }
  if (status === 404)
    return new SourceError(
      "not-found",
      `${ctx.siteName} found nothing there (HTTP 404): ${ctx.notFoundFix}`,
      { status },
    );
  if (status === 429) {
    return new SourceError(
      "rate-limited",
      `${ctx.siteName} asks to slow down (HTTP 429): the next run tries again`,
      { status },
    );
  }
  if (status >= 500) {
    return new SourceError(
      "network",
      `${ctx.siteName} had a server error (HTTP ${status}): the next run tries again`,
      { status },
    );
  }
  return new SourceError(
    "invalid-response",
    `${ctx.siteName} answered HTTP ${status}: check the source's settings`,
    { status },
  );
}
