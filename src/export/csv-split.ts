// A large CSV export read by worker threads in date ranges, all in one snapshot. Reading the rows
// (SQLite finding each row, better-sqlite3 making its values) is most of an export's time, and one
// connection reads on one core; so each worker (csv-reader.ts) opens its own connection and reads
// ranges of dates, newest first, making them into CSV, while this thread writes the ranges in
// order. The same bytes as one thread reading the statement whole (csv-out.ts):
// - Ranges meet end to end and the export is ordered by date first, so the ranges, written in
//   order, are the statement's rows in its order (export/query.ts rangeSql).
// - One snapshot: the workers start their read transactions while this thread holds the database's
//   write lock (BEGIN IMMEDIATE), so no write can come between them; the lock is let go as soon as
//   every worker has its snapshot (a few tens of milliseconds), and a writer waiting for it (a
//   `reviews check`) goes on.
// - The header first, then each range's records without one; csv-stringify writes the same text
//   for a batch whatever came before it.
// The ranges are planned from review_days (live reviews per day): about RANGE_ROWS rows each.
// When no plan is possible (a statement with a LIMIT, too few rows, one core, a database that cannot
// be locked now, a worker that fails to start), `writeCsvSplit` says so and writes nothing.
import os from "node:os";
import type { Writable } from "node:stream";
import type { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { rangeSql, type ExportQuery } from "./query.js";
import { csvHeader, type CsvJob } from "./csv-job.js";
import { Waiter } from "./waiter.js";
import type { FromReader, Range, ReaderData } from "./csv-reader.js";

/**
 * Rows (estimated from review_days) from which an export is read by worker threads: two workers
 * take about 0.1 s to start and get their code optimised, and on the benchmark's 100,000 reviews an
 * export of 35,000 of them (testimonials of 400 days) was as fast on one thread (BENCHMARKS.md).
 */
export const SPLIT_ROWS = 50_000;
/** Rows of a range, about: a range's CSV (3–4 MB) is what a worker may hold while it waits its turn. */
export const RANGE_ROWS = 4096;
/** Worker threads at most, whatever the cores. */
const MAX_WORKERS = 4;

export interface SplitOptions {
  /** Read in ranges from this many rows, estimated (default SPLIT_ROWS; 0: always). */
  minRows?: number;
  /** Rows of a range, about (default RANGE_ROWS). */
  rangeRows?: number;
  /** Cores to count on (default os.availableParallelism()): one worker a core, 2 to 4. */
  cores?: number;
  /** The worker's module (default: csv-reader.js beside this one). */
  workerUrl?: URL;
  /** Told when the workers are reading, with the ranges and the workers. */
  onSplit?: (ranges: number, workers: number) => void;
  /** Told why the export is not read in ranges (debug output). */
  onSkip?: (why: string) => void;
  /** Called once every worker has its snapshot, before the lock is let go (tests). */
  onSnapshot?: () => void;
}

/**
 * The date ranges of an export of `q`, newest first, of about `rangeRows` rows each by the counts
 * of review_days, and the rows estimated; null when there are fewer than `minRows`.
 */
export function planRanges(
  db: Database.Database,
  q: ExportQuery,
  minRows: number,
  rangeRows: number,
): { ranges: Range[]; rows: number } | null {
  const since = typeof q.params["since"] === "string" ? q.params["since"] : "";
  const days = db
    .prepare("SELECT day, sum(n) FROM review_days WHERE day >= ? GROUP BY day ORDER BY day DESC")
    .raw(true)
    .all(since.slice(0, 10)) as [string, number][];
  let rows = 0;
  for (const [, n] of days) rows += n;
  if (rows < minRows || rows === 0) return null;
  const ranges: Range[] = [];
  let to: string | null = null;
  let held = 0;
  for (const [day, n] of days) {
    held += n;
    if (held >= rangeRows) {
      // A range's start is never before the export's own (rangeSql leaves that bound to it).
      const from = since > day ? since : day;
      ranges.push({ from, to });
      to = from;
      held = 0;
    }
  }
  ranges.push({ from: null, to }); // the rest, and any date before the oldest day counted
  return { ranges, rows };
}

/**
 * The rows of `q` as CSV on `out`, read in date ranges by worker threads: the number of records
 * written, or null when the export was not split (nothing was written; read it on this thread).
 */
export async function writeCsvSplit(
  out: Writable,
  db: Database.Database,
  file: string,
  q: ExportQuery,
  job: CsvJob,
  options: SplitOptions = {},
): Promise<number | null> {
  const skip = (why: string) => {
    options.onSkip?.(why);
    return null;
  };
  const cores = options.cores ?? os.availableParallelism();
  if (cores < 2) return skip("one core");
  if (q.limited) return skip("a limit");
  if (db.memory || db.readonly) return skip("the database is not a file open for writing");
  const plan = planRanges(db, q, options.minRows ?? SPLIT_ROWS, options.rangeRows ?? RANGE_ROWS);
  if (!plan) return skip("too few rows");
  const count = Math.min(cores, MAX_WORKERS, plan.ranges.length);
  if (count < 2) return skip("one range");

  // The write lock, if it can be had now: else this thread reads alone, as a small export does.
  const timeout = db.pragma("busy_timeout", { simple: true }) as number;
  try {
    db.pragma("busy_timeout = 100");
    db.exec("BEGIN IMMEDIATE");
  } catch (err) {
    return skip(`the database is busy or read-only (${(err as Error).message})`);
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  let locked = true;
  const unlock = () => {
    if (locked) db.exec("ROLLBACK");
    locked = false;
  };

  const threads = await import("node:worker_threads");
  const url = options.workerUrl ?? new URL("./csv-reader.js", import.meta.url);
  const next = new SharedArrayBuffer(4);
  const data: ReaderData = {
    job,
    file,
    params: q.params,
    sql: {
      both: rangeSql(q, true, true),
      from: rangeSql(q, true, false),
      to: rangeSql(q, false, true),
      all: rangeSql(q, false, false),
    },
    ranges: plan.ranges,
    next,
  };
  const workers: Worker[] = [];
  const waiter = new Waiter();
  const { poke, fail } = waiter;

  // What each range has handed over: its chunks not yet written (with their worker), and its count
  // once it has ended. `head` is the range being written.
  const pending = plan.ranges.map(() => ({ chunks: [] as [Uint8Array, number][], count: -1 }));
  let head = 0;
  let writing = 0;
  let ready = 0;
  let started = false;
  let stopping = false;
  let total = 0;
  const pump = () => {
    if (!started) return;
    while (head < pending.length) {
      const p = pending[head]!;
      for (const [bytes, w] of p.chunks) {
        writing++;
        out.write(bytes, (err) => {
          writing--;
          if (err) fail(err);
          else workers[w]?.postMessage(bytes.buffer, [bytes.buffer as ArrayBuffer]);
          poke();
        });
      }
      p.chunks = [];
      if (p.count < 0) return;
      total += p.count;
      head++;
    }
    poke();
  };

  try {
    for (let w = 0; w < count; w++) {
      let worker: Worker;
      try {
        worker = new threads.Worker(url, { workerData: data });
      } catch (err) {
        fail(err);
        break;
      }
      workers.push(worker);
      worker.on("message", (m: FromReader) => {
        if (m.type === "chunk") pending[m.range]!.chunks.push([m.bytes, w]);
        else if (m.type === "end") pending[m.range]!.count = m.count;
        else if (m.type === "ready") ready++;
        pump();
        poke();
      });
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (!stopping)
          fail(new Error(`an export's worker thread stopped before the end (exit code ${code})`));
      });
    }
    await waiter.until(() => ready === workers.length);
    if (waiter.failure != null) return skip(`a worker thread failed to start (${String(waiter.failure)})`);
    options.onSnapshot?.();
    unlock();
    options.onSplit?.(plan.ranges.length, workers.length);

    out.on("error", fail);
    try {
      out.write(csvHeader(job));
      started = true;
      pump();
      await waiter.untilOrThrow(() => head === pending.length && writing === 0);
    } finally {
      out.off("error", fail);
    }
    return total;
  } finally {
    unlock();
    stopping = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
