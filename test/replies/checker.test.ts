// The draft checker: each rule fires on the text it is for, and stays quiet on a good reply.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkDraft, type CheckContext } from "../../src/replies/checker.js";
import { ConfigSchema } from "../../src/config/schema.js";
import { TemplateSet } from "../../src/replies/templates.js";
import { checkTemplates } from "../../src/cli/commands/templates.js";
import { tempDir } from "../helpers/cli.js";

const base: CheckContext = {
  site: "google",
  kind: "negative",
  reviewLanguage: "en",
  authorName: "Tom Becker",
  contact: { email: "care@giomua.example", phone: "+84 24 0000 0000" },
  foreignWords: ["Gió Mùa Kitchen"],
};
const GOOD =
  "Hi Tom,\n\nThank you for writing, and I am truly sorry. Please contact me at care@giomua.example.\n\nLinh, Gió Mùa Kitchen";
const codes = (text: string, over: Partial<CheckContext> = {}) =>
  checkDraft(text, { ...base, ...over }).map((f) => f.code);

describe("checkDraft", () => {
  it("a good reply has no findings", () => {
    expect(checkDraft(GOOD, base)).toEqual([]);
  });
  it.each([
    ["placeholder", "Hi {{name}}, sorry. care@giomua.example"],
    ["placeholder", "Hi [NAME], sorry. care@giomua.example"],
    ["placeholder", "Hi Tom, sorry. TODO add contact care@giomua.example"],
    [
      "sensitive-data",
      "Hi Tom, sorry. Please send us your phone number and order number. care@giomua.example",
    ],
    ["sensitive-data", "Chào anh Lan, cho chúng tôi xin số điện thoại của anh nhé. care@giomua.example"],
    ["sensitive-data", "Tere! Palun saatke teie telefoninumbri. care@giomua.example"],
    ["defensive", "Hi Tom, that never happened and you should have told the waiter. care@giomua.example"],
    ["defensive", "Chào anh, thông tin này không đúng sự thật. care@giomua.example"],
    ["defensive", "Tere! See ei vasta tõele. care@giomua.example"],
    ["incentive", "Hi Tom, sorry. Here is a 20% off voucher for your next visit. care@giomua.example"],
    ["incentive", "Chào anh, chúng tôi xin tặng anh phiếu giảm giá. care@giomua.example"],
    ["incentive", "Tere! Pakume teile tasuta magustoitu. care@giomua.example"],
    ["asks-change", "Hi Tom, sorry. Could you please update your review once we fix it? care@giomua.example"],
    ["asks-change", "Chào anh, mong anh xóa đánh giá này. care@giomua.example"],
    ["asks-change", "Tere! Palun muutke oma hinnangut. care@giomua.example"],
    ["full-name", "Dear Tom Becker, sorry. care@giomua.example"],
    ["missing-contact", "Hi Tom, I am truly sorry about your visit."],
  ])("%s: %s", (code, text) => {
    const lang = /Chào/.test(text) ? "vi" : /Tere/.test(text) ? "et" : "en";
    expect(codes(text, { reviewLanguage: lang })).toContain(code);
  });
  it("a rule's phrase inside a longer word is no finding", () => {
    expect(codes("Hi Tom, sorry: the discounted lunch menu has ended. care@giomua.example")).not.toContain(
      "incentive",
    );
    expect(
      codes("Tere! Tasutakse kohapeal, vabandust. care@giomua.example", { reviewLanguage: "et" }),
    ).not.toContain("incentive");
    expect(codes("Hi Tom, sorry, our pliars were lost. care@giomua.example")).not.toContain("defensive");
  });
  it("finds the full name whatever the case, as case-insensitive matching would", () => {
    // Greek final sigma: "ΠΑΠΑΣ" lower-cases to "παπας", but to "παπασ" before "'s".
    expect(
      codes("Thank you, ΝΙΚΟΣ ΠΑΠΑΣ's table was a joy. care@giomua.example", { authorName: "Νικος Παπας" }),
    ).toContain("full-name");
    expect(
      codes("Thank you, Νικος Παπας, for writing. care@giomua.example", { authorName: "ΝΙΚΟΣ ΠΑΠΑΣ" }),
    ).toContain("full-name");
    // Long s is an s.
    expect(codes("Dear Hans Becker, sorry. care@giomua.example", { authorName: "Hanſ Becker" })).toContain(
      "full-name",
    );
    expect(codes("Dear Hans, sorry. care@giomua.example", { authorName: "Hanſ Becker" })).not.toContain(
      "full-name",
    );
    // Tripadvisor's guest name likewise.
    expect(
      codes("Sorry, NIKOS. care@giomua.example", { site: "tripadvisor", authorName: "Nikos P." }),
    ).toContain("guest-name");
  });
  it("the contact by phone counts, in any spacing", () => {
    expect(codes("Hi Tom, sorry. Call me on +842400000000.")).not.toContain("missing-contact");
  });
  it("missing-contact names the config fix when the business has no contact", () => {
    const f = checkDraft("Hi Tom, sorry.", { ...base, contact: {} });
    expect(f).toEqual([
      {
        code: "missing-contact",
        message:
          "no direct contact to move this off the public page: add business.contact.email or .phone to the config",
      },
    ]);
  });
  it("positives need no contact", () => {
    expect(codes("Hi Tom, thank you so much for the kind words!", { kind: "positive" })).toEqual([]);
  });
  it("Google: at most 4096 bytes of UTF-8 (Vietnamese letters count 2–3 bytes)", () => {
    const vi = "Chào anh, ".concat("ờ".repeat(1400), " care@giomua.example"); // 1400 × 3 bytes
    expect(codes(vi, { reviewLanguage: "vi" })).toContain("too-long");
    expect(codes(vi, { reviewLanguage: "vi", site: "yelp" })).not.toContain("too-long");
  });
  it("Tripadvisor: no lists, no links, no guest name; an e-mail address is fine", () => {
    expect(
      codes("Thank you.\n- the food\n- the wait\ncare@giomua.example", { site: "tripadvisor" }),
    ).toContain("list");
    expect(
      codes("Sorry. See https://giomua.example/menu care@giomua.example", { site: "tripadvisor" }),
    ).toContain("link");
    expect(codes("Sorry, Tom. care@giomua.example", { site: "tripadvisor" })).toContain("guest-name");
    expect(codes("Dear guest, I am sorry. Write to care@giomua.example.", { site: "tripadvisor" })).toEqual(
      [],
    );
  });
  it("language mismatch: an English reply to a Vietnamese review; the business name does not count", () => {
    expect(codes(GOOD, { reviewLanguage: "vi" })).toContain("language-mismatch");
    expect(codes(GOOD.replace("Gió Mùa Kitchen", "Phở Hà Nội"), { foreignWords: ["Phở Hà Nội"] })).toEqual(
      [],
    );
    // a language the guesser cannot tell is not second-guessed
    expect(codes(GOOD, { reviewLanguage: "fr" })).toEqual([]);
  });
});

