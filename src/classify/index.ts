// Pure, explained classification of a review: every verdict carries its reasons.
import { isNegative } from "../domain/review.js";
import { guessLanguage } from "../replies/language.js";
import { ABUSE, DETAILS, TOPICS, URGENT, stripDiacritics, type Cues } from "./cues.js";
import { hasWord } from "../util/letters.js";

export type Kind =
  | "negative-urgent"
  | "abusive"
  | "negative"
  | "mixed"
  | "positive"
  | "rating-only-positive"
  | "rating-only-negative"
  | "recommendation-only";

export interface Classification {
  kind: Kind;
  negative: boolean;
  mixed: boolean;
  urgent: boolean;
  urgentKinds: string[];
  abusive: boolean;
  /** Primary BCP 47 tag of the reviewer's language, "und" when unknown. */
  language: string;
  topics: string[];
  /** Things the reviewer named (a dish, an occasion), for a personal reply. */
  details: string[];
  reasons: string[];
}

export interface ClassifyInput {
  rating: number | null;
  recommendation: "positive" | "negative" | null;
  text: string | null;
  originalText: string | null;
  title: string | null;
  language: string | null;
  textLanguage: string | null;
}

export interface ClassifyOptions {
  maxRating: number;
  /** A review with exactly this rating and complaint cues is "mixed" (default 3). */
  mixedRating?: number;
  /** Extra words that make a review urgent (config classify.watchWords). */
  watchWords?: string[];
  /** Extra cues per language and topic (config classify.cues). */
  cues?: Record<string, Record<string, string[]>>;
  /** Staff names (config business.staff): a complaint naming one goes to the owner. */
  staff?: string[];
  /** Extra things worth echoing back in a positive reply (config classify.details): dishes, products. */
  details?: string[];
}

/** The classifier's options from the config. */
export function classifyOptions(config: {
  negative: { maxRating: number };
  business: { staff?: string[] | undefined };
  classify?:
    | {
        watchWords?: string[] | undefined;
        cues?: Record<string, Record<string, string[]>> | undefined;
        details?: string[] | undefined;
        mixedRating?: number | undefined;
      }
    | undefined;
}): ClassifyOptions {
  return {
    maxRating: config.negative.maxRating,
    mixedRating: config.classify?.mixedRating,
    watchWords: config.classify?.watchWords,
    cues: config.classify?.cues,
    details: config.classify?.details,
    staff: config.business.staff,
  };
}

/** Cues without their diacritics, made once (normalising a string costs more than searching it). */
const BARE = new Map<string, string>();

/**
 * Does the text hold the cue as a word (or word start)? A cue must begin a word; short cues and
 * whole-word cues (names) must also end one, so "raw" does not match "drawn" nor "Tom" "tomato".
 */
function contains(haystack: string, plain: string, cue: string, wholeWord = false): boolean {
  const c = cue.toLowerCase();
  // Cheap first: most cues are not in most texts, and a review is searched for about a thousand
  // cues. A bit filter of the text's three-character runs rules most of them out; then the search.
  const test = (text: string, needle: string) =>
    (needle.length < 3 || mayContain(text, needle)) && hasWord(text, needle, wholeWord || needle.length <= 4);
  if (test(haystack, c)) return true;
  // Vietnamese typed without diacritics; only for cues long enough not to collide with other words.
  let bare = BARE.get(c);
  if (bare === undefined) {
    bare = stripDiacritics(c);
    if (BARE.size < 10_000) BARE.set(c, bare);
  }
  return bare !== c && bare.length >= 5 && test(plain, bare);
}

/**
 * Which runs of three UTF-16 units a text holds, as a 65,536-bit filter (a hash of each run sets
 * one bit): a cue whose first three units' bit is clear is certainly not in the text. Two filters
 * are kept and reused, for the last two texts (classify searches the text and its bare form).
 * Exported for its property test: it must never say no to a needle that is in the text.
 */
const GRAM_BITS = 1 << 16;
const gramHash = (s: string, i: number) =>
  Math.imul(s.charCodeAt(i) * 961 + s.charCodeAt(i + 1) * 31 + s.charCodeAt(i + 2), 0x9e3779b1) >>> 16;
const gramFilters = [
  { text: null as string | null, bits: new Uint8Array(GRAM_BITS / 8) },
  { text: null as string | null, bits: new Uint8Array(GRAM_BITS / 8) },
];
export function mayContain(text: string, needle: string): boolean {
  let f =
    gramFilters[0]!.text === text ? gramFilters[0]! : gramFilters[1]!.text === text ? gramFilters[1]! : null;
  if (!f) {
    f = gramFilters.pop()!;
    gramFilters.unshift(f);
    f.text = text;
    f.bits.fill(0);
    for (let i = 0; i + 3 <= text.length; i++) {
      const h = gramHash(text, i) & (GRAM_BITS - 1);
      f.bits[h >>> 3]! |= 1 << (h & 7);
    }
  }
  const h = gramHash(needle, 0) & (GRAM_BITS - 1);
  return (f.bits[h >>> 3]! & (1 << (h & 7))) !== 0;
}

function matches(table: Cues, langs: string[], text: string, plain: string): { key: string; cue: string }[] {
  const out: { key: string; cue: string }[] = [];
  for (const lang of langs) {
    for (const [key, cues] of Object.entries(table[lang] ?? {})) {
      const cue = cues.find((c) => contains(text, plain, c));
      if (cue && !out.some((o) => o.key === key)) out.push({ key, cue });
    }
  }
  return out;
}

