// `reviews suspicious`: reviews that may be fake or break a site's rules — the same words from
// different names, a burst of extreme ratings on one day, one name reviewing again and again, abuse.
// Signals for the owner to read, never verdicts. One streamed query, only the needed columns; what
// is worked out from each text (a key, a signature, an abusive word) is kept in review_analysis.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { Config } from "../config/schema.js";
import { classify, mayContain } from "../classify/index.js";
import { ABUSE, stripDiacritics } from "../classify/cues.js";
import { AnalysisStore } from "./analysis-store.js";
import { localClock } from "./local-time.js";
import { wordsOnly } from "../util/letters.js";

const DAY = 86_400_000;

/**
 * Every threshold of `findSuspicious`, in one place.
 *
 * - **duplicate-text**: texts of at least `minTextChars` (20) characters once normalised (lower case,
 *   no diacritics, punctuation as spaces) whose word-pair sets (shingles of `shingleWords` = 2 words)
 *   have a Jaccard similarity ≥ `minSimilarity` (0.8), written under different reviewer names.
 *   Candidates come from MinHash banding (`bands` × `rows` = 12 × 3 hashes: a pair at 0.8 is a
 *   candidate with probability 0.9998, a pair at 0.3 with 0.28), then candidates are checked
 *   exactly unless their signatures agree in fewer than `minAgreement` (18) of 36 places (a pair at
 *   0.8 agrees in 28.8 on average; below 18 about once in 78,000 pairs, where the banding itself
 *   misses one in 5,500; a pair at 0.5 still passes 57 times in 100); identical texts are grouped
 *   first. In a bucket, a text is compared with one text of each group formed there so far
 *   (at most `maxComparisons`, 64): never every pair.
 * - **burst**: on one source, a local day with at least `burstMinReviews` (3) ratings of 1 or 5 stars
 *   that is at least `burstFactor` (5×) the source's median number of such ratings per day (counted
 *   over every day from its first one to today, empty days included). Only reviews whose date is
 *   known to the day (precision `instant` or `day`) count: "3 months ago" is no date.
 * - **repeat-reviewer**: the same author name (normalised as texts are) with at least
 *   `repeatMinReviews` (3) reviews on one source. Placeholder names ("A Google User") are skipped.
 * - **abusive**: the classifier's abusive flag (its abuse cue lists, en/vi/et).
 */
export const SUSPICIOUS_THRESHOLDS = {
  minTextChars: 20,
  shingleWords: 2,
  minSimilarity: 0.8,
  bands: 12,
  rows: 3,
  burstMinReviews: 3,
  burstFactor: 5,
  repeatMinReviews: 3,
  maxComparisons: 64,
  minAgreement: 18,
} as const;

export type SuspiciousKind = "duplicate-text" | "burst" | "repeat-reviewer" | "abusive";

/** Where each site takes requests to remove a review that breaks its rules. */
export const REPORT_HOW: Record<string, string> = {
  google: "Flag as inappropriate on the review in Google Maps / Business Profile > Reviews > Report review",
  yelp: "Report review from the business owner account (biz.yelp.com)",
  facebook: "Recommendations can be reported from the Page's reviews tab",
  tripadvisor: "Management Center > Report a review",
  zomato: "Report via the Zomato for Business app",
  jsonld: "Contact the site that hosts the page",
};

export interface Finding {
  kind: SuspiciousKind;
  /** The reviews concerned, ascending. */
  reviewIds: number[];
  /** Their sources, sorted. */
  sources: string[];
  /** Why, one line each. */
  reasons: string[];
  /** Where to ask for removal, one entry per site concerned. */
  report: { site: string; how: string }[];
}

export interface SuspiciousReport {
  checkedAt: string;
  /** Reviews looked at (every review not removed from its site). */
  reviews: number;
  findings: Finding[];
}

/**
 * A row of the check's statement, as an array (better-sqlite3 makes an array of 13 cells faster
 * than an object of 13 keys: 25-30 against 40-46 ms for the 3,577 rows of the digest's window).
 */