describe("templates: built-in and the owner's own", () => {
  const config = ConfigSchema.parse({
    business: { name: "Gió Mùa Kitchen", contact: { email: "care@giomua.example" } },
  });

  it("every built-in template passes the checker on Google and Tripadvisor", async () => {
    const reports = await checkTemplates(TemplateSet.builtIn(), config);
    expect(reports.length).toBeGreaterThanOrEqual(3 * 7 * 2);
    expect(reports.filter((r) => r.problems.length)).toEqual([]);
  });

  it("a user file replaces a built-in or adds a variant; bad files are reported, not fatal", async () => {
    const dir = path.join(tempDir("reviews-templates-"), "templates");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "negative.1.vi.txt"),
      "Chào anh/chị{{#name}} {{name}}{{/name}}, xin lỗi. Liên hệ: {{contact}}.\n\n{{signature}}",
    );
    fs.writeFileSync(
      path.join(dir, "positive.cafe.en.txt"),
      "Thanks{{#name}}, {{name}}{{/name}}! Come back for coffee.\n\n{{signature}}",
    );
    fs.writeFileSync(path.join(dir, "negative.x.fr.txt"), "Bonjour {{name}}, désolé. {{contact}}");
    fs.writeFileSync(path.join(dir, "negativ.1.en.txt"), "typo in the kind");
    fs.writeFileSync(path.join(dir, "notes.txt"), "not a template");
    fs.writeFileSync(path.join(dir, "mixed.1.en.txt"), "Hi {{#name}}{{name}}, unclosed");
    fs.writeFileSync(path.join(dir, "mixed.2.en.txt"), "Hi {{process.exit}}");
    fs.writeFileSync(
      path.join(dir, "positive.bad.en.txt"),
      "Hi {{name}}, get 10% off with code THANKS. {{signature}}",
    );
    const set = TemplateSet.load(dir);
    expect(set.find("negative.1", "vi")[0]!.origin).toBe(path.join(dir, "negative.1.vi.txt"));
    expect(set.find("positive", "en").map((t) => t.variant)).toEqual(["1", "2", "3", "bad", "cafe"]);
    expect(set.languages()).toEqual(["en", "et", "fr", "vi"]);
    expect(set.problems.map((p) => `${path.basename(p.file)}: ${p.message.split(":")[0]}`)).toEqual([
      "mixed.1.en.txt: line 1",
      "mixed.2.en.txt: line 1",
      'negativ.1.en.txt: unknown kind "negativ"',
      "notes.txt: not a template name",
    ]);
    // the built-in mixed.1 stays when the user's file is broken
    expect(set.find("mixed.1", "en")[0]!.origin).toBe("built-in");
    const reports = await checkTemplates(set, config);
    const bad = reports
      .filter((r) => r.problems.length)
      .map((r) => `${r.name}/${r.language}: ${[...new Set(r.problems.map((p) => p.code))].join(",")}`);
    expect(bad).toEqual(["positive.bad/en: incentive"]);
  });
});
