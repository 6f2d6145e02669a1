// Helpers for page-mode adapters. Loaded only by adapters' index.ts (never at startup).
import { SourceError } from "../errors.js";
import { HttpError } from "../http/client.js";
import { genericSourceError } from "../adapters/errors.js";
import type { FetchContext } from "../adapters/types.js";
import { blockedReason } from "./blocked.js";

export { blockedReason };

/** "1,234 reviews" → 1234, "(1.234 Bewertungen)" → 1234, "10.2K" → 10200. */
// Elements that never nest (void) or close themselves implicitly: not counted as depth.
const FLAT = new Set(
  "area base br col embed hr img input link meta param source track wbr p li td th tr option dt dd tbody thead tfoot colgroup rb rt rp optgroup".split(
    " ",
  ),
);
/** Real pages nest a few dozen levels; the HTML library slows down (and then overflows) at thousands. */
export const MAX_PAGE_DEPTH = 1500;

/** Does the markup nest deeper than `limit` elements? One pass over the tags, no parsing. */
export function nestsDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g)) {
    const name = m[2]!.toLowerCase();
    if (FLAT.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
  return false;
}

/**
 * Runs a page parser. A page nested so deeply that the HTML library would crawl (quadratic time)
 * or run out of stack — a hostile or broken page — becomes the source's own error instead.
 */
export function guardDeepPage<T>(siteName: string, html: string, parse: () => T): T {
  const tooDeep = () =>
    new SourceError(
      "invalid-response",
      `${siteName} sent a page nested too deeply to read: the next run tries again; if it repeats, the site may be blocking automated reading`,
      { step: "parse" },
    );
  if (nestsDeeperThan(html, MAX_PAGE_DEPTH)) throw tooDeep();
  try {
    return parse();
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep();
    throw err;
  }
}

export function parseCount(text: string | null | undefined): number | null {
  if (!text) return null;
  const k = /(\d+(?:[.,]\d+)?)\s*[kK]\b/.exec(text);
  if (k) return Math.round(Number(k[1]!.replace(",", ".")) * 1000);
  const m = /(\d{1,3}(?:[,.\s\u00a0]\d{3})+|\d+)/.exec(text);
  return m ? Number(m[1]!.replace(/[,.\s\u00a0]/g, "")) : null;
}

/** GET a page; a 403/429-with-challenge or a captcha/login page is `blocked` (never retried in a loop). */
export async function fetchPage(ctx: FetchContext, url: string, siteName: string): Promise<string> {
  let body: string;
  let status: number;
  try {
    const res = await ctx.http.getText(url, {
      headers: { accept: "text/html,application/xhtml+xml", "accept-language": "en-US,en;q=0.8" },
      deadline: ctx.deadline,
      signal: ctx.signal,
      okStatuses: [403],
    });
    body = res.body;
    status = res.status;
  } catch (err) {
    if (err instanceof HttpError && err.response?.status === 404) {
      throw new SourceError(
        "not-found",
        `${siteName} has no page at ${url} (HTTP 404): check url in the config`,
        { status: 404 },
      );
    }
    throw genericSourceError(err, {
      siteName,
      authFix: "the site refused the page",
      notFoundFix: "check url in the config",
    });
  }
  const reason = blockedReason(body);
  if (status === 403 || reason) {
    throw new SourceError(
      "blocked",
      `${siteName} blocked the request (${status === 403 ? "HTTP 403" : reason}): page mode depends on the site's goodwill; try again later, or use the site's API`,
      { status },
    );
  }
  return body;
}
