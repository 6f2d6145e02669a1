// Reply drafts across languages and kinds: the "done when" matrix, the renderer's limits,
// and the variant choice.
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigSchema, type Config } from "../../src/config/schema.js";
import type { StoredReview } from "../../src/domain/review.js";
import { makeDraft } from "../../src/replies/draft.js";
import {
  parseTemplate,
  renderTemplate,
  TemplateSyntaxError,
  type VariableName,
} from "../../src/replies/render.js";
import { TemplateSet, stableIndex } from "../../src/replies/templates.js";
import { TEMPLATE_KINDS } from "../../src/replies/packs.js";
import { tempDir } from "../helpers/cli.js";
import { storedReview } from "../helpers/reviews.js";

const config: Config = ConfigSchema.parse({
  business: {
    name: "Gió Mùa Kitchen",
    contact: { name: "Linh", email: "care@giomua.example", phone: "+84 24 0000 0000" },
    signature: "Linh, Gió Mùa Kitchen",
    language: "vi",
    staff: ["Minh"],
  },
  classify: { watchWords: ["sếp tổng"], details: ["bánh xèo"] },
});

let seq = 0;
function review(over: Partial<StoredReview>): StoredReview {
  seq++;
  return storedReview({ id: seq, externalId: `r${seq}`, ...over });
}

interface Case {
  what: string;
  lang: "en" | "vi" | "et";
  author: string;
  first: string | null;
  rating: number | null;
  recommendation?: "positive" | "negative";
  text: string | null;
  languageTag?: string;
  kind: string;
  contact: boolean;
}

const CASES: Case[] = [
  {
    what: "negative",
    lang: "en",
    author: "Tom Becker",
    first: "Tom",
    rating: 1,
    text: "We waited an hour and the soup was cold.",
    kind: "negative",
    contact: true,
  },
  {
    what: "negative",
    lang: "vi",
    author: "Nguyễn Thị Lan",
    first: "Lan",
    rating: 2,
    text: "Chờ 45 phút, phở thì nguội. Rất thất vọng.",
    kind: "negative",
    contact: true,
  },
  {
    what: "negative",
    lang: "et",
    author: "Liis Saar",
    first: "Liis",
    rating: 1,
    text: "Ootasime tund aega ja toit oli külm.",
    kind: "negative",
    contact: true,
  },
  {
    what: "mixed",
    lang: "en",
    author: "Ana Ruiz",
    first: "Ana",
    rating: 3,
    text: "Nice room but the food was cold and bland.",
    kind: "mixed",
    contact: true,
  },
  {
    what: "mixed",
    lang: "vi",
    author: "Phạm Minh Tuấn",
    first: "Tuấn",
    rating: 3,
    text: "Không gian đẹp nhưng đồ ăn nguội.",
    kind: "mixed",
    contact: true,
  },
  {
    what: "mixed",
    lang: "et",
    author: "Mart Tamm",
    first: "Mart",
    rating: 3,
    text: "Koht on ilus, aga toit oli külm.",
    kind: "mixed",
    contact: true,
  },
  {
    what: "positive",
    lang: "en",
    author: "Olivia M.",
    first: "Olivia",
    rating: 5,
    text: "The pho was the best we had in Hanoi.",
    kind: "positive",
    contact: false,
  },
  {
    what: "positive",
    lang: "vi",
    author: "Lê Thị Hồng",
    first: "Hồng",
    rating: 5,
    text: "Phở rất ngon, nhân viên thân thiện.",
    kind: "positive",
    contact: false,
  },
  {
    what: "positive",
    lang: "et",
    author: "Triin Kask",
    first: "Triin",
    rating: 5,
    text: "Imeline õhtu! Kevadrullid olid värsked.",
    kind: "positive",
    contact: false,
  },
  {
    what: "rating-only negative",
    lang: "vi",
    author: "Trần Văn Hùng",
    first: "Hùng",
    rating: 1,
    text: null,
    languageTag: "vi",
    kind: "rating-only-negative",
    contact: true,
  },
  {
    what: "rating-only negative",
    lang: "et",
    author: "Kadri Mets",
    first: "Kadri",
    rating: 1,
    text: null,
    languageTag: "et",
    kind: "rating-only-negative",
    contact: true,
  },
  {
    what: "rating-only positive",
    lang: "en",
    author: "Chris Parker",
    first: "Chris",
    rating: 5,
    text: null,
    languageTag: "en",
    kind: "rating-only-positive",
    contact: false,
  },
  {
    what: "rating-only positive",
    lang: "vi",
    author: "Đỗ Văn Nam",
    first: "Nam",
    rating: 5,
    text: null,
    languageTag: "vi",
    kind: "rating-only-positive",
    contact: false,
  },
  {
    what: "recommendation only",
    lang: "en",
    author: "Sam Lee",
    first: "Sam",
    rating: null,
    recommendation: "positive",
    text: null,
    languageTag: "en",
    kind: "recommendation-only",
    contact: false,
  },
  {
    what: "urgent (food safety)",
    lang: "vi",
    author: "Vũ Thị Mai",
    first: "Mai",
    rating: 1,
    text: "Cả nhà bị ngộ độc sau bữa tối.",
    kind: "negative-urgent",
    contact: true,
  },
  {
    what: "urgent (legal)",
    lang: "en",
    author: "Dan Cole",
    first: "Dan",
    rating: 1,
    text: "My lawyer will hear about this.",
    kind: "negative-urgent",
    contact: true,
  },
  {
    what: "urgent (injury)",
    lang: "et",
    author: "Peeter Kask",
    first: "Peeter",
    rating: 1,
    text: "Kukkusin märjal põrandal ja sain vigastuse.",
    kind: "negative-urgent",
    contact: true,
  },
  {
    what: "anonymous negative",
    lang: "en",
    author: "A Google User",
    first: null,
    rating: 1,
    text: "Rude staff and a dirty table.",
    kind: "negative",
    contact: true,
  },
];