type Row = [
  id: number,
  site: string,
  sourceId: string,
  authorName: string | null,
  rating: number | null,
  publishedAt: string | null,
  publishedPrecision: string | null,
  /** review_analysis' columns: null when not analysed. */
  textKey: string | null,
  signature: Buffer | null,
  keptAbuse: string | null,
  /** Its kept word pairs (with a window only; else null). */
  pairs: Buffer | null,
  /** The words, read only for reviews not analysed yet. */
  title: string | null,
  text: string | null,
];

/**
 * Bump when what is kept of a text (review_analysis: text_key, signature, abuse) would come out
 * otherwise for the same text: normalisation, shingles, hashes, the abuse check.
 */
const TEXT_ANALYSIS_VERSION = 1;
/** What is kept depends on these thresholds only: the others (comparisons, bursts…) act on reading. */
const KEPT = (({ minTextChars, shingleWords, bands, rows }) => ({ minTextChars, shingleWords, bands, rows }))(
  SUSPICIOUS_THRESHOLDS,
);
const TEXT_KEY = createHash("sha1")
  .update(JSON.stringify([TEXT_ANALYSIS_VERSION, KEPT, ABUSE]))
  .digest("hex");

/** One review in a finding (exported for tests). */
export interface Member {
  id: number;
  source: string;
  site: string;
  /** Normalised author name; null when unknown (each unknown name counts as a different person). */
  name: string | null;
}

