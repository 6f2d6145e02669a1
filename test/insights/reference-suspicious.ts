// Near-identical texts as found before the shingles were numbered (commit e784df3): string shingles,
// string sets, hash32 of each shingle's string. test/property/suspicious.test.ts checks that
// duplicates() in src/insights/suspicious.ts finds exactly the same groups. Not used by the program.
import { SUSPICIOUS_THRESHOLDS, finding, type Finding, type Member } from "../../src/insights/suspicious.js";

function shingles(norm: string): Set<string> {
  const words = norm.split(" ");
  const k = SUSPICIOUS_THRESHOLDS.shingleWords;
  if (words.length <= k) return new Set([norm]);
  const out = new Set<string>();
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(" "));
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

/** FNV-1a, 32 bits. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

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

function signature(set: Set<string>, size: number): Uint32Array {
  const sig = new Uint32Array(size).fill(0xffffffff);
  for (const s of set) {
    const base = hash32(s);
    for (let i = 0; i < size; i++) {
      const v = mix(base, i);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

export function referenceDuplicates(texts: Map<string, Member[]>): Finding[] {
  const T = SUSPICIOUS_THRESHOLDS;
  const entries = [...texts];
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
  const soleName = entries.map(([, members]) => {
    const first = members[0]!.name;
    return first != null && members.every((m) => m.name === first) ? first : null;
  });
  const differentNames = (i: number, j: number) => soleName[i] == null || soleName[i] !== soleName[j];

  const sets = new Map<number, Set<string>>();
  const setOf = (i: number) => sets.get(i) ?? sets.set(i, shingles(entries[i]![0])).get(i)!;
  const buckets = new Map<string, number[]>();
  entries.forEach(([norm], i) => {
    const sig = signature(shingles(norm), T.bands * T.rows);
    for (let b = 0; b < T.bands; b++) {
      const key = `${b}:${Array.from(sig.subarray(b * T.rows, (b + 1) * T.rows)).join(",")}`;
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  // Within a bucket each text is compared with one text per group found so far (at most
  // `maxComparisons`), never with every other text: a bucket of thousands of copies stays linear.
  for (const list of buckets.values()) {
    const reps: number[] = [];
    for (const i of list) {
      for (const r of reps) {
        if (find(r) === find(i)) continue;
        if (!differentNames(i, r)) continue;
        const sim = jaccard(setOf(i), setOf(r));
        if (sim < T.minSimilarity) continue;
        const low = Math.min(sim, lowest.get(find(i)) ?? 1, lowest.get(find(r)) ?? 1);
        parent[find(i)] = find(r);
        lowest.set(find(r), low);
      }
      if (reps.length < T.maxComparisons && !reps.some((r) => find(r) === find(i))) reps.push(i);
    }
  }

  const groups = new Map<number, Member[]>();
  entries.forEach(([, members], i) => {
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