const merged = new WeakMap<object, Cues>();

function merge(base: Cues, extra: ClassifyOptions["cues"]): Cues {
  if (!extra) return base;
  const known = merged.get(extra);
  if (known) return known;
  const result = mergeNow(base, extra);
  merged.set(extra, result);
  return result;
}

function mergeNow(base: Cues, extra: NonNullable<ClassifyOptions["cues"]>): Cues {
  const out: Cues = structuredClone(base);
  for (const [lang, topics] of Object.entries(extra)) {
    for (const [topic, words] of Object.entries(topics)) {
      const table = (out[lang] ??= {});
      table[topic] = [...(table[topic] ?? []), ...words];
    }
  }
  return out;
}

/**
 * The topics of a text alone, each with the cue that named it, as `classify` finds them for a review
 * with this title and text and no language given (the themes: the rest of a classification is not
 * needed there).
 */
export function topicsOf(
  title: string | null,
  text: string | null,
  cues?: ClassifyOptions["cues"],
): { key: string; cue: string }[] {
  const words = text ?? "";
  const body = `${title ?? ""}\n${words}`.toLowerCase();
  const plain = stripDiacritics(body);
  const language = (guessLanguage(words) ?? "und").toLowerCase().split("-")[0]!;
  const langs = [language, ...["en", "vi", "et"].filter((l) => l !== language)];
  return matches(merge(TOPICS, cues), langs, body, plain);
}

export function classify(r: ClassifyInput, opts: ClassifyOptions): Classification {
  const words = r.originalText ?? r.text ?? "";
  const body = `${r.title ?? ""}\n${words}`.toLowerCase();
  const plain = stripDiacritics(body);
  const reasons: string[] = [];
  const language = (r.language ?? guessLanguage(words) ?? r.textLanguage ?? "und")
    .toLowerCase()
    .split("-")[0]!;
  // Look in the reviewer's language first, then in all (mixed-language reviews are common).
  const langs = [language, ...["en", "vi", "et"].filter((l) => l !== language)];

  const negative = isNegative(r, opts.maxRating);
  if (negative)
    reasons.push(r.rating != null ? `rating ${r.rating} ≤ ${opts.maxRating}` : "recommendation negative");

  const topics = matches(merge(TOPICS, opts.cues), langs, body, plain);
  for (const t of topics) reasons.push(`cue '${t.cue}' → ${t.key}`);
  const complaintTopics = topics.filter((t) => t.key !== "staff" && t.key !== "booking");

  const urgentHits = matches(URGENT, langs, body, plain);
  const watch = (opts.watchWords ?? []).find((w) => contains(body, plain, w, true));
  const urgentKinds = urgentHits.map((u) => u.key);
  for (const u of urgentHits) reasons.push(`cue '${u.cue}' → ${u.key}: escalate to the owner`);
  if (watch) {
    urgentKinds.push("watch-word");
    reasons.push(`watch word '${watch}': escalate to the owner`);
  }
  // A complaint that names a member of staff: the owner handles it, not a template.
  const named = (opts.staff ?? []).find((n) => n.trim().length >= 2 && contains(body, plain, n.trim(), true));
  if (named && (negative || complaintTopics.length > 0)) {
    urgentKinds.push("named-staff");
    reasons.push(`names staff member '${named}' in a complaint: escalate to the owner`);
  }
  const abuseCue = langs.flatMap((l) => ABUSE[l] ?? []).find((w) => contains(body, plain, w));
  if (abuseCue)
    reasons.push(`abusive word '${abuseCue}': do not answer with a template; consider reporting it`);

  const mixedRating = opts.mixedRating ?? 3;
  const mixed = !negative && r.rating != null && r.rating === mixedRating && complaintTopics.length > 0;
  if (mixed) reasons.push(`rating ${r.rating} with complaint cues: mixed, reply with care`);

  const details = [...(opts.details ?? []), ...langs.flatMap((l) => DETAILS[l] ?? [])].filter(
    (d, i, all) => contains(body, plain, d) && all.indexOf(d) === i,
  );
  const urgent = urgentKinds.length > 0;
  const hasText = words.trim().length > 0;
  let kind: Kind;
  if (abuseCue) kind = "abusive";
  else if (urgent) kind = "negative-urgent";
  else if (!hasText && r.rating == null) kind = "recommendation-only";
  else if (!hasText) kind = negative ? "rating-only-negative" : "rating-only-positive";
  else if (negative) kind = "negative";
  else if (mixed) kind = "mixed";
  else kind = "positive";
  if (!hasText && !urgent && !abuseCue) reasons.push("no text: a short reply");
  if (
    !negative &&
    !mixed &&
    (kind === "positive" || kind === "rating-only-positive" || kind === "recommendation-only")
  )
    reasons.push(r.rating != null ? `rating ${r.rating} > ${opts.maxRating}` : "recommendation positive");
  return {
    kind,
    negative,
    mixed,
    urgent,
    urgentKinds: [...new Set(urgentKinds)],
    abusive: !!abuseCue,
    language,
    topics: topics.map((t) => t.key),
    details,
    reasons,
  };
}
