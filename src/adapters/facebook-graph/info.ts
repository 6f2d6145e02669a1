import { z } from "zod";
import type { AdapterInfo } from "../types.js";

export const DEFAULT_GRAPH_VERSION = "v23.0";

export const facebookGraph: AdapterInfo = {
  method: "facebook-graph",
  site: "facebook",
  title: "Facebook Graph API (page ratings)",
  selects: (s) => s.site === "facebook",
  keys: z.looseObject({
    pageId: z
      .union([z.string().min(1), z.number().int().positive()], {
        message: "expected the Facebook page id (digits) or its alias",
      })
      .transform(String),
    apiVersion: z
      .string()
      .regex(/^v\d+\.\d+$/, { message: 'expected a Graph API version such as "v23.0"' })
      .optional(),
  }),
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