describe("drafts: in the review's language, greeting the right first name, contact on negatives, passing the checker", () => {
  for (const c of CASES) {
    it(`${c.what} in ${c.lang} (${c.author})`, () => {
      const r = review({
        author: { name: c.author, url: null },
        rating: c.rating,
        recommendation: c.recommendation ?? null,
        text: c.text,
        language: c.languageTag ?? null,
      });
      const { draft, classification } = makeDraft(r, config);
      expect(draft).not.toBeNull();
      expect(draft!.language).toBe(c.lang);
      expect(draft!.template.split(".")[0]).toBe(c.kind);
      expect(draft!.findings).toEqual([]);
      const text = draft!.text;
      if (c.first) expect(text.split("\n")[0]).toContain(c.first);
      if (c.author.includes(" ") && c.first) expect(text).not.toContain(c.author);
      if (!c.first) expect(text).not.toMatch(/google user/i);
      expect(text.includes("care@giomua.example")).toBe(c.contact);
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(text.endsWith("Linh, Gió Mùa Kitchen")).toBe(true);
      expect(classification.reasons.length).toBeGreaterThan(0);
    });
  }

  it("abusive: no draft, the advice to report; a template can still be forced", () => {
    const r = review({
      author: { name: "Troll Face", url: null },
      rating: 1,
      text: "You are idiots and this place is shit",
    });
    const a = makeDraft(r, config);
    expect(a.draft).toBeNull();
    expect(a.action).toMatch(/^abusive: do not answer with a template; consider reporting it to Google/);
    expect(makeDraft(r, config, { template: "negative" }).draft?.template).toMatch(/^negative\.\d$/);
  });

  it("a complaint naming a member of staff, or a watch word, is escalated", () => {
    const staff = makeDraft(review({ rating: 2, text: "Minh was rude to my mother." }), config);
    expect(staff.classification.urgentKinds).toContain("named-staff");
    expect(staff.draft!.template).toMatch(/^negative-urgent\./);
    expect(staff.classification.reasons).toContain(
      "names staff member 'Minh' in a complaint: escalate to the owner",
    );
    const watch = makeDraft(review({ rating: 2, text: "Tôi sẽ báo sếp tổng của các bạn." }), config);
    expect(watch.classification.urgentKinds).toContain("watch-word");
    // praise that names staff is not a complaint
    const praise = makeDraft(review({ rating: 5, text: "Minh was wonderful." }), config);
    expect(praise.classification.urgent).toBe(false);
  });

  it("TripAdvisor: no guest name, and the checker agrees", () => {
    const r = review({
      site: "tripadvisor",
      author: { name: "Sophie Walker", url: null },
      rating: 1,
      text: "The food was cold.",
    });
    const { draft } = makeDraft(r, config);
    expect(draft!.text).not.toContain("Sophie");
    expect(draft!.findings).toEqual([]);
  });

  it("topic-aware: a late delivery and cold food get different sentences, in each language", () => {
    for (const [lang, late, cold] of [
      ["en", "The delivery arrived late.", "The food was cold."],
      ["vi", "Giao hàng trễ quá.", "Đồ ăn nguội."],
      ["et", "Kuller hilines tund aega.", "Toit oli külm."],
    ] as const) {
      const a = makeDraft(
        review({ externalId: "same", rating: 1, text: late, language: lang }),
        config,
      ).draft!;
      const b = makeDraft(
        review({ externalId: "same", rating: 1, text: cold, language: lang }),
        config,
      ).draft!;
      expect(a.template).toBe(b.template); // same review key, same variant: only the topic differs
      expect(a.text).not.toBe(b.text);
    }
  });

  it("positive replies echo a detail the reviewer named (also one from config classify.details)", () => {
    const d = makeDraft(
      review({ rating: 5, text: "The bánh xèo was crisp and perfect.", language: "en" }),
      config,
    ).draft!;
    expect(d.text).toContain("bánh xèo");
  });

  it("--lang answers in another language; an unknown one is refused with the available list", () => {
    const r = review({ rating: 1, text: "Chờ lâu quá.", language: "vi" });
    const d = makeDraft(r, config, { language: "en" }).draft!;
    expect(d.language).toBe("en");
    expect(d.findings.map((f) => f.code)).toEqual(["language-mismatch"]);
    expect(() => makeDraft(r, config, { language: "fr" })).toThrow(
      /no templates in "fr": available en, et, vi/,
    );
  });
});

