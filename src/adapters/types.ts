// The contract between the check runner and a site adapter.
import type { ParsedReview, Site } from "../domain/review.js";
import type { SourceBase } from "../config/schema.js";
import type { HttpClient } from "../http/client.js";

export interface Capabilities {
  /** Most reviews the method can ever see (Places: 5), or null for all. */
  cap: number | null;
  /** The order reviews come in. Incremental stop needs "newest". */
  order: "newest" | "relevance" | "recent";
  /** A complete walk returns every review, so one that disappears was removed. */
  listsEverything: boolean;
  /** More than one page per run. */
  paged: boolean;
  /** Replies can be posted through this method. */
  canReply: boolean;
}

export interface SecretNeed {
  name: string;
  /** What it is, for the message when it is missing ("a Google Maps Platform API key"). */
  purpose: string;
}

/** Light description of an adapter: loading it must not pull in cheerio or undici. */
export interface AdapterInfo {
  /** Folder name under src/adapters, unique: "google-places". */
  method: string;
  site: Site;
  /** For people: "Google Places API (New)". */
  title: string;
  /** Does this source's config choose this method (e.g. `url` → page mode)? */
  selects(source: SourceBase): boolean;
  /** The secrets this source needs, given what the environment holds (some sites accept either of two). */
  secrets(source: SourceBase, env: NodeJS.ProcessEnv): SecretNeed[];
  capabilities: Capabilities;
  /** The site's terms on automated access and caching, in one or two sentences. */
  terms: string;
  load(): Promise<SiteAdapter>;
}

export interface SourcePage {
  reviews: ParsedReview[];
  /** What the site reports for the whole business, when it does. */
  summary?: { rating: number | null; count: number | null; name?: string | null };
  /** One line each: a malformed item skipped, an optional field missing. */
  warnings: string[];
}

export interface FetchContext {
  source: SourceBase & Record<string, unknown>;
  http: HttpClient;
  /** Secrets resolved from `info.secrets(source)`, by variable name. */
  secrets: Record<string, string>;
  /** Epoch ms: the source's budget runs out then. */
  deadline: number;
  signal: AbortSignal;
  /** Walk every page, ignoring the incremental stop. */
  full: boolean;
  /** What this source's adapter remembered from earlier runs; changes are saved after the run. */
  state?: Record<string, unknown>;
}

export interface SiteAdapter {
  /**
   * Pages of reviews, newest first where the site allows. The runner stops iterating when a page
   * holds nothing new (incremental stop) or `maxPages` is reached; a generator that returns by
   * itself has walked everything.
   */
  pages(ctx: FetchContext): AsyncGenerator<SourcePage, void, undefined>;
  /** Posts (or replaces) the owner's reply to a review; only where `capabilities.canReply`. */
  postReply?(ctx: FetchContext, externalId: string, text: string): Promise<{ postedAt: string | null }>;
}