export function findSuspicious(
  db: Database.Database,
  config: Config,
  /**
   * `since`: only reviews published (or first seen) since then (the digest looks at recent ones);
   * `work`: counts of the duplicate search's comparisons are added to it (for tests).
   */
  opts: { now: Date; since?: string; work?: DuplicateWork },
): SuspiciousReport {
  const T = SUSPICIOUS_THRESHOLDS;
  const clock = localClock(config.business.timezone);
  const findings: Finding[] = [];

  // Identical normalised texts share one entry; near-identical ones are found between entries.
  // source → local day number → reviews rated 1 or 5 that day
  const extremes = new Map<string, Map<number, { id: number; rating: number }[]>>();
  // source + name → the reviews under that name
  const authors = new Map<
    string,
    { name: string; source: string; site: string; ids: number[]; ratings: (number | null)[] }
  >();
  const siteOf = new Map<string, string>();
  let reviews = 0;

  // With a window, read it through the date index (and sort its few rows): left to itself, SQLite
  // walks the whole table in id order to save the sort (1.1 s instead of 30 ms on 1M reviews). The
  // words are read only where no analysis is kept. With a window, the kept word pairs come with
  // each row: the digest's 7 days on 1M reviews compared 1,182 texts exactly, and reading their
  // pairs one statement each took 12-15 ms against 1-2 ms in the row (its page is read anyway).
  // Without one, they are read only for the texts compared (most of a million are not).
  const store = new AnalysisStore(db, "text", TEXT_KEY);
  const stale = store.current ? "a.abuse IS NULL" : "1";
  const stmt = db
    .prepare(
      `SELECT r.id, r.site, r.source_id, r.author_name, r.rating, r.published_at, r.published_precision,
       a.text_key, a.signature, a.abuse, ${opts.since ? "a.pairs" : "NULL AS pairs"},
       CASE WHEN ${stale} THEN r.title END AS title,
       CASE WHEN ${stale} THEN coalesce(r.original_text, r.text) END AS text
     FROM reviews r${opts.since ? " INDEXED BY reviews_when" : ""} LEFT JOIN review_analysis a ON a.review_id = r.id
     WHERE r.removed_at IS NULL${opts.since ? " AND coalesce(r.published_at, r.first_seen_at) >= @since" : ""}
     ORDER BY r.id`,
    )
    .raw(true);
  const words = new Words();
  const size = T.bands * T.rows;
  const norms = new Map<string, string>(); // text key → normalised text, when read in this run
  const textOf = db.prepare("SELECT coalesce(original_text, text) FROM reviews WHERE id = ?").pluck();
  const keptPairs = db.prepare("SELECT pairs FROM review_analysis WHERE review_id = ?").pluck();
  const entries = new Map<string, TextEntry>();
  for (const [
    id,
    site,
    sourceId,
    authorName,
    rating,
    publishedAt,
    publishedPrecision,
    textKey,
    signature,
    keptAbuse,
    pairs,
    title,
    text,
  ] of stmt.iterate(opts.since ? { since: opts.since } : {}) as IterableIterator<Row>) {
    reviews++;
    siteOf.set(sourceId, site);
    const name = normalName(authorName);
    const member: Member = { id, source: sourceId, site, name };

    // The kept analysis of the text, or a new one.
    let key = textKey;
    let sig: Uint32Array | null = signature ? viewOf(signature, Uint32Array) : null;
    let abuse = keptAbuse;
    const analysed = store.current && abuse != null;
    // The pairs kept with this row's analysis, when the row brought them (undefined: read them
    // when needed; a text analysed again in this run has none yet).
    const rowPairs = opts.since && analysed ? pairs : undefined;
    if (!analysed) {
      key = "";
      sig = null;
      abuse = "";
      if (text) {
        const norm = normalText(text);
        if (Array.from(norm).length >= T.minTextChars) {
          key = createHash("sha1").update(norm).digest("base64").slice(0, 16);
          sig = shingleText(norm, words, size).sig;
          norms.set(key, norm);
        }
      }
      if ((text || title) && mayBeAbusive(title, text)) {
        const c = classify(
          {
            rating,
            recommendation: null,
            text,
            originalText: null,
            title,
            language: null,
            textLanguage: null,
          },
          { maxRating: config.negative.maxRating },
        );
        abuse = c.reasons.find((r) => r.startsWith("abusive word")) ?? "";
      }
      store.keep(id, { text_key: key, signature: sig ? Buffer.from(sig.buffer) : null, abuse });
    }

    if (key && sig) {
      const entry = entries.get(key);
      if (entry) entry.members.push(member);
      else {
        const k = key;
        const first = id;
        entries.set(k, {
          members: [member],
          sig,
          // The pairs kept from an earlier run, else the text's, kept for the next run.
          shingles: () => {
            const kept =
              rowPairs !== undefined
                ? rowPairs
                : store.current
                  ? (keptPairs.get(first) as Buffer | null | undefined)
                  : null;
            if (kept && kept.length > 0 && kept.length % 8 === 0) return viewOf(kept, Float64Array);
            const norm = norms.get(k) ?? normalText((textOf.get(first) as string | null) ?? "");
            const set = shingleSet(norm, words);
            store.keep(first, { pairs: pairsBytes(set) });
            return set;
          },
        });
      }
    }
    if (abuse) findings.push(finding("abusive", [member], [abuse]));

    if (rating != null && (rating <= 1 || rating >= 5) && publishedAt) {
      const local = clock(publishedAt, publishedPrecision);
      if (local) {
        const days = extremes.get(sourceId) ?? new Map<number, { id: number; rating: number }[]>();
        extremes.set(sourceId, days);
        const list = days.get(local.day) ?? [];
        days.set(local.day, list);
        list.push({ id, rating });
      }
    }

    if (name) {
      const key = `${sourceId}\u0000${name}`;
      const a = authors.get(key) ?? {
        name: (authorName ?? "").trim().replace(/\s+/g, " "),
        source: sourceId,
        site,
        ids: [],
        ratings: [],
      };
      authors.set(key, a);
      a.ids.push(id);
      a.ratings.push(rating);
    }
  }
  findings.push(...groupDuplicates([...entries.values()], opts.work));
  store.save();
  findings.push(...bursts(extremes, siteOf, clock(opts.now.toISOString(), "instant")!.day));
  for (const a of authors.values()) {
    if (a.ids.length < T.repeatMinReviews) continue;
    const members = a.ids.map((id) => ({ id, source: a.source, site: a.site, name: null }));
    findings.push(
      finding("repeat-reviewer", members, [
        `'${a.name}' wrote ${a.ids.length} reviews on ${a.source} (ratings ${a.ratings
          .slice(0, 10)
          .map((r) => r ?? "-")
          .join(", ")}${a.ratings.length > 10 ? ", …" : ""})`,
        "one person may review once: several reviews under one name can be a competitor, a grudge or paid reviews",
      ]),
    );
  }

  const order: Record<SuspiciousKind, number> = {
    "duplicate-text": 0,
    burst: 1,
    "repeat-reviewer": 2,
    abusive: 3,
  };
  findings.sort((x, y) => order[x.kind] - order[y.kind] || x.reviewIds[0]! - y.reviewIds[0]!);
  return { checkedAt: opts.now.toISOString(), reviews, findings };
}

