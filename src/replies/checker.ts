// The draft checker: what a reply must not do before it goes public (reply-guidelines.md). It runs
// on every draft, built-in or user template, and on text the owner wrote (`reviews draft ID --check
// FILE`). Each finding is a code and one line saying what to change.
import type { Site } from "../domain/review.js";
import { hasWord } from "../util/letters.js";
import { guessLanguage } from "./language.js";
import { isFamilyNameFirst } from "./names.js";
import { NEEDS_CONTACT, type TemplateKind } from "./packs.js";

export interface Finding {
  code: FindingCode;
  message: string;
}

export type FindingCode =
  | "empty"
  | "placeholder"
  | "too-long"
  | "list"
  | "link"
  | "guest-name"
  | "sensitive-data"
  | "defensive"
  | "incentive"
  | "asks-change"
  | "full-name"
  | "language-mismatch"
  | "missing-contact";

export interface CheckContext {
  site: Site;
  /** What the reply answers; missing-contact applies to negative, urgent, mixed, rating-only-negative. */
  kind: TemplateKind | null;
  /** The review's language (primary tag), "und" when unknown. */
  reviewLanguage: string;
  /** The reviewer's name as the site shows it. */
  authorName: string | null;
  contact: { email?: string | undefined; phone?: string | undefined };
  /** Words that are not the reply's language (business name, signature, dishes): ignored for the language check. */
  foreignWords?: string[];
}

/** Google Business Profile: a reply is at most 4096 bytes of UTF-8. */
export const GOOGLE_REPLY_BYTES = 4096;

type Rule = { code: FindingCode; message: string; patterns: Bounded[] };

/**
 * A phrase as whole words, in a way that works for Vietnamese and Estonian letters (`exact`), and the
 * same phrase anywhere (`quick`): the letter-and-digit classes make a pattern cost about twice as much
 * to compile and to run, and a draft rarely holds any of the phrases, so `exact` is only made and run
 * where `quick` found one. The patterns are in lower case and meet the draft in lower
 * case: without the `i` flag they compile in about half the time.
 */
interface Bounded {
  source: string;
  quick: RegExp;
  exact?: RegExp;
}
const w = (source: string): Bounded => ({ source, quick: new RegExp(source, "u") });
const holds = (p: Bounded, text: string) =>
  p.quick.test(text) &&
  (p.exact ??= new RegExp(`(?<![\\p{L}\\p{N}])(?:${p.source})(?![\\p{L}\\p{N}])`, "u")).test(text);

