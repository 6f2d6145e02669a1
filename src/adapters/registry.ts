// Explicit map of adapters. A test fails when a folder under src/adapters is missing here.
import type { SourceBase } from "../config/schema.js";
import type { AdapterInfo } from "./types.js";
import { googlePlaces } from "./google-places/info.js";
import { facebookGraph } from "./facebook-graph/info.js";
import { googleBusiness } from "./google-business/info.js";
import { yelpFusion } from "./yelp-fusion/info.js";
import { yelpPage } from "./yelp-page/info.js";
import { tripadvisorApi } from "./tripadvisor-api/info.js";
import { tripadvisorPage } from "./tripadvisor-page/info.js";
import { jsonldPage } from "./jsonld-page/info.js";
import { zomatoPage } from "./zomato-page/info.js";

export const ADAPTERS: readonly AdapterInfo[] = [
  googlePlaces,
  googleBusiness,
  yelpFusion,
  yelpPage,
  facebookGraph,
  tripadvisorApi,
  tripadvisorPage,
  zomatoPage,
  jsonldPage,
];

/** The adapter a source's keys choose, or undefined when none fits. */
export function adapterFor(source: SourceBase): AdapterInfo | undefined {
  return ADAPTERS.find((a) => a.site === source.site && a.selects(source));
}

export function adaptersForSite(site: string): AdapterInfo[] {
  return ADAPTERS.filter((a) => a.site === site);
}
