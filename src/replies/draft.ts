// A reply draft for a review: the classification picks the kind of reply, the reviewer's language
// picks the pack, a stable hash of the review picks the variant, and the checker reads the result.
import type { Config } from "../config/schema.js";
import { siteName, type StoredReview } from "../domain/review.js";
import { classify, classifyOptions, type Classification } from "../classify/index.js";
import { checkDraft, type Finding } from "./checker.js";
import { guessLanguage } from "./language.js";
import { firstName } from "./names.js";
import { BUILT_IN, type TemplateKind } from "./packs.js";
import { renderTemplate, type VariableName } from "./render.js";
import { stableIndex, TemplateSet, type Template } from "./templates.js";

export interface Draft {
  reviewId: number;
  language: string;
  /** KIND.VARIANT, e.g. "negative.2". */
  template: string;
  /** "built-in" or the user template's file. */
  origin: string;
  text: string;
  findings: Finding[];
}

export interface Advice {
  classification: Classification;
  /** Null for abusive reviews (no template answers a troll) unless a template was asked for. */
  draft: Draft | null;
  /** What to do, in one line. */
  action: string;
}

type ReviewForDraft = Pick<
  StoredReview,
  | "id"
  | "site"
  | "source"
  | "externalId"
  | "author"
  | "rating"
  | "recommendation"
  | "title"
  | "text"
  | "originalText"
  | "language"
  | "textLanguage"
>;

/** The reviewer's language (site tag, else a guess, else the business's), as a primary tag. */
export function reviewLanguage(
  r: Pick<StoredReview, "language" | "textLanguage" | "text" | "originalText">,
): string | null {
  const tag = r.language ?? guessLanguage(r.originalText ?? r.text) ?? r.textLanguage;
  return tag ? (tag.toLowerCase().split("-")[0] ?? null) : null;
}

/** The language to answer in: the reviewer's when templates exist for it, else the business's, else English. */
export function draftLanguage(
  r: Pick<StoredReview, "language" | "textLanguage" | "text" | "originalText">,
  config: Config,
  templates: TemplateSet = DEFAULT_TEMPLATES(),
): string {
  const candidates = [reviewLanguage(r), config.business.language?.toLowerCase().split("-")[0], "en"];
  return candidates.find((l): l is string => !!l && templates.hasLanguage(l)) ?? "en";
}

let builtIns: TemplateSet | null = null;
const DEFAULT_TEMPLATES = () => (builtIns ??= TemplateSet.builtIn());

/** Which kind of reply a classification calls for (null: none, abusive). */
export function replyKind(c: Classification): TemplateKind | null {
  switch (c.kind) {
    case "abusive":
      return null;
    case "recommendation-only":
      return c.negative ? "rating-only-negative" : "recommendation-only";
    default:
      return c.kind;
  }
}

const OR: Record<string, string> = { en: "or", vi: "hoặc", et: "või" };

/** The direct contact for {{contact}}: the e-mail and the phone ("care@x.example or +84 …"). */
export function contactLine(config: Config, language = "en"): string {
  const c = config.business.contact;
  return [c.email, c.phone].filter(Boolean).join(` ${OR[language] ?? "/"} `);
}

export function signatureOf(config: Config): string {
  const b = config.business;
  return b.signature ?? (b.contact.name ? `${b.contact.name}, ${b.name}` : b.name);
}

function topicSentence(topics: string[], language: string): string {
  const table = BUILT_IN[language]?.topics ?? {};
  const order = ["food", "delivery", "waiting", "cleanliness", "service", "price", "booking", "staff"];
  const chosen = order.filter((t) => topics.includes(t) && table[t]).slice(0, 2);
  return chosen.map((t) => table[t]).join(" ");
}

export interface DraftOptions {
  templates?: TemplateSet;
  /** A template name: "negative" (the stable variant) or "negative.2". */
  template?: string;
  /** Answer in this language instead of the reviewer's. */
  language?: string;
  classification?: Classification;
}

export class DraftError extends Error {}

/**
 * The checker's findings on a reply to this review: a draft, or the owner's own text. `kind` is the
 * reply's kind (by default the one the classification calls for); `names` are further words that are
 * not of any language (a dish the draft echoes).
 */
export function checkReply(
  text: string,
  review: Pick<StoredReview, "site" | "author">,
  classification: Classification,
  config: Config,
  kind: TemplateKind | null = replyKind(classification) ?? (classification.negative ? "negative" : null),
  names: string[] = [],
): Finding[] {
  const c = config.business.contact;
  return checkDraft(text, {
    site: review.site,
    kind,
    reviewLanguage: classification.language,
    authorName: review.author.name,
    contact: { email: c.email, phone: c.phone },
    foreignWords: [config.business.name, signatureOf(config), c.name ?? "", contactLine(config), ...names],
  });
}

/** The draft for a review, with the checker's findings. */
export function makeDraft(review: ReviewForDraft, config: Config, opts: DraftOptions = {}): Advice {
  const templates = opts.templates ?? DEFAULT_TEMPLATES();
  const classification = opts.classification ?? classify(review, classifyOptions(config));
  const language = opts.language?.toLowerCase() ?? draftLanguage(review, config, templates);
  if (opts.language && !templates.hasLanguage(language))
    throw new DraftError(
      `no templates in "${opts.language}": available ${templates.languages().join(", ")} (add your own in ${templates.dir ?? "a templates/ folder beside the config"})`,
    );
  const kind = replyKind(classification);
  const action = actionFor(classification, review.site);
  let candidates: Template[];
  if (opts.template) {
    candidates = templates.find(opts.template, language);
    if (candidates.length === 0)
      throw new DraftError(`no template "${opts.template}" in ${language}: see reviews templates list`);
  } else {
    if (!kind) return { classification, draft: null, action };
    candidates = templates.variants(kind, language);
    if (candidates.length === 0) candidates = templates.variants(kind, "en");
  }
  const key = `${review.source}\u0000${review.externalId}`;
  const template = candidates[stableIndex(key, candidates.length)]!;
  const c = config.business.contact;
  const onTripadvisor = review.site === "tripadvisor";
  const name = onTripadvisor ? null : firstName(review.author.name, review.language);
  const detail = classification.details[0] ?? "";
  const vars = new Map<VariableName, string>([
    ["name", name ?? ""],
    ["business", config.business.name],
    ["contact", contactLine(config, template.language)],
    ["contactName", c.name ?? ""],
    ["contactEmail", c.email ?? ""],
    ["contactPhone", c.phone ?? ""],
    ["signature", signatureOf(config)],
    ["site", siteName(review.site)],
    ["topic", topicSentence(classification.topics, template.language)],
    ["detail", detail],
  ]);
  const text = renderTemplate(template.nodes, vars);
  const findings = checkReply(text, review, classification, config, template.kind, [detail]);
  return {
    classification,
    action,
    draft: {
      reviewId: review.id,
      language: template.language,
      template: template.name,
      origin: template.origin,
      text,
      findings,
    },
  };
}

function actionFor(c: Classification, site: string): string {
  if (c.abusive)
    return `abusive: do not answer with a template; consider reporting it to ${siteName(site)} (reviews suspicious shows where)`;
  if (c.urgent)
    return `urgent (${c.urgentKinds.join(", ")}): escalate to the owner; post at most this holding reply until it is handled`;
  if (c.mixed) return "mixed: reply with care";
  return "reply";
}