export function finding(kind: SuspiciousKind, members: Member[], reasons: string[]): Finding {
  const sites = [...new Set(members.map((m) => m.site))].sort();
  return {
    kind,
    reviewIds: [...new Set(members.map((m) => m.id))].sort((a, b) => a - b),
    sources: [...new Set(members.map((m) => m.source))].sort(),
    reasons,
    report: sites.map((site) => ({ site, how: REPORT_HOW[site] ?? REPORT_HOW["jsonld"]! })),
  };
}

/** Lower case, no diacritics, letters and digits only, single spaces. */
export function normalText(s: string): string {
  return wordsOnly(stripDiacritics(s.normalize("NFC").toLowerCase()));
}

/** Names that sites give to people who hide theirs: they say nothing about who wrote a review. */
const PLACEHOLDER_NAMES = new Set([
  "a google user",
  "google user",
  "anonymous",
  "anonym",
  "anonyymne",
  "facebook user",
  "yelp user",
  "tripadvisor member",
  "khach",
  "an danh",
  "nguoi dung",
]);

export function normalName(name: string | null): string | null {
  if (!name) return null;
  const n = normalText(name);
  return n && !PLACEHOLDER_NAMES.has(n) ? n : null;
}

// ---------------------------------------------------------------------------------------------
// Near-identical texts: MinHash signatures of word-pair shingles, banded (locality-sensitive
// hashing), then the exact Jaccard similarity of every candidate pair.
//
// A shingle is a pair of words ("w1 w2"; a text of one word is its own shingle). For the signature,
// words are numbered as they come, so a shingle is the number w1 × 2^26 + w2 + 1 (a lone word:
// w1 × 2^26): exact, without building its string, to tell a text's distinct shingles apart. Its hash
// is FNV-1a of the string "w1 w2" all the same, worked out from the hash of w1: the signatures are
// those of the strings. For the exact comparison, a shingle is a 53-bit number made of two 32-bit
// hashes of the string "w1 w2" (pairKey): the same in every run, so the sets of the texts compared
// are kept (review_analysis.pairs) and read back on the next run instead of the texts. Two distinct
// shingles share a number once in 2^53: a pair of 200-shingle texts counts a shared shingle that is
// not one about once in 10^11 comparisons.

export function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

const FNV_BASIS = 0x811c9dc5;
const fnv = (h: number, s: string) => {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
};

/** Murmur3's finaliser: turns one base hash into the i-th of many independent-looking ones. */
function mix(h: number, seed: number): number {
  h = (h ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const PAIR = 2 ** 26;

/** pairKey's second hash: FNV-1a's steps with another basis and murmur2's multiplier. */
const LANE_BASIS = 0x2d358dcc;
const lane = (h: number, s: string) => {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
  return h;
};

/** Numbers the words of the texts compared, and keeps each word's FNV-1a state. */
class Words {
  private readonly ids = new Map<string, number>();
  readonly states: number[] = [];
  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.states.length;
      this.ids.set(word, id);
      this.states.push(fnv(FNV_BASIS, word));
    }
    return id;
  }
}

/**
 * The 53-bit number of the shingle "first second" (of the lone word `first` when `second` is
 * undefined), `state` being first's FNV-1a state: the low 32 bits from FNV-1a of the string, the
 * high 21 from `lane`, each through Murmur3's finaliser. It depends on the words alone, never on
 * their numbering: numbers from different runs compare. (`lane` is worked out here, for the few
 * texts compared exactly, rather than for every word a run numbers.)
 */
function pairKey(state: number, first: string, second?: string): number {
  let h1 = state;
  let h2 = lane(LANE_BASIS, first);
  if (second !== undefined) {
    h1 = fnv(fnv(h1, " "), second);
    h2 = lane(lane(h2, " "), second);
  }
  return (mix(h2, 1) >>> 11) * 2 ** 32 + mix(h1, 0);
}

