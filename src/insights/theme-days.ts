// What the themes read from one UTC day, summed up and kept between runs (day_summaries, migration
// 7): a digest reads the summaries of the days that have not changed since they were made, and
// reads review by review only the days that changed (a check's new reviews, edits, removals), the
// days an edge of its periods cuts, and the days it has never summed up.
//
// A summary holds what the day adds to each topic whatever the periods: its reviews naming the
// topic (count and the newest ids), per local day (the weekly counts), and, when the day lies in
// the themes' period, the topic's figures there (reviews, cues, local slots, sites) and every review
// of the day by site and slot. Each is kept with the day's version (the sum of review_days.version,
// raised by the triggers on every change a summary can see) and under a kind that names the
// settings it was made with (the analysis, the time zone, what counts as negative): a summary is
// used only for the same kind and version. Saving is best effort, as for the stored analysis.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { DaySummaries } from "../store/day-summaries.js";
import type { Bucket } from "./themes.js";

/** Bump when what a summary holds or means changes: every kept summary is then made again. */
const SUMMARY_VERSION = 1;

export interface TopicScope {
  reviews: number;
  negative: number;
  examples: number[];
  cues: Map<string, number>;
  slots: Map<string, Bucket>;
  sites: Map<string, Bucket>;
}

export interface DayTopic {
  /** The day's reviews read that name the topic (the trend's recent and previous weeks). */
  all: Bucket;
  /** Local day number → those reviews (the weekly counts). */
  local: Map<number, number>;
  /** The topic's figures in scope; null when none of the day's reviews in scope name it. */
  scope: TopicScope | null;
}

export interface PeriodBase {
  reviews: number;
  slots: Map<string, number>;
  sites: Map<string, number>;
}

export interface DaySummary {
  /** Reviews of the day in scope (with negativeOnly: the negative ones). */
  inScope: number;
  topics: Map<string, DayTopic>;
  /** Every review of the day by site and local slot; null when the day was summed up outside the period (no scope figures either). */
  base: PeriodBase | null;
}

export function newDaySummary(whole: boolean): DaySummary {
  return {
    inScope: 0,
    topics: new Map(),
    base: whole ? { reviews: 0, slots: new Map(), sites: new Map() } : null,
  };
}

export function newScope(): TopicScope {
  return { reviews: 0, negative: 0, examples: [], cues: new Map(), slots: new Map(), sites: new Map() };
}

/** The kind of summary made with these settings. */
export function summaryKind(parts: unknown[]): string {
  return `themes:${createHash("sha1")
    .update(JSON.stringify([SUMMARY_VERSION, ...parts]))
    .digest("hex")}`;
}

// JSON: arrays of pairs rather than objects, so that no key (a cue of the config, a site) can be a
// property name with a meaning of its own.
type BucketJson = [number, number[]];
type ScopeJson = [
  number,
  number,
  number[],
  [string, number][],
  [string, ...BucketJson][],
  [string, ...BucketJson][],
];
type TopicJson = [string, ...BucketJson, [number, number][], ScopeJson | null];
interface SummaryJson {
  s: number;
  t: TopicJson[];
  b: [number, [string, number][], [string, number][]] | null;
}

const bucketsOut = (m: Map<string, Bucket>): [string, ...BucketJson][] =>
  [...m].map(([k, b]) => [k, b.n, b.ids]);
const bucketsIn = (a: [string, ...BucketJson][]) =>
  new Map(a.map(([k, n, ids]) => [k, { n, ids }] as [string, Bucket]));

export function toJson(d: DaySummary): string {
  const out: SummaryJson = {
    s: d.inScope,
    t: [...d.topics].map(([topic, t]) => [
      topic,
      t.all.n,
      t.all.ids,
      [...t.local],
      t.scope
        ? [
            t.scope.reviews,
            t.scope.negative,
            t.scope.examples,
            [...t.scope.cues],
            bucketsOut(t.scope.slots),
            bucketsOut(t.scope.sites),
          ]
        : null,
    ]),
    b: d.base ? [d.base.reviews, [...d.base.slots], [...d.base.sites]] : null,
  };
  return JSON.stringify(out);
}

export function fromJson(json: string): DaySummary {
  const j = JSON.parse(json) as SummaryJson;
  return {
    inScope: j.s,
    topics: new Map(
      j.t.map(([topic, n, ids, local, scope]) => [
        topic,
        {
          all: { n, ids },
          local: new Map(local),
          scope: scope
            ? {
                reviews: scope[0],
                negative: scope[1],
                examples: scope[2],
                cues: new Map(scope[3]),
                slots: bucketsIn(scope[4]),
                sites: bucketsIn(scope[5]),
              }
            : null,
        },
      ]),
    ),
    base: j.b ? { reviews: j.b[0], slots: new Map(j.b[1]), sites: new Map(j.b[2]) } : null,
  };
}

/** The themes' summaries of one kind (settings), read and kept through day_summaries. */
export class ThemeDays {
  private readonly kept: DaySummaries;

  constructor(db: Database.Database, kind: string, fromDay: string | null) {
    this.kept = new DaySummaries(db, kind, fromDay);
  }

  /** The day's summary if one was made at this version (and whole, when `whole`). */
  get(day: string, version: number, whole: boolean): DaySummary | null {
    const data = this.kept.get(day, version);
    if (data == null) return null;
    const d = fromJson(data);
    return whole && !d.base ? null : d;
  }

  keep(day: string, version: number, summary: DaySummary): void {
    this.kept.keep(day, version, toJson(summary));
  }

  save(): void {
    this.kept.save();
  }
}
