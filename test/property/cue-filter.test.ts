// The classifier's first filter (mayContain) may say "perhaps" wrongly, never "no" wrongly: then the
// classification is the one of a plain search, whatever the text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mayContain } from "../../src/classify/index.js";

describe("cue filter", () => {
  it("never rules out a needle that occurs in the text (any text, any script, the last two texts cached)", () => {
    const text = fc.string({
      unit: fc.constantFrom(..."abcđăơưáàảãạ phởbún🍜\n-'", "x", "Ö"),
      maxLength: 200,
    });
    fc.assert(
      fc.property(text, text, fc.nat(), fc.integer({ min: 3, max: 12 }), (a, b, at, len) => {
        for (const t of [a, b, a]) {
          if (t.length < 3) continue;
          const start = at % (t.length - 2);
          const needle = t.slice(start, start + len);
          if (needle.length >= 3) expect(mayContain(t, needle)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("rules out most needles that are not there", () => {
    const text = "The pho was cold and the service slow, but the spring rolls were lovely.";
    const absent = ["ngộ độc", "rude", "dirty", "overpriced", "cockroach", "waited", "toilet", "parking"];
    expect(absent.filter((n) => mayContain(text, n)).length).toBeLessThanOrEqual(1);
  });
});
