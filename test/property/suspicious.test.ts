// duplicates() (numbered shingles, sorted sets, hashes worked out from each word's) against the way
// it was done before (test/insights/reference-suspicious.ts: string shingles and sets): the same
// groups, names and similarities, on random texts made to be near-copies of each other.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { duplicates, normalText, type Member } from "../../src/insights/suspicious.js";
import { referenceDuplicates } from "../insights/reference-suspicious.js";

// Few words, so that texts share many pairs; Vietnamese and Estonian letters included.
const WORD = fc.constantFrom(
  "pho",
  "ngon",
  "qua",
  "the",
  "food",
  "was",
  "cold",
  "toit",
  "oli",
  "külm",
  "rất",
  "ngon",
  "a",
  "b",
);
// A case: a few base texts, and texts that are each a base with up to 3 words changed (so near
// copies at every similarity) or words of their own.
const caseArb = fc.record({
  bases: fc.array(fc.array(WORD, { minLength: 6, maxLength: 20 }), { minLength: 1, maxLength: 3 }),
  items: fc.array(
    fc.record({
      base: fc.option(fc.nat(), { nil: null, freq: 6 }),
      own: fc.array(WORD, { minLength: 1, maxLength: 12 }),
      edits: fc.array(fc.tuple(fc.nat(), WORD), { maxLength: 3 }),
      name: fc.option(fc.constantFrom("mai", "tuan", "kadri", "anna"), { nil: null }),
      source: fc.constantFrom("g", "y"),
    }),
    { minLength: 1, maxLength: 60 },
  ),
});
describe("duplicates against the reference", () => {
  it("finds the same groups of near-identical texts", () => {
    let nearly = 0;
    fc.assert(
      fc.property(caseArb, ({ bases, items }) => {
        const texts = new Map<string, Member[]>();
        items.forEach((it, id) => {
          const words = it.base == null ? it.own : [...bases[it.base % bases.length]!];
          if (it.base != null) for (const [at, word] of it.edits) words[at % words.length] = word;
          const norm = normalText(words.join(" "));
          const site = it.source === "g" ? "google" : "yelp";
          texts.set(norm, [...(texts.get(norm) ?? []), { id, source: it.source, site, name: it.name }]);
        });
        const want = referenceDuplicates(texts);
        if (want.some((f) => f.reasons[0]!.includes("nearly"))) nearly++;
        expect(duplicates(texts)).toEqual(want);
      }),
      { numRuns: 300 },
    );
    // The cases are not all trivial: many hold near (not only exact) copies.
    expect(nearly).toBeGreaterThan(20);
  });
});
