// A CSV export made into text by a worker thread (src/export/csv-out.ts, csv-worker.ts) writes the
// bytes the main thread alone writes, wherever the hand-over falls, and fails cleanly. The worker
// is the built one (dist/export/csv-worker.js: `npm test` builds before it runs vitest).
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { reviewRows, testimonialRows } from "../../src/export/query.js";
import type { CsvJob } from "../../src/export/csv-job.js";
import { writeCsvRows, type CsvOutOptions } from "../../src/export/csv-out.js";
import type { TestimonialFilter } from "../../src/export/testimonials.js";
import { parsedReview } from "../helpers/reviews.js";
import { tempDir } from "../helpers/cli.js";
import { Collect, csvReference, NAMES, TEXTS } from "../helpers/csv-export.js";

const WORKER = new URL("../../dist/export/csv-worker.js", import.meta.url);

function fixtureStore(): Store {
  const store = new Store(path.join(tempDir(), "reviews.db"));
  for (const site of ["google", "yelp"] as const) {
    const reviews = Array.from({ length: 160 }, (_, i) =>
      parsedReview(`${site}-${i}`, {
        author: { name: NAMES[i % NAMES.length] ?? null, url: null },
        rating: i % 11 === 0 ? null : (i % 5) + 1,
        recommendation: i % 11 === 0 ? (i % 2 ? "positive" : "negative") : null,
        title: i % 4 === 0 ? `Title, "${i}"` : null,
        text: TEXTS[i % TEXTS.length] ?? null,
        language: ["en", "vi", "et", null][i % 4] ?? null,
        url: i % 3 ? `https://example.com/r/${i}` : null,
        ownerReply: i % 6 === 0 ? { text: "Thank you!", publishedAt: "2026-11-21T00:00:00.000Z" } : null,
        excerpt: i % 13 === 0,
        publishedAt: `2026-${String((i % 12) + 1).padStart(2, "0")}-1${i % 10}T10:00:00.000Z`,
      }),
    );
    store.upsertPage(`${site}-main`, site, reviews, "2026-11-30T00:00:00.000Z", false);
  }
  return store;
}

const store = fixtureStore();
afterAll(() => store.close());

const reference = csvReference;

async function exported(
  rows: () => Iterable<unknown[]>,
  job: CsvJob,
  options: CsvOutOptions,
  out = new Collect(),
) {
  let handedOver: number | null = null;
  const count = await writeCsvRows(out, rows(), job, {
    workerUrl: WORKER,
    cores: 2,
    waitForWorker: true,
    ...options,
    onWorker: (n) => (handedOver = n),
  });
  out.end();
  await once(out, "finish");
  return { text: out.text(), count, handedOver };
}

const FILTERS: TestimonialFilter[] = [
  { minRating: 4, permission: "any" },
  { minRating: 1, permission: "any", lang: "vi" },
  { minRating: 5, permission: "any", site: "yelp", minLength: 20 },
  { minRating: 4, permission: "granted" }, // none: the header alone
];

