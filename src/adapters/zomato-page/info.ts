import type { AdapterInfo } from "../types.js";

export const zomatoPage: AdapterInfo = {
  method: "zomato-page",
  site: "zomato",
  title: "Zomato restaurant page",
  selects: (s) => s.site === "zomato",
  secrets: () => [],
  capabilities: { cap: null, order: "newest", listsEverything: true, paged: true, canReply: false },
  terms:
    "Zomato has offered no public API since 2021 and its terms forbid automated access: page mode is opt-in and may be blocked at any time.",
  load: async () => (await import("./index.js")).adapter,
};
