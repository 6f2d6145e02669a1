// A large CSV export read by worker threads in date ranges (src/export/csv-split.ts, csv-reader.ts)
// writes the bytes one thread reading the whole statement writes, reads one snapshot while other
// processes write, lets the write lock go, and leaves the export to the main thread whenever it
// cannot split it. The worker is the built one (dist/export/csv-reader.js: `npm test` builds first).
import { spawn } from "node:child_process";
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { Store, listIndexHint } from "../../src/store/store.js";
import { exportRows, reviewQuery, testimonialQuery, type ExportQuery } from "../../src/export/query.js";
import type { CsvJob } from "../../src/export/csv-job.js";
import { planRanges, writeCsvSplit, type SplitOptions } from "../../src/export/csv-split.js";
import type { TestimonialFilter } from "../../src/export/testimonials.js";
import { parsedReview } from "../helpers/reviews.js";
import { tempDir } from "../helpers/cli.js";
import { Collect, csvReference, NAMES, TEXTS } from "../helpers/csv-export.js";

const WORKER = new URL("../../dist/export/csv-reader.js", import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * 600 reviews on two sites over about 60 days, many on the same day and at the same instant, some
 * without a date (ordered by when they were first seen), a few with dates before every other, and
 * every 17th removed from its site.
 */
function fixtureStore(): Store {
  const store = new Store(path.join(tempDir(), "reviews.db"));
  for (const site of ["google", "yelp"] as const) {
    const reviews = Array.from({ length: 300 }, (_, i) =>
      parsedReview(`${site}-${i}`, {
        author: { name: NAMES[i % NAMES.length] ?? null, url: null },
        rating: i % 11 === 0 ? null : (i % 5) + 1,
        recommendation: i % 11 === 0 ? (i % 2 ? "positive" : "negative") : null,
        text: TEXTS[i % TEXTS.length] ?? null,
        language: ["en", "vi", "et", null][i % 4] ?? null,
        url: i % 3 ? `https://example.com/r/${i}` : null,
        excerpt: i % 13 === 0,
        publishedAt:
          i % 23 === 0
            ? null
            : i % 29 === 0
              ? "1999-01-01T00:00:00.000Z"
              : `2026-${String((i % 2) + 10).padStart(2, "0")}-${String((i % 30) + 1).padStart(2, "0")}T${String(i % 3).padStart(2, "0")}:00:00.000Z`,
      }),
    );
    store.upsertPage(`${site}-main`, site, reviews, "2026-11-30T00:00:00.000Z", false);
  }
  store.db.exec("UPDATE reviews SET removed_at = '2026-11-30T01:00:00.000Z' WHERE id % 17 = 0");
  return store;
}

const store = fixtureStore();
afterAll(() => store.close());

/** What one thread writes for the statement. */
function reference(db: Database.Database, q: ExportQuery, job: CsvJob) {
  return csvReference(exportRows(db, q), job);
}

async function exported(s: Store, q: ExportQuery, job: CsvJob, options: SplitOptions, out = new Collect()) {
  let split: [number, number] | null = null;
  let skipped: string | null = null;
  const count = await writeCsvSplit(out, s.db, s.file, q, job, {
    workerUrl: WORKER,
    cores: 2,
    minRows: 0,
    ...options,
    onSplit: (ranges, workers) => (split = [ranges, workers]),
    onSkip: (why) => (skipped = why),
  });
  out.end();
  await once(out, "finish");
  return {
    text: out.text(),
    count,
    split: split as [number, number] | null,
    skipped: skipped as string | null,
  };
}

const FILTERS: TestimonialFilter[] = [
  { minRating: 4, permission: "any" },
  { minRating: 1, permission: "any", lang: "vi" },
  { minRating: 5, permission: "any", site: "yelp", minLength: 20 },
  { minRating: 4, permission: "any", since: "2026-10-15T00:00:00.000Z" },
  { minRating: 1, permission: "any", since: "2026-10-15T01:30:00.000Z" }, // within a range's first day
  { minRating: 4, permission: "granted" }, // none: the header alone
];

describe("CSV export read in date ranges by worker threads", () => {
  it("plans ranges that meet end to end, newest first, of about the rows asked", () => {
    const q = reviewQuery({ includeRemoved: true });
    const plan = planRanges(store.db, q, 0, 40)!;
    expect(plan.rows).toBe(600 - Math.floor(600 / 17)); // review_days counts live reviews
    expect(plan.ranges[0]!.to).toBeNull();
    expect(plan.ranges.at(-1)!.from).toBeNull();
    for (let i = 1; i < plan.ranges.length; i++) {
      expect(plan.ranges[i]!.to).toBe(plan.ranges[i - 1]!.from);
      expect(plan.ranges[i - 1]!.from! > (plan.ranges[i]!.from ?? "")).toBe(true);
    }
    expect(plan.ranges.length).toBeGreaterThan(8);
    expect(planRanges(store.db, q, 10_000, 40)).toBeNull(); // fewer rows than asked for
    // With a date filter, the days before it are not counted.
    const since = testimonialQuery({ minRating: 4, permission: "any", since: "2026-11-20T00:00:00.000Z" });
    const sincePlan = planRanges(store.db, since, 0, 40)!;
    expect(sincePlan.rows).toBeLessThan(plan.rows / 2);
    // No range starts before the export's own start, which rangeSql leaves to the range.
    const midDay = testimonialQuery({ minRating: 4, permission: "any", since: "2026-10-15T01:30:00.000Z" });
    const midPlan = planRanges(store.db, midDay, 0, 1)!;
    expect(midPlan.ranges.at(-2)!.from).toBe("2026-10-15T01:30:00.000Z");
    for (const r of [...sincePlan.ranges, ...midPlan.ranges])
      if (r.from) expect(r.from >= "2026-10-15").toBe(true);
  });

  it("writes the same bytes as one thread, however the ranges fall and whatever the workers", async () => {
    const jobs: [string, ExportQuery, CsvJob][] = [
      ...FILTERS.flatMap((filter) =>
        [false, true].map(
          (bom) =>
            [JSON.stringify(filter), testimonialQuery(filter), { kind: "testimonials", filter, bom }] as [
              string,
              ExportQuery,
              CsvJob,
            ],
        ),
      ),
      ...[false, true].map(
        (bom) =>
          [
            "reviews",
            reviewQuery({ includeRemoved: true }),
            { kind: "reviews", negativeMaxRating: 2, bom },
          ] as [string, ExportQuery, CsvJob],
      ),
      [
        "reviews of one source, by status (an index hint)",
        reviewQuery(
          { source: "yelp-main", status: "open" },
          listIndexHint(store.db, { source: "yelp-main", status: "open" }),
        ),
        { kind: "reviews", negativeMaxRating: 2, bom: false },
      ],
    ];
    let checked = 0;
    for (const [name, q, job] of jobs) {
      const want = reference(store.db, q, job);
      for (const [rangeRows, cores] of [
        [1, 2],
        [7, 2],
        [40, 3],
        [250, 2],
      ] as const) {
        const got = await exported(store, q, job, { rangeRows, cores });
        const label = `${name}, ${rangeRows} rows a range, ${cores} cores`;
        expect(got.skipped, label).toBeNull();
        expect(got.split?.[1], label).toBe(cores);
        expect(got.count, label).toBe(want.count);
        expect(got.text, label).toBe(want.text);
        checked++;
      }
    }
    expect(checked).toBe(jobs.length * 4);
    expect(store.db.inTransaction).toBe(false);
    // The fixture has testimonials, reviews before every counted day, and a filter matching none.
    expect(reference(store.db, testimonialQuery(FILTERS[0]!), jobs[0]![2]).count).toBeGreaterThan(100);
    expect(reference(store.db, testimonialQuery(FILTERS[5]!), jobs[10]![2]).count).toBe(0);
  });

  it("writes the same bytes over many chunks while the output is slow (a worker waits its turn)", async () => {
    const big = new Store(path.join(tempDir(), "reviews.db"));
    try {
      const words = ["Phở bò rất ngon", "teenindus oli väga hea", '"quoted", and so on', "😀 emoji", "=1+1"];
      big.upsertPage(
        "google-big",
        "google",
        Array.from({ length: 1200 }, (_, i) =>
          parsedReview(`big-${i}`, {
            rating: (i % 5) + 1,
            text: Array.from({ length: 300 + (i % 97) }, (_, k) => words[(i + k) % words.length]).join(" "),
            publishedAt: `2026-11-${String((i % 28) + 1).padStart(2, "0")}T10:00:00.000Z`,
          }),
        ),
        "2026-11-30T00:00:00.000Z",
        false,
      );
      const q = reviewQuery({ includeRemoved: true });
      const job: CsvJob = { kind: "reviews", negativeMaxRating: 2, bom: true };
      const want = reference(big.db, q, job);
      // More than both workers may hold unwritten (12 chunks of 256 KB each).
      expect(Buffer.byteLength(want.text)).toBeGreaterThan(24 * 256 * 1024);
      const got = await exported(big, q, job, { rangeRows: 200 }, new Collect(Infinity, 2));
      expect(got.split).toEqual([6, 2]);
      expect(got.count).toBe(1200);
      expect(got.text).toBe(want.text);
    } finally {
      big.close();
    }
  });

  it("holds the write lock until every worker has its snapshot, and lets it go", async () => {
    const other = new Database(store.file, { timeout: 0 });
    try {
      let blocked: string | null = null;
      const q = reviewQuery({ includeRemoved: true });
      const job: CsvJob = { kind: "reviews", negativeMaxRating: 2, bom: false };
      const got = await exported(store, q, job, {
        rangeRows: 50,
        onSnapshot: () => {
          try {
            other.exec("BEGIN IMMEDIATE");
            other.exec("ROLLBACK");
          } catch (err) {
            blocked = (err as { code?: string }).code ?? String(err);
          }
        },
      });
      expect(got.split).not.toBeNull();
      expect(blocked).toBe("SQLITE_BUSY");
      // Afterwards nothing is held.
      other.exec("BEGIN IMMEDIATE");
      other.exec("ROLLBACK");
      expect(store.db.inTransaction).toBe(false);
    } finally {
      other.close();
    }
  });

  it("reads one snapshot while another process writes", async () => {
    const dir = tempDir();
    const s = new Store(path.join(dir, "reviews.db"));
    try {
      const text = "Lovely evening, the soup was hot and the staff kind. ".repeat(60);
      s.upsertPage(
        "google-snap",
        "google",
        Array.from({ length: 3000 }, (_, i) =>
          parsedReview(`base-${i}`, {
            rating: 5,
            text,
            publishedAt: `2026-${String((i % 10) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}T10:00:00.000Z`,
          }),
        ),
        "2026-11-30T00:00:00.000Z",
        false,
      );
      // The writer: each transaction adds a pair, one review newer than all (read in the first
      // range) and one older than all (read in the last). One snapshot holds both of a pair or neither.
      const writer = path.join(dir, "writer.cjs");
      fs.writeFileSync(
        writer,
        `const Database = require(${JSON.stringify(path.join(ROOT, "node_modules", "better-sqlite3"))});
const db = new Database(process.argv[2], { timeout: 5000 });
const add = db.prepare("INSERT INTO reviews (source_id, site, external_id, rating, text, published_at, published_precision, content_hash, first_seen_at, last_seen_at) VALUES ('google-snap', 'google', ?, 5, 'A pair.', ?, 'instant', 'x', ?, ?)");
const pair = db.transaction((m) => {
  const now = new Date().toISOString();
  add.run("new-" + m, "2099-01-01T00:00:00.000Z", now, now);
  add.run("old-" + m, "1990-01-01T00:00:00.000Z", now, now);
});
const times = [];
let m = 0;
process.stdout.write("started\\n");
const end = Date.now() + Number(process.argv[3]);
// A pause after each pair, as a check between pages: the export can take the lock in between.
const pause = new Int32Array(new SharedArrayBuffer(4));
while (Date.now() < end) { pair(m++); times.push(Date.now()); Atomics.wait(pause, 0, 0, 2); }
process.stdout.write(JSON.stringify(times) + "\\n");
`,
      );
      const child = spawn(process.execPath, [writer, s.file, "2500"], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      let output = "";
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (d: string) => (output += d));
      while (!output.includes("started")) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100)); // some pairs before the export

      const q = reviewQuery({ includeRemoved: true });
      const job: CsvJob = { kind: "reviews", negativeMaxRating: 2, bom: false };
      let snapshotAt = 0;
      const got = await exported(
        s,
        q,
        job,
        { rangeRows: 100, onSnapshot: () => (snapshotAt = Date.now()) },
        new Collect(Infinity, 8), // a slow output: the last ranges are read well after the first
      );
      const endedAt = Date.now();
      await once(child, "exit");
      const times = JSON.parse(output.split("\n")[1]!) as number[];

      expect(got.skipped).toBeNull();
      // Pairs were written while the export was reading: the test would prove nothing otherwise.
      expect(times.filter((t) => t > snapshotAt && t < endedAt).length).toBeGreaterThan(10);
      const ids = (prefix: string) =>
        [...got.text.matchAll(new RegExp(`"${prefix}-(\\d+)"`, "g"))]
          .map((m) => Number(m[1]))
          .sort((a, b) => a - b);
      const newer = ids("new");
      const older = ids("old");
      expect(newer.length).toBeGreaterThan(0); // the pairs written before the export
      expect(older).toEqual(newer);
      expect(newer.length).toBeLessThan(times.length);
      expect(got.count).toBe(3000 + 2 * newer.length);
    } finally {
      s.close();
    }
  }, 30_000);

  it("leaves the export to the main thread when it cannot be split, and writes nothing", async () => {
    const q = reviewQuery({ includeRemoved: true });
    const job: CsvJob = { kind: "reviews", negativeMaxRating: 2, bom: false };
    const none = async (s: Store, qq: ExportQuery, options: SplitOptions) => {
      const got = await exported(s, qq, job, { rangeRows: 40, ...options });
      expect(got.count).toBeNull();
      expect(got.text).toBe("");
      expect(s.db.inTransaction).toBe(false);
      return got.skipped;
    };
    expect(await none(store, q, { cores: 1 })).toBe("one core");
    expect(await none(store, reviewQuery({ includeRemoved: true, limit: 10 }), {})).toBe("a limit");
    expect(await none(store, q, { minRows: 1_000_000 })).toBe("too few rows");
    expect(await none(store, q, { rangeRows: 100_000 })).toBe("one range");
    // Another connection is writing: the lock cannot be had at once.
    const other = new Database(store.file);
    other.exec("BEGIN IMMEDIATE");
    try {
      expect(await none(store, q, {})).toMatch(/^the database is busy or read-only/);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    // A database open read-only.
    const readonly = new Store(store.file, { readonly: true });
    try {
      expect(await none(readonly, q, {})).toBe("the database is not a file open for writing");
    } finally {
      readonly.close();
    }
    // Workers that cannot start: a module that throws, one that is missing, an unusable URL.
    const dir = tempDir();
    const broken = path.join(dir, "broken.mjs");
    fs.writeFileSync(broken, 'throw new Error("the reader broke (test)");\n');
    for (const url of [
      new URL(`file://${broken}`),
      new URL(`file://${path.join(dir, "missing.mjs")}`),
      new URL("http://localhost.invalid/csv-reader.js"),
    ])
      expect(await none(store, q, { workerUrl: url })).toMatch(/^a worker thread failed to start/);
    // The lock was let go each time: a writer gets it at once.
    const writer = new Database(store.file, { timeout: 0 });
    writer.exec("BEGIN IMMEDIATE");
    writer.exec("ROLLBACK");
    writer.close();
  });

  it("rejects when the output fails or a worker stops before the end", async () => {
    const q = reviewQuery({ includeRemoved: true });
    const job: CsvJob = { kind: "reviews", negativeMaxRating: 2, bom: false };
    await expect(exported(store, q, job, { rangeRows: 40 }, new Collect(1))).rejects.toThrow(
      "disk full (test)",
    );
    const dir = tempDir();
    const quitter = path.join(dir, "quitter.mjs");
    fs.writeFileSync(
      quitter,
      'import { parentPort } from "node:worker_threads";\nparentPort.postMessage({ type: "ready" });\nsetTimeout(() => process.exit(3), 20);\n',
    );
    await expect(
      exported(store, q, job, { rangeRows: 40, workerUrl: new URL(`file://${quitter}`) }),
    ).rejects.toThrow("an export's worker thread stopped before the end (exit code 3)");
    expect(store.db.inTransaction).toBe(false);
  });
});
