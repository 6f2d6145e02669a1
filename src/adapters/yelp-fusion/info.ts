import type { AdapterInfo } from "../types.js";

export const yelpFusion: AdapterInfo = {
  method: "yelp-fusion",
  site: "yelp",
  title: "Yelp Fusion API",
  selects: (s) => s.site === "yelp" && (s as Record<string, unknown>)["business"] !== undefined,
  secrets: (s) => [{ name: s.apiKeyEnv ?? "YELP_API_KEY", purpose: "a Yelp Fusion API key" }],
  capabilities: { cap: 3, order: "relevance", listsEverything: false, paged: false, canReply: false },
  terms:
    "Yelp API Terms: show Yelp attribution and link back; review excerpts may not be stored longer than the terms allow (24 h cache).",
  load: async () => (await import("./index.js")).adapter,
};
