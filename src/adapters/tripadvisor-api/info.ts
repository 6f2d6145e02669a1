import type { AdapterInfo } from "../types.js";

export const tripadvisorApi: AdapterInfo = {
  method: "tripadvisor-api",
  site: "tripadvisor",
  title: "Tripadvisor Content API",
  selects: (s) => s.site === "tripadvisor" && (s as Record<string, unknown>)["locationId"] !== undefined,
  secrets: (s) => [{ name: s.apiKeyEnv ?? "TRIPADVISOR_API_KEY", purpose: "a Tripadvisor Content API key" }],
  capabilities: { cap: 5, order: "newest", listsEverything: false, paged: false, canReply: false },
  terms:
    "Tripadvisor Content API terms: show attribution and link back; its caching policy forbids storing content other than ids — keeping reviews locally conflicts with it (see the adapter's readme).",
  load: async () => (await import("./index.js")).adapter,
};
