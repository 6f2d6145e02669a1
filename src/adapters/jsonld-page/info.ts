import type { AdapterInfo } from "../types.js";

export const jsonldPage: AdapterInfo = {
  method: "jsonld-page",
  site: "jsonld",
  title: "schema.org Review markup on a page",
  selects: (s) => s.site === "jsonld",
  secrets: () => [],
  capabilities: { cap: null, order: "relevance", listsEverything: true, paged: false, canReply: false },
  terms:
    "Reads one page per run: respect the site's terms and robots.txt; best used on your own website or directories that allow it.",
  load: async () => (await import("./index.js")).adapter,
};
