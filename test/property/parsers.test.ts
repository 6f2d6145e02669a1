// Every parser, given arbitrary JSON (including __proto__ keys and huge values), returns reviews or
// throws its own typed error, quickly.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parsePlace } from "../../src/adapters/google-places/parse.js";
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
