// Every parser, given arbitrary JSON (including __proto__ keys and huge values), returns reviews or
// throws its own typed error, quickly.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { googleError, parsePlace } from "../../src/adapters/google-places/parse.js";
import { parseReviewsPage } from "../../src/adapters/google-business/parse.js";
import { parseRatings } from "../../src/adapters/facebook-graph/parse.js";
import { parseFusion, yelpError } from "../../src/adapters/yelp-fusion/index.js";
import { parseContentReviews, tripadvisorError } from "../../src/adapters/tripadvisor-api/index.js";
import { parseLoadMore, parseState } from "../../src/adapters/zomato-page/parse.js";
import { parseJsonLdPage } from "../../src/adapters/jsonld-page/parse.js";
import { parseTripadvisorPage } from "../../src/adapters/tripadvisor-page/parse.js";
import { parseYelpPage } from "../../src/adapters/yelp-page/parse.js";
import { MAX_PAGE_DEPTH, nestsDeeperThan } from "../../src/extract/page.js";
import { parseImport } from "../../src/import/parse.js";
import { SourceError } from "../../src/errors.js";

const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": 1}, "reviews": [{"__proto__": {"rating": 5}}]}')),
  fc.record({
    reviews: fc.array(
      fc.record(
        {
          name: fc.string(),
          rating: fc.oneof(fc.double(), fc.string(), fc.constant(null)),
          publishTime: fc.string(),
        },
        { requiredKeys: [] },
      ),
    ),
  }),
  fc.record({
    reviews: fc.constant([
      {
        name: "x".repeat(100_000),
        rating: 3,
        publishTime: "2026-01-01T00:00:00Z",
        text: { text: "y".repeat(1_000_000) },
      },
    ]),
  }),
);