/** A text's MinHash signature (of `size` hashes) over its distinct shingles. */
function shingleText(norm: string, words: Words, size: number): { sig: Uint32Array } {
  const list = norm.split(" ");
  const ids = list.map((w) => words.id(w));
  const sig = new Uint32Array(size).fill(0xffffffff);
  const seen = new Set<number>();
  const addShingle = (shingle: number, base: () => number) => {
    if (seen.has(shingle)) return;
    seen.add(shingle);
    const h = base() >>> 0;
    for (let i = 0; i < size; i++) {
      const v = mix(h, i);
      if (v < sig[i]!) sig[i] = v;
    }
  };
  if (ids.length === 1) addShingle(ids[0]! * PAIR, () => words.states[ids[0]!]!);
  for (let i = 0; i + 1 < ids.length; i++) {
    // FNV-1a of "w1 w2": w1's state, then the space, then w2.
    addShingle(ids[i]! * PAIR + ids[i + 1]! + 1, () => fnv(fnv(words.states[ids[i]!]!, " "), list[i + 1]!));
  }
  return { sig };
}

/**
 * Stored bytes of a typed array (a signature's Uint32Array, kept pairs' Float64Array), viewed in
 * place when aligned, else copied once.
 */
function viewOf<T>(
  b: Buffer,
  Type: { new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): T; BYTES_PER_ELEMENT: number },
): T {
  const size = Type.BYTES_PER_ELEMENT;
  return b.byteOffset % size === 0
    ? new Type(b.buffer, b.byteOffset, b.length / size)
    : new Type(new Uint8Array(b).buffer);
}

/** shingleSet's numbers as the bytes kept in review_analysis.pairs. */
function pairsBytes(set: Float64Array): Buffer {
  return Buffer.from(set.buffer, set.byteOffset, set.byteLength);
}

/**
 * The bucket of a signature's band: a 53-bit number of the band's index and its rows' hashes, from
 * two chains of Murmur3's finaliser (32 and 21 bits). Two different bands share a number once in
 * 2^53; sharing one only makes their texts candidates, which are then compared. (A string key per
 * band, its numbers in decimal, took 55–72 ms for the 44,000 bands of the digest's window.)
 */
export function bandKey(sig: Uint32Array, band: number, rows: number): number {
  let h1 = mix(band, 2);
  let h2 = mix(band, 3);
  for (let r = 0; r < rows; r++) {
    const v = sig[band * rows + r]!;
    h1 = mix(h1 ^ v, 4);
    h2 = mix(h2 ^ v, 5);
  }
  return (h2 >>> 11) * 2 ** 32 + h1;
}

/**
 * The texts of each band's bucket (equal bandKey), as groupDuplicates reads them: buckets in the
 * order they were first met, going through the texts and each text's bands in order, and in each
 * bucket its (text, band) slots in that order; slot = text × bands + band. Typed arrays and an
 * open-addressing table on the keys' low 32 bits instead of a Map of arrays: the whole history of
 * 1,000,000 texts has 12,000,000 bands, which a Map holds in about 1.5 GB and a Map cannot hold at
 * all beyond 2^24 (16.7 million: 1.4 million texts); here about 30 bytes a band. (Exported for tests.)
 */
export function bandBuckets(
  entries: readonly { sig: Uint32Array }[],
  bands: number,
  rows: number,
): { count: number; head: Int32Array; tail: Int32Array; next: Int32Array } {
  const slots = entries.length * bands;
  let size = 2;
  while (size < slots * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1); // → bucket number
  const keys = new Float64Array(slots);
  const head = new Int32Array(slots);
  const tail = new Int32Array(slots);
  const next = new Int32Array(slots).fill(-1);
  let count = 0;
  for (let i = 0; i < entries.length; i++) {
    const sig = entries[i]!.sig;
    for (let b = 0; b < bands; b++) {
      const slot = i * bands + b;
      const key = bandKey(sig, b, rows);
      let at = (key >>> 0) & mask; // the low 32 bits: a Murmur3 finaliser's output
      let bucket = table[at]!;
      while (bucket !== -1 && keys[bucket] !== key) {
        at = (at + 1) & mask;
        bucket = table[at]!;
      }
      if (bucket === -1) {
        bucket = count++;
        table[at] = bucket;
        keys[bucket] = key;
        head[bucket] = slot;
      } else next[tail[bucket]!] = slot;
      tail[bucket] = slot;
    }
  }
  return { count, head, tail, next };
}

/**
 * Whether two signatures agree in at least `min` places (the share of places estimates their
 * Jaccard similarity). Stops once the places left cannot make up `min`: most pairs compared share
 * a band by chance and agree in few places, so after `length - min + 1` differences they are out.
 */
