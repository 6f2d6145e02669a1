// The site-specific keys of each adapter's sources, as zod schemas, by adapter method. Apart from the
// adapters' light descriptions (info.ts, registry.ts), so that the commands that only read the
// database (digest, list, stats…) never load zod: the library alone takes about 80 ms to load.
// Read by config validation (config/load.ts), which loads zod anyway. A test checks that every
// adapter of the registry has its schema here.
import { z } from "zod";

/** A page address with an example of the right one in the message. */
export const pageUrl = (example: string) =>
  z
    .string({ message: `expected the page's address, e.g. ${example}` })
    .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), {
      message: `expected an http(s) address, e.g. ${example}`,
    });

export const ADAPTER_KEYS: Readonly<Record<string, z.ZodType>> = {
  "facebook-graph": z.looseObject({
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
  "google-business": z.looseObject({
    location: z
      .string({ message: 'expected "accounts/{accountId}/locations/{locationId}"' })
      .regex(/^accounts\/[^/\s]+\/locations\/[^/\s]+$/, {
        message: 'expected "accounts/{accountId}/locations/{locationId}", e.g. accounts/1234/locations/5678',
      }),
    tokenUrl: z
      .string()
      .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), { message: "expected an http(s) URL" })
      .optional(),
  }),
  "google-places": z.looseObject({
    placeId: z
      .string({
        message: "expected the Google place id (starts with ChIJ; find it with Google's Place ID Finder)",
      })
      .min(1, { message: "expected the Google place id" }),
    languageCode: z.string().optional(),
    regionCode: z.string().optional(),
  }),
  "jsonld-page": z.looseObject({ url: pageUrl("https://www.example.com/reviews") }),
  "tripadvisor-api": z.looseObject({
    locationId: z
      .union([z.string().regex(/^\d+$/), z.number().int().positive()], {
        message: "expected the Tripadvisor location id (the digits after -d in the page address)",
      })
      .transform(String),
    language: z.string().min(2, { message: 'expected a language code such as "en" or "vi"' }).optional(),
  }),
  "tripadvisor-page": z.looseObject({
    url: pageUrl(
      "https://www.tripadvisor.com/Restaurant_Review-g293924-d8765432-Reviews-Gio_Mua_Kitchen-Hanoi.html",
    ).refine((v) => /-Reviews-/.test(v), {
      message: 'expected a Tripadvisor review page address containing "-Reviews-"',
    }),
  }),
  "yelp-fusion": z.looseObject({
    business: z
      .string({ message: "expected the Yelp business alias or id, e.g. gio-mua-kitchen-ha-noi" })
      .min(1, { message: "expected the Yelp business alias or id" }),
    locale: z
      .string()
      .regex(/^[a-z]{2}_[A-Z]{2}$/, { message: 'expected a Yelp locale such as "en_US"' })
      .optional(),
  }),
  "yelp-page": z.looseObject({ url: pageUrl("https://www.yelp.com/biz/gio-mua-kitchen-ha-noi") }),
  "zomato-page": z.looseObject({
    url: pageUrl("https://www.zomato.com/hanoi/gio-mua-kitchen-hoan-kiem/reviews"),
  }),
};

/** The schema of a method's keys (every adapter of the registry has one: a test checks it). */
export function keysOf(method: string): z.ZodType {
  const schema = ADAPTER_KEYS[method];
  if (!schema) throw new Error(`internal: no key schema for the adapter "${method}" (src/adapters/keys.ts)`);
  return schema;
}