const RULES: Rule[] = [
  {
    code: "sensitive-data",
    message:
      "asks for private data in public (phone, card, address, order or booking number): ask only for a direct message or e-mail",
    patterns: [
      w(
        "(?:send|give|share|post|provide|tell)(?: us| me)? (?:your|the) (?:phone|mobile|card|credit card|account|bank|home address|address|order number|booking number|reservation number|receipt|e-?mail)",
      ),
      w(
        "your (?:phone number|card number|credit card|account number|home address|order number|booking number|receipt number)",
      ),
      w(
        "(?:số điện thoại|sđt|số thẻ|số tài khoản|địa chỉ nhà|mã đơn(?: hàng)?|mã đặt bàn) của (?:anh/chị|anh|chị|bạn|quý khách)",
      ),
      w("(?:cho|gửi) (?:chúng tôi|mình|em) (?:xin )?(?:số điện thoại|sđt|số thẻ|địa chỉ|mã đơn)"),
      w(
        "(?:teie|oma) (?:telefoninumbri?|kaardi(?:numbri?)?|pangakonto|koduaadressi?|aadressi?|tellimuse numbri?|broneeringu numbri?)",
      ),
    ],
  },
  {
    code: "defensive",
    message: "sounds defensive or blames the reviewer: apologise and move the details to a private talk",
    patterns: [
      w(
        "you(?:'re| are) wrong|not true|never happened|you should have|your (?:own )?fault|we disagree|if you had|you failed to|lying|liar|fake review|with all due respect|unlike what you (?:say|claim)|you clearly|as anyone can see|we did nothing wrong",
      ),
      w(
        "không đúng sự thật|bạn sai|anh/chị sai|lỗi của (?:bạn|anh/chị|quý khách)|bịa đặt|vu khống|đánh giá giả|nói sai sự thật|chúng tôi không có lỗi",
      ),
      w(
        "see ei vasta tõele|pole tõsi|teie (?:enda )?süü|valetate|te eksite|võltsarvustus|meie ei ole süüdi|oleksite pidanud",
      ),
    ],
  },
  {
    code: "incentive",
    message:
      "offers a discount, gift or free item: incentives are against every site's rules; offer to make it right in private",
    patterns: [
      w(
        "discount|voucher|coupon|promo code|gift card|free (?:meal|dessert|drink|dinner|lunch|night|stay|coffee)|on the house|\\d+ ?% off",
      ),
      w(
        "giảm giá|phiếu giảm giá|mã giảm giá|voucher|khuyến mãi|miễn phí|tặng (?:anh/chị|bạn|quý khách)|quà tặng",
      ),
      w("allahindlus|soodustus|sooduskood|kinkekaart|kupong|tasuta|kingituseks"),
    ],
  },
  {
    code: "asks-change",
    message: "asks the reviewer to change or remove the review: never ask that; answer it instead",
    patterns: [
      w(
        "(?:remove|delete|change|update|edit|revise|reconsider|amend|take down)(?: your| the)? (?:review|rating|stars|comment)|(?:raise|increase|bump up|improve) (?:your|the) (?:rating|stars|score)",
      ),
      w(
        "(?:xóa|xoá|gỡ|sửa|thay đổi|chỉnh sửa|cập nhật) (?:lại )?(?:bài )?đánh giá|nâng (?:lên )?(?:sao|điểm)",
      ),
      w(
        "kustuta(?:da|ge|ks)?|eemalda(?:da|ge)? (?:oma )?arvustus|muut(?:a|ke|ksite) (?:oma )?(?:arvustust|hinnangut|hinnet)|parandage (?:oma )?hinnangut",
      ),
    ],
  },
];

const PLACEHOLDER = [
  /\{\{[^}]*\}\}/,
  /\{[A-Za-z_][A-Za-z0-9_]*\}/,
  /\[(?:name|first name|your name|business|contact|signature|email|e-mail|phone|dish|detail|topic)\]/i,
  /<(?:name|first name|your name|business|contact|signature|email|phone)>/i,
  /\b(?:XXX|TODO|TBD|FIXME|lorem ipsum)\b/,
];

const norm = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

/**
 * `norm`, with the letters that have more than one lower-case form meeting on one of them, as
 * case-insensitive matching would: Greek sigma, whose lower case depends on its place (ΠΑΠΑΣ is
 * "παπας", but "παπασ's" before an apostrophe and a letter), is σ; long s (ſ) is s, and the other
 * variants that a round trip through upper case turns into their usual letter (ϐ β, ϑ θ, ẛ ṡ…).
 */
const fold = (s: string) => norm(s).toUpperCase().toLowerCase().replace(/ς/g, "σ");

/** The word (a name) as a whole word of the text, whatever the case of either (`fold`). */
function containsWord(text: string, word: string): boolean {
  return hasWord(fold(text), fold(word));
}

const phoneDigits = (s: string) => s.replace(/\D/g, "");