export function agreesIn(a: Uint32Array, b: Uint32Array, min: number): boolean {
  if (min > a.length) return false;
  let misses = a.length - min; // differences still allowed
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && --misses < 0) return false;
  return true;
}

/** A text's distinct shingles as pairKey numbers, ascending. */
function shingleSet(norm: string, words: Words): Float64Array {
  const list = norm.split(" ");
  const stateOf = (word: string) => words.states[words.id(word)]!;
  if (list.length === 1) return Float64Array.of(pairKey(stateOf(list[0]!), list[0]!));
  const out = new Float64Array(list.length - 1);
  for (let i = 1; i < list.length; i++) out[i - 1] = pairKey(stateOf(list[i - 1]!), list[i - 1]!, list[i]!);
  out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i]!;
  return out.subarray(0, n);
}

/** Jaccard similarity of two ascending sets. */
function jaccardSorted(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}

/** One distinct text: its reviews, its MinHash signature, and its shingles (worked out when needed). */
interface TextEntry {
  members: Member[];
  sig: Uint32Array;
  shingles: () => Float64Array;
}

/** Groups of near-identical texts (normalised text → its reviews) under different names (for tests). */
export function duplicates(texts: Map<string, Member[]>): Finding[] {
  const words = new Words();
  const size = SUSPICIOUS_THRESHOLDS.bands * SUSPICIOUS_THRESHOLDS.rows;
  return groupDuplicates(
    [...texts].map(([norm, members]) => {
      const { sig } = shingleText(norm, words, size);
      return { members, sig, shingles: () => shingleSet(norm, words) };
    }),
  );
}

/**
 * What groupDuplicates did, counted (tests check that it compares through buckets, not every pair):
 * `pairs` that shared a band and were looked at, their signatures' `agreements` counted, and the
 * exact `similarities` worked out for those that agreed enough.
 */
export interface DuplicateWork {
  pairs: number;
  agreements: number;
  similarities: number;
}

