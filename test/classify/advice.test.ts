import { describe, expect, it } from "vitest";
import { advice } from "../../src/cli/commands/check.js";
import { ConfigSchema } from "../../src/config/schema.js";
import type { StoredReview } from "../../src/domain/review.js";
import { storedReview } from "../helpers/reviews.js";

const config = ConfigSchema.parse({
  business: {
    name: "Gió Mùa Kitchen",
    contact: { name: "Linh", email: "care@giomua.example" },
    signature: "Linh",
  },
});

function stored(over: Partial<StoredReview>): StoredReview {
  return storedReview({
    author: { name: "Nguyễn Thị Lan", url: null },
    rating: 1,
    publishedAt: null,
    publishedPrecision: null,
    ...over,
  });
}

describe("advice for a new negative review", () => {
  it("urgent: a holding reply in the reviewer's language with the direct contact, and an escalation", () => {
    const a = advice(stored({ text: "Cả nhà bị ngộ độc sau bữa tối." }), config);
    expect(a.action).toMatch(/^urgent \(food-safety\): escalate to the owner/);
    expect(a.draft!.template).toMatch(/^negative-urgent\.\d$/);
    expect(a.draft!.language).toBe("vi");
    expect(a.draft!.text).toMatch(/^(Chào|Kính gửi) anh\/chị Lan,/);
    expect(a.draft!.text).toContain("care@giomua.example");
    expect(a.draft!.text).not.toContain("Nguyễn Thị Lan");
  });
  it("abusive: no template at all, and the advice to report it", () => {
    const a = advice(
      stored({ author: { name: "Troll", url: null }, text: "You are idiots and this place is shit" }),
      config,
    );
    expect(a.draft).toBeNull();
    expect(a.action).toBe(
      "abusive: do not answer with a template; consider reporting it to Google (reviews suspicious shows where)",
    );
  });
  it("routine negative: the usual draft", () => {
    const a = advice(
      stored({ author: { name: "Tom Becker", url: null }, text: "We waited an hour and the soup was cold." }),
      config,
    );
    expect(a).toMatchObject({ action: "reply", draft: { language: "en", findings: [] } });
    expect(a.draft!.template).toMatch(/^negative\.\d$/);
    expect(a.draft!.text.split("\n")[0]).toMatch(/\bTom\b/);
  });
});
