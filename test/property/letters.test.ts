// The letter-and-digit helpers (a table learnt from the Unicode pattern, one UTF-16 unit at a time)
// against the Unicode patterns they replace, on any UTF-16 text: lone surrogates, pairs, marks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasWord, wordsOnly } from "../../src/util/letters.js";

const UNITS = ["a", "ö", "ệ", "7", "٣", " ", "-", "…", "😀", "𝐀", "\u0301", "\ud800", "\udc00", "mai", "an"];
const text = fc.oneof(
  fc.string({ unit: "binary" }), // any UTF-16, lone surrogates included
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: fc.constantFrom(...UNITS) }),
);

describe("wordsOnly", () => {
  it("keeps the runs of letters and digits with one space between, as the Unicode pattern does", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary" }), // any UTF-16, lone surrogates included
      fc.string({ unit: "grapheme" }),
      fc.string({
        unit: fc.constantFrom("a", "ö", "ệ", "7", "٣", " ", "-", "…", "😀", "𝐀", "\u0301", "\ud800"),
      }),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(wordsOnly(s)).toBe(s.replace(/[^\p{L}\p{N}]+/gu, " ").trim());
      }),
      { numRuns: 2000 },
    );
  });
});

describe("hasWord", () => {
  it("finds a word (or a word start) where the bounded pattern does, and only there", () => {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    fc.assert(
      fc.property(
        text,
        fc.string({ unit: fc.constantFrom(...UNITS), minLength: 1, maxLength: 3 }),
        (t, w) => {
          const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(w)}(?![\\p{L}\\p{N}])`, "u");
          expect(hasWord(t, w)).toBe(pattern.test(t));
          // Only the start of a word (the classifier's longer cues): "raw" in "rawness", not in "drawn".
          const start = new RegExp(`(?<![\\p{L}\\p{N}])${escape(w)}`, "u");
          expect(hasWord(t, w, false)).toBe(start.test(t));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
