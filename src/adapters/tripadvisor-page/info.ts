import { z } from "zod";
import type { AdapterInfo } from "../types.js";
import { pageUrl } from "../jsonld-page/info.js";

export const tripadvisorPage: AdapterInfo = {
  method: "tripadvisor-page",
  site: "tripadvisor",
  title: "Tripadvisor review pages",
  selects: (s) =>
    s.site === "tripadvisor" &&
    (s as Record<string, unknown>)["url"] !== undefined &&
    (s as Record<string, unknown>)["locationId"] === undefined,
  keys: z.looseObject({
    url: pageUrl(
      "https://www.tripadvisor.com/Restaurant_Review-g293924-d8765432-Reviews-Gio_Mua_Kitchen-Hanoi.html",
    ).refine((v) => /-Reviews-/.test(v), {
      message: 'expected a Tripadvisor review page address containing "-Reviews-"',
    }),
  }),
  secrets: () => [],
  capabilities: { cap: null, order: "newest", listsEverything: true, paged: true, canReply: false },
  terms:
    "Tripadvisor's terms forbid scraping its pages without permission: page mode is opt-in, at your own risk, and may be blocked.",
  load: async () => (await import("./index.js")).adapter,
};