describe("parsers on arbitrary input", () => {
  it("Google Places: reviews or a SourceError, never anything else, within the budget", () => {
    fc.assert(
      fc.property(hostileJson, (value) => {
        const t0 = performance.now();
        try {
          const page = parsePlace(value);
          for (const r of page.reviews) {
            expect(typeof r.externalId).toBe("string");
            expect(r.rating).toBeGreaterThanOrEqual(1);
          }
        } catch (err) {
          expect(err).toBeInstanceOf(SourceError);
        }
        expect(performance.now() - t0).toBeLessThan(1000);
        expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });
  it("import: rows or row errors (or one clear Error for an unreadable file)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          hostileJson.map((v) => JSON.stringify(v)),
        ),
        fc.constantFrom("csv", "json", "jsonl") as fc.Arbitrary<"csv" | "json" | "jsonl">,
        (text, format) => {
          try {
            const r = parseImport(text, format, new Date("2026-11-22T00:00:00Z"));
            for (const e of r.errors) expect(e.line).toBeGreaterThan(0);
          } catch (err) {
            expect(err).toBeInstanceOf(Error);
            expect((err as Error).message).toMatch(/^the (CSV cannot be read|file is not valid JSON)/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

// Every other adapter's parser: JSON ones on arbitrary JSON, page ones on arbitrary text and on their
// own fixtures cut, spliced and salted with hostile markup.
const NOW = new Date("2026-11-22T00:00:00Z");
const fixture = (p: string) => fs.readFileSync(path.resolve("fixtures", p), "utf8");

function checkPage(run: () => { reviews: { externalId: unknown; rating: number | null }[] }): void {
  const t0 = performance.now();
  try {
    const page = run();
    expect(Array.isArray(page.reviews)).toBe(true);
    for (const r of page.reviews) {
      expect(typeof r.externalId).toBe("string");
      if (r.rating != null) {
        expect(r.rating).toBeGreaterThanOrEqual(1);
        expect(r.rating).toBeLessThanOrEqual(5);
      }
    }
  } catch (err) {
    expect(err).toBeInstanceOf(SourceError);
  }
  // A hang guard, not a speed claim (speed is measured in bench/).
  expect(performance.now() - t0).toBeLessThan(2000);
  expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
}

const JSON_PARSERS: [
  string,
  (v: unknown) => { reviews: { externalId: unknown; rating: number | null }[] },
  string,
][] = [
  ["Google Business Profile", parseReviewsPage, "google-business/page1.json"],
  ["Facebook Graph", parseRatings, "facebook-graph/page1.json"],
  ["Yelp Fusion", parseFusion, "yelp-fusion/reviews.json"],
  ["Tripadvisor Content API", parseContentReviews, "tripadvisor-api/reviews.json"],
  ["Zomato load-more", (v) => parseLoadMore(v, NOW), "zomato-page/page1.json"],
];

/** A real response with one of its values replaced by something hostile, at a random place. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  const hostile = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constant(JSON.parse('{"__proto__": {"polluted": 1}}') as unknown),
    fc.constant("x".repeat(200_000)),
    fc.constant(1e308),
    fc.constant(-1),
  );
  return fc.tuple(fc.nat(), hostile).map(([n, value]) => {
    const copy = structuredClone(base) as unknown;
    const slots: { parent: Record<string, unknown>; key: string }[] = [];
    const walk = (v: unknown) => {
      if (v && typeof v === "object")
        for (const [k, child] of Object.entries(v)) {
          slots.push({ parent: v as Record<string, unknown>, key: k });
          walk(child);
        }
    };
    walk(copy);
    const slot = slots[n % Math.max(slots.length, 1)];
    if (slot) slot.parent[slot.key] = value;
    return copy;
  });
}

describe("every JSON parser on arbitrary and mutated responses", () => {
  for (const [name, parse, file] of JSON_PARSERS) {
    it(`${name}: reviews or a SourceError`, () => {
      const real = JSON.parse(fixture(file)) as unknown;
      fc.assert(
        fc.property(fc.oneof(hostileJson, mutated(real)), (value) => checkPage(() => parse(value))),
        { numRuns: 300 },
      );
    });
  }
  it("error bodies: a typed error or nothing, never a throw, whatever the body", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.oneof(
          fc.string(),
          hostileJson.map((v) => JSON.stringify(v)),
        ),
        (status, body) => {
          for (const read of [
            () => googleError(status, body, "KEY"),
            () => yelpError(status, body, "KEY"),
            () => tripadvisorError(status, body, "KEY"),
          ]) {
            const e = read();
            if (e !== undefined) expect(e).toBeInstanceOf(SourceError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

const HOSTILE_MARKUP = fc.constantFrom(
  "<script>alert(1)</script>",
  '<a href="javascript:alert(1)">x</a>',
  '<script type="application/ld+json">{"@type":"Review","__proto__":{"polluted":1},"reviewRating":{"ratingValue":"NaN"}}</script>',
  '<script type="application/ld+json">[[[[[[[[[[',
  "\u202e\u0000\u001b]52;c;AAAA\u0007",
  "<div>".repeat(5000),
  "&#x0;&#xD800;&bogus;",
);

/** A real page cut at a random place, or with hostile markup spliced in. */
function mangled(html: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: html.length }).map((n) => html.slice(0, n)),
    fc
      .tuple(fc.nat({ max: html.length }), HOSTILE_MARKUP)
      .map(([n, bad]) => html.slice(0, n) + bad + html.slice(n)),
    fc.tuple(fc.nat({ max: html.length }), fc.string()).map(([n, s]) => html.slice(0, n) + s + html.slice(n)),
  );
}

describe("every page parser on arbitrary and mangled pages", () => {
  const pages: [
    string,
    (html: string) => { reviews: { externalId: unknown; rating: number | null }[] },
    string,
  ][] = [
    [
      "schema.org JSON-LD",
      (h) => parseJsonLdPage(h, "https://example.com/reviews"),
      "jsonld-page/reviews.html",
    ],
    [
      "Tripadvisor page",
      (h) =>
        parseTripadvisorPage(h, "https://www.tripadvisor.com/Restaurant_Review-g1-d2-Reviews-X.html", NOW),
      "tripadvisor-page/page0-older.html",
    ],
    ["Yelp page", (h) => parseYelpPage(h, NOW), "yelp-page/page0.html"],
    ["Zomato page state", (h) => ({ reviews: [], state: parseState(h) }), "zomato-page/restaurant.html"],
  ];
  for (const [name, parse, file] of pages) {
    it(`${name}: reviews or a SourceError`, () => {
      const real = fixture(file);
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), mangled(real)), (html) =>
          checkPage(() => parse(html)),
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe("a page nested too deeply for the HTML library", () => {
  it("is the source's own error (invalid-response), not a stack overflow", () => {
    const deep = `${"<div>".repeat(20_000)}<p>x</p>`;
    expect(nestsDeeperThan(deep, MAX_PAGE_DEPTH)).toBe(true);
    expect(nestsDeeperThan(fixture("yelp-page/page0.html"), 40)).toBe(false);
    for (const parse of [
      () => parseYelpPage(deep, NOW),
      () => parseTripadvisorPage(deep, "https://www.tripadvisor.com/x", NOW),
      () => parseJsonLdPage(deep, "https://example.com/"),
    ]) {
      let caught: unknown;
      try {
        parse();
      } catch (err) {
        caught = err;
      }
      // Either read (no reviews) or refused with the typed error: never a RangeError.
      if (caught) {
        expect(caught).toBeInstanceOf(SourceError);
        expect((caught as SourceError).kind).toMatch(/invalid-response|layout-changed/);
      }
    }
    expect(() => parseYelpPage(deep, NOW)).toThrow(/Yelp sent a page nested too deeply to read/);
  });
});
