import type { AdapterInfo } from "../types.js";

export const DEFAULT_GRAPH_VERSION = "v23.0";

export const facebookGraph: AdapterInfo = {
  method: "facebook-graph",
  site: "facebook",
  title: "Facebook Graph API (page ratings)",
  selects: (s) => s.site === "facebook",
  secrets: (s) => [
    {
      name: s.apiKeyEnv ?? "FACEBOOK_PAGE_TOKEN",
      purpose: "a Page access token with pages_read_user_content",
    },
  ],
  capabilities: { cap: null, order: "newest", listsEverything: true, paged: true, canReply: false },
  terms:
    "Meta Platform Terms: use the Page's own token; data may be kept only as long as needed for the Page's purposes, and deleted when the Page asks.",
  load: async () => (await import("./index.js")).adapter,
};