function groupDuplicates(entries: TextEntry[], work?: DuplicateWork): Finding[] {
  const T = SUSPICIOUS_THRESHOLDS;
  let pairs = 0;
  let agreements = 0;
  let similarities = 0;
  const parent = entries.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const lowest = new Map<number, number>(); // root → the lowest similarity of an accepted pair
  // Whether two entries hold reviews under different names (an unknown name differs from all):
  // true unless both hold one and the same known name.
  const soleName = entries.map(({ members }) => {
    const first = members[0]!.name;
    return first != null && members.every((m) => m.name === first) ? first : null;
  });
  const differentNames = (i: number, j: number) => soleName[i] == null || soleName[i] !== soleName[j];

  const sets = new Map<number, Float64Array>();
  const setOf = (i: number) => sets.get(i) ?? sets.set(i, entries[i]!.shingles()).get(i)!;
  const buckets = bandBuckets(entries, T.bands, T.rows);
  // Within a bucket each text is compared with one text per group found so far (at most
  // `maxComparisons`), never with every other text: a bucket of thousands of copies stays linear.
  for (let k = 0; k < buckets.count; k++) {
    const firstSlot = buckets.head[k]!;
    if (firstSlot === buckets.tail[k]) continue; // most: a text alone in its band compares with nothing
    const reps: number[] = [];
    for (let slot = firstSlot; slot !== -1; slot = buckets.next[slot]!) {
      const i = Math.floor(slot / T.bands);
      for (const r of reps) {
        pairs++;
        if (find(r) === find(i)) continue;
        if (!differentNames(i, r)) continue;
        agreements++;
        // Most candidates share a band by chance: their signatures agree in few places. A pair at
        // the threshold (0.8) agrees in 28.8 of 36 places on average, and in fewer than
        // `minAgreement` (18) once in 78,000 pairs: such pairs are not worth reading the words of.
        // (15 let through 2.6 times as many on the benchmark's texts, written from shared sentences.)
        if (!agreesIn(entries[i]!.sig, entries[r]!.sig, T.minAgreement)) continue;
        similarities++;
        const sim = jaccardSorted(setOf(i), setOf(r));
        if (sim < T.minSimilarity) continue;
        const low = Math.min(sim, lowest.get(find(i)) ?? 1, lowest.get(find(r)) ?? 1);
        parent[find(i)] = find(r);
        lowest.set(find(r), low);
      }
      if (reps.length < T.maxComparisons && !reps.some((r) => find(r) === find(i))) reps.push(i);
    }
  }
  if (work) {
    work.pairs += pairs;
    work.agreements += agreements;
    work.similarities += similarities;
  }

  const groups = new Map<number, Member[]>();
  entries.forEach(({ members }, i) => {
    const root = find(i);
    const group = groups.get(root) ?? [];
    groups.set(root, group);
    for (const m of members) group.push(m);
  });
  const out: Finding[] = [];
  for (const [root, members] of groups) {
    if (members.length < 2) continue;
    const named = new Set(members.map((m) => m.name));
    const people = members.filter((m) => m.name == null).length + [...named].filter((n) => n != null).length;
    if (people < 2) continue; // one person posting the same words on several sites is not a fake
    const low = lowest.get(root);
    const similarity =
      low == null
        ? "the same words"
        : `nearly the same words (at least ${Math.floor(low * 100)}% of their word pairs in common)`;
    const sources = [...new Set(members.map((m) => m.source))].sort();
    out.push(
      finding("duplicate-text", members, [
        `${members.length} reviews by ${people} different names with ${similarity}`,
        `on ${sources.join(", ")}: copied or templated text is a common sign of paid or fake reviews`,
      ]),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bursts of extreme ratings.

function bursts(
  extremes: Map<string, Map<number, { id: number; rating: number }[]>>,
  siteOf: Map<string, string>,
  today: number,
): Finding[] {
  const T = SUSPICIOUS_THRESHOLDS;
  const out: Finding[] = [];
  for (const [source, days] of extremes) {
    const dayNumbers = [...days.keys()];
    const first = Math.min(...dayNumbers);
    const last = Math.max(today, ...dayNumbers);
    const span = last - first + 1;
    const counts = [...days.values()].map((l) => l.length).sort((a, b) => a - b);
    const zeros = span - counts.length;
    const valueAt = (k: number) => (k < zeros ? 0 : counts[k - zeros]!);
    const median = span % 2 ? valueAt((span - 1) / 2) : (valueAt(span / 2 - 1) + valueAt(span / 2)) / 2;
    for (const [day, list] of [...days].sort(([a], [b]) => a - b)) {
      if (list.length < T.burstMinReviews || list.length < T.burstFactor * median) continue;
      const fives = list.filter((r) => r.rating >= 5).length;
      const ones = list.length - fives;
      const date = new Date(day * DAY).toISOString().slice(0, 10);
      const mix = [fives ? `${fives} five-star` : "", ones ? `${ones} one-star` : ""]
        .filter(Boolean)
        .join(" and ");
      const site = siteOf.get(source) ?? "jsonld";
      out.push(
        finding(
          "burst",
          list.map((r) => ({ id: r.id, source, site, name: null })),
          [
            `${list.length} reviews rated 1 or 5 on ${date} on ${source} (${mix})`,
            median === 0
              ? `on most days ${source} gets none (median 0 a day over ${span} days)`
              : `${source} usually gets ${median} a day (median over ${span} days): this day has ${Math.round((list.length / median) * 10) / 10}×`,
          ],
        ),
      );
    }
  }
  return out;
}

// The classifier's abuse check builds a regular expression per cue; a review without any abuse cue
// as a substring (diacritics kept or not) cannot be abusive, so it is not classified at all.
const ABUSE_NEEDLES = Object.values(ABUSE)
  .flat()
  .map((w) => w.toLowerCase());
const ABUSE_BARE = ABUSE_NEEDLES.map(stripDiacritics).filter(
  (b, i) => b !== ABUSE_NEEDLES[i] && b.length >= 5,
);

function mayBeAbusive(title: string | null, text: string | null): boolean {
  const body = `${title ?? ""}\n${text ?? ""}`.toLowerCase();
  // The classifier's filter of three-character runs first: most texts hold none of the cues.
  const has = (t: string, w: string) => (w.length < 3 || mayContain(t, w)) && t.includes(w);
  if (ABUSE_NEEDLES.some((w) => has(body, w))) return true;
  const plain = stripDiacritics(body);
  return ABUSE_BARE.some((w) => has(plain, w));
}
