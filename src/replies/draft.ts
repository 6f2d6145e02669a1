// A first reply draft for a review. Plain, polite, in the reviewer's language, with the direct contact
// on negatives (reply-guidelines.md). The drafts issue replaces this with template packs and a checker.
import type { Config } from "../config/schema.js";
import { isNegative, type StoredReview } from "../domain/review.js";
import { firstName } from "./names.js";
import { guessLanguage } from "./language.js";

export interface Draft {
  language: string;
  template: string;
  text: string;
}

type Lang = "en" | "vi" | "et";

const TEXTS: Record<
  Lang,
  {
    greet: (n: string | null) => string;
    negative: string;
    contact: (c: string) => string;
    positive: string;
    neutral: string;
  }
> = {
  en: {
    greet: (n) => (n ? `Hi ${n},` : "Hello,"),
    negative:
      "thank you for taking the time to tell us about your visit, and I am truly sorry it fell short. We are looking into what happened so that it does not happen again.",
    contact: (c) => `I would like to make this right: please get in touch with me directly at ${c}.`,
    positive:
      "thank you so much for your kind words and for taking the time to write. We hope to welcome you back soon.",
    neutral:
      "thank you for your review and for taking the time to share it. We take every comment to heart and hope to see you again.",
  },
  vi: {
    greet: (n) => (n ? `Chào ${n},` : "Xin chào,"),
    negative:
      "cảm ơn bạn đã dành thời gian chia sẻ trải nghiệm. Chúng tôi thật sự xin lỗi vì đã làm bạn không hài lòng và đang xem xét lại để việc này không lặp lại.",
    contact: (c) => `Chúng tôi mong được sửa sai: bạn vui lòng liên hệ trực tiếp qua ${c}.`,
    positive: "cảm ơn bạn rất nhiều vì những lời nhận xét tốt đẹp. Hẹn gặp lại bạn trong lần tới!",
    neutral: "cảm ơn bạn đã dành thời gian đánh giá. Chúng tôi trân trọng mọi góp ý và mong sớm gặp lại bạn.",
  },
  et: {
    greet: (n) => (n ? `Tere, ${n}!` : "Tere!"),
    negative:
      "Aitäh, et võtsite aega oma kogemusest kirjutada. Mul on väga kahju, et külastus teid alt vedas. Uurime juhtunut, et see ei korduks.",
    contact: (c) => `Soovin asja heastada: palun võtke minuga otse ühendust (${c}).`,
    positive: "Suur aitäh soojade sõnade ja tagasiside eest! Ootame teid varsti tagasi.",
    neutral:
      "Aitäh, et leidsite aega arvustuse kirjutamiseks. Võtame iga tagasisidet südamesse ja loodame teid peagi jälle näha.",
  },
};

/** The reviewer's language: the site's tag, else a guess from the text, else the business's. */
export function draftLanguage(
  review: Pick<StoredReview, "language" | "textLanguage" | "text" | "originalText">,
  config: Config,
): Lang {
  const tag = (
    review.language ??
    guessLanguage(review.originalText ?? review.text) ??
    review.textLanguage ??
    config.business.language ??
    "en"
  )
    .toLowerCase()
    .slice(0, 2);
  return tag === "vi" || tag === "et" ? tag : "en";
}

const HOLDING: Record<Lang, (name: string | null, contact: string) => string> = {
  en: (n, c) =>
    `${n ? `Hi ${n},` : "Hello,"} thank you for telling us, and I am truly sorry. I am looking into this personally right now.${c ? ` Please contact me directly at ${c} so that we can talk it through.` : ""}`,
  vi: (n, c) =>
    `${n ? `Chào ${n},` : "Xin chào,"} cảm ơn bạn đã báo cho chúng tôi, và chúng tôi thành thật xin lỗi. Tôi đang trực tiếp xem xét việc này ngay bây giờ.${c ? ` Bạn vui lòng liên hệ trực tiếp với tôi qua ${c} để chúng ta cùng trao đổi.` : ""}`,
  et: (n, c) =>
    `${n ? `Tere, ${n}!` : "Tere!"}\nAitäh, et sellest teada andsite, ja mul on väga kahju. Tegelen asjaga isiklikult kohe praegu.${c ? ` Palun võtke minuga otse ühendust (${c}), et saaksime asja läbi rääkida.` : ""}`,
};

/** For urgent reviews: a short holding reply while the owner deals with it in person. */
export function holdingDraft(review: StoredReview, config: Config): Draft {
  const lang = draftLanguage(review, config);
  const c = config.business.contact;
  const contact = [c.name, c.email, c.phone].filter(Boolean).join(", ");
  const signature = config.business.signature ?? c.name ?? config.business.name;
  return {
    language: lang,
    template: "holding",
    text: `${HOLDING[lang](firstName(review.author.name, review.language), contact)}\n\n${signature}`,
  };
}

export function simpleDraft(review: StoredReview, config: Config): Draft {
  const lang = draftLanguage(review, config);
  const t = TEXTS[lang];
  const name = firstName(review.author.name, review.language);
  const negative = isNegative(review, config.negative.maxRating);
  const c = config.business.contact;
  const contact = [c.name, c.email, c.phone].filter(Boolean).join(", ");
  const parts = [t.greet(name)];
  if (negative) {
    parts.push(t.negative);
    if (contact) parts.push(t.contact(contact));
  } else if (review.rating != null && review.rating >= 4) {
    parts.push(t.positive);
  } else {
    parts.push(t.neutral);
  }
  const signature = config.business.signature ?? c.name ?? config.business.name;
  const body = parts.join(lang === "et" ? "\n" : " ");
  return {
    language: lang,
    template: negative ? "simple-negative" : "simple-positive",
    text: `${body}\n\n${signature}`,
  };
}