describe("CSV export with a worker thread", () => {
  it("writes the same bytes as the main thread alone, wherever the worker takes over", async () => {
    const jobs: [string, () => Iterable<unknown[]>, CsvJob][] = [
      ...FILTERS.flatMap((filter) =>
        [false, true].map(
          (bom) =>
            [
              JSON.stringify(filter),
              () => testimonialRows(store.db, filter),
              { kind: "testimonials", filter, bom },
            ] as [string, () => Iterable<unknown[]>, CsvJob],
        ),
      ),
      ...[false, true].map(
        (bom) =>
          [
            "reviews",
            () => reviewRows(store.db, { includeRemoved: true }),
            { kind: "reviews", negativeMaxRating: 2, bom },
          ] as [string, () => Iterable<unknown[]>, CsvJob],
      ),
    ];
    let checked = 0;
    for (const [name, rows, job] of jobs) {
      const want = reference(rows(), job);
      expect(want.text.length, name).toBeGreaterThan(0);
      for (const workerRows of [0, 1, 7, 255, 256, 257, 10_000]) {
        const got = await exported(rows, job, { workerRows });
        const total = [...rows()].length;
        expect(got.handedOver, `${name} from row ${workerRows}`).toBe(workerRows < total ? workerRows : null);
        expect(got.count, `${name} from row ${workerRows}`).toBe(want.count);
        expect(got.text, `${name} from row ${workerRows}`).toBe(want.text);
        checked++;
      }
      const oneCore = await exported(rows, job, { workerRows: 0, cores: 1 });
      expect(oneCore.handedOver).toBeNull();
      expect(oneCore.text).toBe(want.text);
      // Not waiting: the worker takes over when it is ready, or never if the rows end first.
      const early = await exported(rows, job, { workerRows: 0, waitForWorker: false });
      expect(early.text).toBe(want.text);
    }
    expect(checked).toBe(jobs.length * 7);
    // The fixture is big enough for the worker to take most rows, and has testimonials and none.
    expect([...reviewRows(store.db, { includeRemoved: true })].length).toBe(320);
    expect(reference(testimonialRows(store.db, FILTERS[0]!), jobs[0]![2]).count).toBeGreaterThan(50);
    expect(reference(testimonialRows(store.db, FILTERS[3]!), jobs[6]![2]).count).toBe(0);
  });

  it("writes the same bytes over many chunks (the worker's buffers go round)", async () => {
    const big = new Store(path.join(tempDir(), "reviews.db"));
    try {
      const words = ["Phở bò rất ngon", "teenindus oli väga hea", '"quoted", and so on', "😀 emoji", "=1+1"];
      const reviews = Array.from({ length: 900 }, (_, i) =>
        parsedReview(`big-${i}`, {
          author: { name: NAMES[i % NAMES.length] ?? null, url: null },
          rating: (i % 5) + 1,
          text: Array.from({ length: 150 + (i % 97) }, (_, k) => words[(i + k) % words.length]).join(" "),
          publishedAt: `2026-11-${String((i % 28) + 1).padStart(2, "0")}T10:00:00.000Z`,
        }),
      );
      big.upsertPage("google-big", "google", reviews, "2026-11-30T00:00:00.000Z", false);
      const job: CsvJob = { kind: "reviews", negativeMaxRating: 2, bom: true };
      const rows = () => reviewRows(big.db, { includeRemoved: true });
      const want = reference(rows(), job);
      expect(Buffer.byteLength(want.text)).toBeGreaterThan(8 * 256 * 1024);
      for (const workerRows of [0, 300]) {
        // Writes that take a while: chunks wait in the stream, their buffers not yet sent back.
        const got = await exported(rows, job, { workerRows }, new Collect(Infinity, 2));
        expect(got.handedOver).toBe(workerRows);
        expect(got.count).toBe(900);
        expect(got.text).toBe(want.text);
      }
    } finally {
      big.close();
    }
  });

  it("rejects, and stops the worker, when the output fails", async () => {
    const job: CsvJob = { kind: "reviews", negativeMaxRating: 2, bom: false };
    const out = new Collect(0);
    await expect(
      writeCsvRows(out, reviewRows(store.db, { includeRemoved: true }), job, {
        workerUrl: WORKER,
        cores: 2,
        workerRows: 0,
        waitForWorker: true,
      }),
    ).rejects.toThrow("disk full (test)");
  });

  it("rejects when the worker fails to start or stops before the end", async () => {
    const dir = tempDir();
    const broken = path.join(dir, "broken.mjs");
    fs.writeFileSync(broken, 'throw new Error("the worker broke (test)");\n');
    const quitter = path.join(dir, "quitter.mjs");
    // Ready, then gone at the first message.
    fs.writeFileSync(
      quitter,
      [
        'import { parentPort, workerData } from "node:worker_threads";',
        "Atomics.store(new Int32Array(workerData.ready), 0, 1);",
        'parentPort.postMessage({ type: "ready" });',
        'parentPort.on("message", () => process.exit(3));',
        "",
      ].join("\n"),
    );
    const job: CsvJob = { kind: "reviews", negativeMaxRating: 2, bom: false };
    const run = (file: string, waitForWorker: boolean) =>
      exported(() => reviewRows(store.db, { includeRemoved: true }), job, {
        workerUrl: new URL(`file://${file}`),
        workerRows: 5,
        waitForWorker,
      });
    await expect(run(broken, true)).rejects.toThrow("the worker broke (test)");
    await expect(run(quitter, true)).rejects.toThrow(
      "the export's worker thread stopped before the end (exit code 3)",
    );
    // Not waiting, a worker that never gets ready leaves the export to the main thread.
    const want = reference(reviewRows(store.db, { includeRemoved: true }), job);
    const fallback = await run(broken, false);
    expect(fallback.handedOver).toBeNull();
    expect(fallback.text).toBe(want.text);
    // …and so does one that cannot be started at all (no such module).
    const missing = await run(path.join(dir, "missing.mjs"), false);
    expect(missing.handedOver).toBeNull();
    expect(missing.text).toBe(want.text);
    await expect(run(path.join(dir, "missing.mjs"), true)).rejects.toThrow();
    // A URL a worker cannot be made from: the Worker constructor throws (nothing is fetched).
    const unusable = await exported(() => reviewRows(store.db, { includeRemoved: true }), job, {
      workerUrl: new URL("http://localhost.invalid/csv-worker.js"),
      workerRows: 5,
      waitForWorker: false,
    });
    expect(unusable.handedOver).toBeNull();
    expect(unusable.text).toBe(want.text);
  });
});
