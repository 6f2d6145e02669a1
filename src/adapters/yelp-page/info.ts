import type { AdapterInfo } from "../types.js";

export const yelpPage: AdapterInfo = {
  method: "yelp-page",
  site: "yelp",
  title: "Yelp business page",
  selects: (s) =>
    s.site === "yelp" &&
    (s as Record<string, unknown>)["url"] !== undefined &&
    (s as Record<string, unknown>)["business"] === undefined,
  secrets: () => [],
  capabilities: { cap: null, order: "newest", listsEverything: true, paged: true, canReply: false },
  terms:
    "Yelp's terms forbid automated access to its pages without Yelp's written permission: page mode is opt-in, at your own risk, and may be blocked.",
  load: async () => (await import("./index.js")).adapter,
};
