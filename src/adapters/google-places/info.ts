import type { AdapterInfo } from "../types.js";

export const googlePlaces: AdapterInfo = {
  method: "google-places",
  site: "google",
  title: "Google Places API (New)",
  selects: (s) => s.site === "google" && (s as Record<string, unknown>)["location"] === undefined,
  secrets: (s) => [
    {
      name: s.apiKeyEnv ?? "GOOGLE_PLACES_API_KEY",
      purpose: "a Google Maps Platform API key with the Places API (New) enabled",
    },
  ],
  capabilities: { cap: 5, order: "relevance", listsEverything: false, paged: false, canReply: false },
  terms:
    "Google Maps Platform terms: show Google attribution with the content; Places content may not be cached beyond what the terms allow (place ids may be stored indefinitely).",
  load: async () => (await import("./index.js")).adapter,
};
