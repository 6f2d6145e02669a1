// A CSV export's rows made into text and written: on the main thread for a small export, and with a
// worker thread (csv-worker.ts) for a large one. Both write the same bytes: csv-stringify in batches
// of 32 records, the header (and BOM) first. On the main thread alone, reading the rows
// (better-sqlite3 making each cell's value) and making them into UTF-8 CSV take about as long each;
// with a worker they overlap on two cores (BENCHMARKS.md, Exports).
import os from "node:os";
import type { Writable } from "node:stream";
import { ChunkedWriter } from "./chunks.js";
import { CsvText, type CsvJob } from "./csv-job.js";
import { Waiter } from "./waiter.js";
import type { FromWorker, Start, WorkerData } from "./csv-worker.js";

export type { CsvJob } from "./csv-job.js";

/**
 * Rows after which an export starts a worker thread. The main thread goes on making CSV while the
 * worker starts (about 40 ms: a thread, its modules) and hands it the rest once it is ready, so an
 * export that ends first never waits for it. A worker that has just started is slow (its code not
 * yet optimised): on 100,000 reviews, exports of up to 15,000 rows were as fast or faster without
 * one, and one of 73,309 took 0.69 s with this threshold against 0.79 s on one thread.
 */
export const WORKER_ROWS = 20_000;
/** Rows of a message to the worker, and messages not yet done (what is held in between). */
const GROUP = 256;
const IN_FLIGHT = 16;
/** Bytes waiting in the output stream before the reading pauses. */
const QUEUED = 4 * 1024 * 1024;

export interface CsvOutOptions {
  /** Start a worker thread after this many rows (default WORKER_ROWS; 0: at once). */
  workerRows?: number;
  /** The worker's module (default: csv-worker.js beside this one). */
  workerUrl?: URL;
  /** Cores to count on (default os.availableParallelism()): with one, no worker. */
  cores?: number;
  /** Hand over exactly at `workerRows`, waiting for the worker (tests: a known hand-over row). */
  waitForWorker?: boolean;
  /** Told when the rest goes to the worker, with the rows read so far. */
  onWorker?: (rowsRead: number) => void;
}

/**
 * The rows of `job` as CSV on `out`: the number of records written. The rows are made into text
 * here until a worker thread, started after `workerRows` rows on a machine of two cores or more, is
 * ready to take the rest. A worker that fails before it is ready leaves the export to this thread.
 */
export async function writeCsvRows(
  out: Writable,
  rows: Iterable<unknown[]>,
  job: CsvJob,
  options: CsvOutOptions = {},
): Promise<number> {
  // One core: a second thread would only take turns with the first.
  const cores = options.cores ?? os.availableParallelism();
  const limit = cores < 2 ? Infinity : (options.workerRows ?? WORKER_ROWS);
  const chunks = new ChunkedWriter(out);
  const text = new CsvText(job);
  let worker: CsvWorker | null = null;
  const it = rows[Symbol.iterator]();
  try {
    let read = 0;
    for (let next = it.next(); !next.done; next = it.next()) {
      if (read === limit) {
        const url = options.workerUrl ?? new URL("./csv-worker.js", import.meta.url);
        if (options.waitForWorker) {
          worker = await startWorker(url, job);
          await worker.whenReady();
        } else {
          // A thread that cannot even be started leaves the export to this one, as a failed one does.
          worker = await startWorker(url, job).catch(() => null);
        }
      }
      if (worker?.ready()) {
        chunks.add(text.flush());
        await chunks.flush();
        const row = next.value;
        const rest = function* () {
          yield row;
          for (let n = it.next(); !n.done; n = it.next()) yield n.value;
        };
        options.onWorker?.(read);
        return text.count + (await worker.run(out, rest(), text.headerDue));
      }
      read++;
      const batch = text.add(next.value);
      if (batch && chunks.add(batch)) await chunks.flush();
    }
    chunks.add(text.end());
    await chunks.flush();
    return text.count;
  } finally {
    it.return?.(); // a statement left half-read keeps its connection busy
    await worker?.stop();
  }
}

interface CsvWorker {
  /** Whether it is ready for rows (read from shared memory: no event needed). */
  ready(): boolean;
  /** Ready, or the reason it never will be. */
  whenReady(): Promise<void>;
  /** The rest of the rows, as CSV on `out` after what was written there: the records written. */
  run(out: Writable, rows: Iterable<unknown[]>, header: boolean): Promise<number>;
  stop(): Promise<void>;
}

async function startWorker(url: URL, job: CsvJob): Promise<CsvWorker> {
  const { Worker } = await import("node:worker_threads");
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(url, { workerData: { job, ready: flag.buffer } satisfies WorkerData });
  let out: Writable | null = null;
  let count: number | null = null;
  let inFlight = 0;
  let writing = 0; // chunks handed to `out` and not yet written
  const waiter = new Waiter();
  const { poke, fail } = waiter;
  worker.on("message", (m: FromWorker) => {
    if (m.type === "chunk") {
      const bytes = m.bytes;
      // Written: the buffer goes back to the worker to be filled again.
      writing++;
      out!.write(bytes, (err) => {
        writing--;
        if (err) fail(err);
        else if (count == null) worker.postMessage(bytes.buffer, [bytes.buffer as ArrayBuffer]);
        poke();
      });
    } else if (m.type === "ack") inFlight--;
    else if (m.type === "done") count = m.count;
    poke();
  });
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (count == null)
      fail(new Error(`the export's worker thread stopped before the end (exit code ${code})`));
  });
  const until = (done: () => boolean) => waiter.untilOrThrow(done);
  const ready = () => Atomics.load(flag, 0) === 1;
  return {
    ready,
    whenReady: () => until(ready),
    stop: () => worker.terminate().then(() => undefined),
    async run(target, rows, header) {
      out = target;
      target.on("drain", poke);
      target.on("error", fail);
      try {
        worker.postMessage({ header } satisfies Start);
        // A group goes as one flat array, each row its length and its cells: a fifth less time in
        // postMessage than an array of arrays.
        let group: unknown[] = [];
        let n = 0;
        const post = async () => {
          worker.postMessage(group);
          group = [];
          n = 0;
          inFlight++;
          await until(() => inFlight < IN_FLIGHT && target.writableLength <= QUEUED);
        };
        for (const row of rows) {
          group.push(row.length);
          for (let i = 0; i < row.length; i++) group.push(row[i]);
          if (++n === GROUP) await post();
        }
        if (n) await post();
        worker.postMessage(null);
        await until(() => count != null && writing === 0);
        return count!;
      } finally {
        target.off("drain", poke);
        target.off("error", fail);
      }
    },
  };
}