export function checkDraft(text: string, ctx: CheckContext): Finding[] {
  const found: Finding[] = [];
  const add = (code: FindingCode, message: string) => {
    if (!found.some((f) => f.code === code)) found.push({ code, message });
  };
  if (!text.trim()) {
    add("empty", "the reply is empty: write something before posting");
    return found;
  }
  const placeholder = PLACEHOLDER.map((p) => p.exec(text)?.[0]).find(Boolean);
  if (placeholder)
    add("placeholder", `"${placeholder}" is an unfilled placeholder: replace it with real text`);

  // Platform limits and rules.
  const bytes = Buffer.byteLength(text, "utf8");
  if (ctx.site === "google" && bytes > GOOGLE_REPLY_BYTES)
    add(
      "too-long",
      `Google takes at most ${GOOGLE_REPLY_BYTES} bytes per reply; this one has ${bytes}: shorten it`,
    );
  if (ctx.site === "tripadvisor") {
    if (/^\s*(?:[-*•·▪◦]|\d+[.)])\s+/m.test(text))
      add("list", "TripAdvisor does not accept lists or bullet points in replies: write it as sentences");
    if (
      /https?:\/\/|www\.[\p{L}\p{N}-]+\.|\b[\p{L}\p{N}-]+\.(?:com|net|org|vn|ee|io|co)(?:\/|\b)(?!@)/iu.test(
        text.replace(/\S+@\S+/g, ""),
      )
    )
      add("link", "TripAdvisor does not accept links in replies: remove it (an e-mail address is fine)");
    const first = firstToken(ctx.authorName);
    if (first && first.length > 1 && containsWord(text, first))
      add("guest-name", `TripAdvisor does not allow the guest's name in a reply: remove "${first}"`);
  }

  const lower = text.toLowerCase();
  for (const rule of RULES) if (rule.patterns.some((p) => holds(p, lower))) add(rule.code, rule.message);

  // The reviewer's full name (a first name alone is the greeting we want).
  const full = ctx.authorName ? norm(ctx.authorName) : "";
  if (full.split(" ").length >= 2 && containsWord(text, full)) {
    const given = isFamilyNameFirst(full) ? full.split(" ").at(-1) : full.split(" ")[0];
    add(
      "full-name",
      `greets by the full name "${ctx.authorName}": use the first name${given ? ` ("${given}")` : ""} only`,
    );
  }

  // The reply's language against the review's.
  let bare = text;
  // Names are not words of a language: the reviewer's (whole or in part), the business's, the signature.
  const names = [...(ctx.foreignWords ?? []), ctx.authorName ?? "", ...(ctx.authorName ?? "").split(/\s+/)];
  for (const word of names.sort((a, b) => b.length - a.length))
    if (word.length > 1) bare = bare.split(word).join(" ");
  bare = bare.replace(/\S+@\S+/g, " ").replace(/\+?[\d ()-]{6,}/g, " ");
  const replyLanguage = guessLanguage(bare);
  const want = ctx.reviewLanguage.toLowerCase().split("-")[0] ?? "und";
  if (replyLanguage && want !== "und" && isKnownToGuesser(want) && replyLanguage !== want)
    add(
      "language-mismatch",
      `the reply reads as ${LANGUAGE_NAMES[replyLanguage] ?? replyLanguage} but the review is in ${LANGUAGE_NAMES[want] ?? want}: answer in the reviewer's language`,
    );

  if (ctx.kind && NEEDS_CONTACT.has(ctx.kind)) {
    const email = ctx.contact.email?.trim();
    const phone = ctx.contact.phone ? phoneDigits(ctx.contact.phone) : "";
    const hasEmail = email ? text.toLowerCase().includes(email.toLowerCase()) : false;
    const hasPhone = phone.length >= 6 ? phoneDigits(text).includes(phone) : false;
    if (!email && !phone)
      add(
        "missing-contact",
        "no direct contact to move this off the public page: add business.contact.email or .phone to the config",
      );
    else if (!hasEmail && !hasPhone)
      add(
        "missing-contact",
        `gives no direct contact: add ${email ?? ctx.contact.phone} so the reviewer can reach you privately`,
      );
  }
  return found;
}

export const LANGUAGE_NAMES: Record<string, string> = { en: "English", vi: "Vietnamese", et: "Estonian" };

/** guessLanguage tells only these apart: a French review is not "mismatched" by a guess of English. */
function isKnownToGuesser(lang: string): boolean {
  return lang === "en" || lang === "vi" || lang === "et";
}

function firstToken(name: string | null): string | null {
  if (!name) return null;
  const words = norm(name).split(" ");
  if (words.length === 0) return null;
  return isFamilyNameFirst(name) ? (words.at(-1) ?? null) : (words[0] ?? null);
}
