import { describe, expect, it } from "vitest";
import { classify, type ClassifyInput } from "../../src/classify/index.js";

const opts = { maxRating: 2 };
const review = (over: Partial<ClassifyInput>): ClassifyInput => ({
  rating: null,
  recommendation: null,
  text: null,
  originalText: null,
  title: null,
  language: null,
  textLanguage: null,
  ...over,
});

describe("classify", () => {
  it("a Vietnamese food-safety complaint is urgent, with its reasons", () => {
    const c = classify(
      review({
        rating: 1,
        text: "Ăn xong cả nhà bị ngộ độc, đau bụng cả đêm. Phở thì nguội.",
        language: "vi",
      }),
      opts,
    );
    expect(c).toMatchObject({
      kind: "negative-urgent",
      negative: true,
      urgent: true,
      urgentKinds: ["food-safety"],
      language: "vi",
      abusive: false,
    });
    expect(c.topics).toContain("food");
    expect(c.reasons).toEqual(
      expect.arrayContaining([
        "rating 1 ≤ 2",
        "cue 'ngộ độc' → food-safety: escalate to the owner",
        "cue 'nguội' → food",
      ]),
    );
  });
  it("matches Vietnamese typed without diacritics", () => {
    const c = classify(review({ rating: 1, text: "an xong bi ngo doc, cho lau qua" }), opts);
    expect(c.urgentKinds).toEqual(["food-safety"]);
  });
  it("an Estonian review: language guessed, topics found", () => {
    const c = classify(
      review({ rating: 2, text: "Toit oli külm ja ootasime tund aega. Teenindaja oli ükskõikne." }),
      opts,
    );
    expect(c).toMatchObject({ kind: "negative", language: "et", urgent: false });
    expect(c.topics.sort()).toEqual(["food", "service", "staff", "waiting"]);
  });
  it("an English legal threat and a watch word escalate", () => {
    expect(
      classify(review({ rating: 1, text: "I will contact my lawyer about this." }), opts).urgentKinds,
    ).toEqual(["legal"]);
    const w = classify(review({ rating: 2, text: "The manager Tom shouted at us." }), {
      ...opts,
      watchWords: ["Tom"],
    });
    expect(w).toMatchObject({ urgent: true, urgentKinds: ["watch-word"], kind: "negative-urgent" });
  });
  it("abuse is flagged: no template", () => {
    const c = classify(
      review({ rating: 1, text: "Worst place, you are all idiots and the food is shit" }),
      opts,
    );
    expect(c).toMatchObject({ kind: "abusive", abusive: true });
    expect(c.reasons.at(-1)).toMatch(/do not answer with a template/);
  });
  it("a 3-star review with complaint cues is mixed; without them it is not", () => {
    expect(
      classify(
        review({ rating: 3, text: "Nice place but we waited 40 minutes and it was overpriced." }),
        opts,
      ),
    ).toMatchObject({
      kind: "mixed",
      mixed: true,
      negative: false,
      topics: ["waiting", "price"],
    });
    expect(classify(review({ rating: 3, text: "Decent noodles, nice view." }), opts)).toMatchObject({
      kind: "positive",
      mixed: false,
    });
  });
  it("rating-only and recommendation-only reviews", () => {
    expect(classify(review({ rating: 5 }), opts).kind).toBe("rating-only-positive");
    expect(classify(review({ rating: 1 }), opts)).toMatchObject({
      kind: "rating-only-negative",
      reasons: ["rating 1 ≤ 2", "no text: a short reply"],
      language: "und",
    });
    expect(classify(review({ recommendation: "negative" }), opts)).toMatchObject({
      kind: "recommendation-only",
      negative: true,
      reasons: ["recommendation negative", "no text: a short reply"],
    });
  });
  it("positives: details worth echoing back", () => {
    const c = classify(
      review({ rating: 5, text: "The bún chả was amazing and the cooking class was the highlight!" }),
      opts,
    );
    expect(c).toMatchObject({ kind: "positive", details: ["bún chả", "cooking class"] });
  });
  it("cue lists are extendable by config", () => {
    const c = classify(review({ rating: 2, text: "Parkimine oli võimatu." }), {
      ...opts,
      cues: { et: { parking: ["parkimine"] } },
    });
    expect(c.topics).toEqual(["parking"]);
  });
});

describe("cue matching", () => {
  it("matches words, not parts of other words", () => {
    expect(
      classify(review({ rating: 2, text: "We had tomato soup." }), { ...opts, watchWords: ["Tom"] }).urgent,
    ).toBe(false);
    expect(classify(review({ rating: 2, text: "A nicely drawn menu." }), opts).topics).toEqual([]);
    expect(
      classify(review({ rating: 1, text: "They discriminated against my mother." }), opts).urgentKinds,
    ).toEqual(["discrimination"]);
  });
});