describe("variants", () => {
  it("the same review always gets the same variant; a page of reviews gets several", () => {
    const base = { rating: 1, text: "The food was cold.", language: "en" };
    const first = makeDraft(review({ externalId: "fixed", ...base }), config).draft!.template;
    for (let i = 0; i < 5; i++)
      expect(makeDraft(review({ externalId: "fixed", ...base }), config).draft!.template).toBe(first);
    const used = new Set(
      Array.from(
        { length: 30 },
        (_, i) => makeDraft(review({ externalId: `page-${i}`, ...base }), config).draft!.template,
      ),
    );
    expect(used.size).toBe(3);
  });
  it("stableIndex is a pure function within bounds", () => {
    expect(stableIndex("a", 3)).toBe(stableIndex("a", 3));
    for (let i = 0; i < 100; i++) {
      const n = stableIndex(`k${i}`, 4);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(4);
    }
  });
});

describe("the logic-less renderer", () => {
  const vars = new Map<VariableName, string>([
    ["name", "Lan"],
    ["contact", ""],
  ]);
  it("variables, sections and inverted sections; empty leftovers tidied", () => {
    expect(renderTemplate("Hi{{#name}} {{name}}{{/name}},{{^contact}} (no contact){{/contact}}", vars)).toBe(
      "Hi Lan, (no contact)",
    );
    expect(renderTemplate("Hello {{contact}} , bye", vars)).toBe("Hello, bye");
    expect(renderTemplate("a{{! a note }}b", vars)).toBe("ab");
  });
  it("no way into objects or code: unknown names, dotted paths and prototype keys are refused", () => {
    for (const bad of [
      "{{constructor}}",
      "{{__proto__}}",
      "{{name.length}}",
      "{{toString}}",
      "{{#hasOwnProperty}}x{{/hasOwnProperty}}",
      "{{> partial}}",
      "{{{name}}}",
      "{{&name}}",
    ])
      expect(() => parseTemplate(bad), bad).toThrow(TemplateSyntaxError);
  });
  it("unbalanced sections and stray braces name the line", () => {
    expect(() => parseTemplate("a\n{{#name}}b")).toThrow("line 2: {{#name}} is never closed");
    expect(() => parseTemplate("{{#name}}x{{/contact}}")).toThrow(/closes \{\{#name\}\}/);
    expect(() => parseTemplate("x\ny {{name")).toThrow(/line 2: an unclosed "\{\{"/);
  });
});

describe("built-in packs", () => {
  it("en, vi and et each have every kind, with at least two variants", () => {
    const set = TemplateSet.builtIn();
    expect(set.languages()).toEqual(["en", "et", "vi"]);
    for (const lang of ["en", "vi", "et"])
      for (const kind of TEMPLATE_KINDS)
        expect(set.variants(kind, lang).length, `${kind} ${lang}`).toBeGreaterThanOrEqual(2);
  });
});

describe("variant order", () => {
  const natural = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const withFiles = (names: string[]) => {
    const dir = tempDir("reviews-variants-");
    for (const n of names) fs.writeFileSync(path.join(dir, `negative.${n}.xx.txt`), `Sorry ({{business}}).`);
    return TemplateSet.load(dir)
      .variants("negative", "xx")
      .map((t) => t.variant);
  };
  it("is the natural order of the names, numbers as numbers, as localeCompare gives", () => {
    expect(
      TemplateSet.builtIn()
        .variants("negative", "en")
        .map((t) => t.variant),
    ).toEqual(
      natural(
        TemplateSet.builtIn()
          .variants("negative", "en")
          .map((t) => t.variant),
      ),
    );
    const names = ["10", "2", "cafe", "Bistro", "1", "2b", "bistro-2", "bistro-10"];
    expect(withFiles(names)).toEqual(natural(names));
    expect(withFiles(["10", "9", "100", "1"])).toEqual(["1", "9", "10", "100"]);
  });
  it("orders any set of plain numbers as the collator does", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 10 ** 12 }), { maxLength: 12 }), (ns) => {
        const names = ns.map(String);
        expect(withFiles(names)).toEqual(natural(names));
      }),
      { numRuns: 40 },
    );
  });
});
