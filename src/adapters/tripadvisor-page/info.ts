import type { AdapterInfo } from "../types.js";

export const tripadvisorPage: AdapterInfo = {
  method: "tripadvisor-page",
  site: "tripadvisor",
  title: "Tripadvisor review pages",
  selects: (s) =>
    s.site === "tripadvisor" &&
    (s as Record<string, unknown>)["url"] !== undefined &&
    (s as Record<string, unknown>)["locationId"] === undefined,
  secrets: () => [],
  capabilities: { cap: null, order: "newest", listsEverything: true, paged: true, canReply: false },
  terms:
    "Tripadvisor's terms forbid scraping its pages without permission: page mode is opt-in, at your own risk, and may be blocked.",
  load: async () => (await import("./index.js")).adapter,
};
