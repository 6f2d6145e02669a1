// A reading worker thread of a large CSV export read in date ranges (csv-split.ts). Each of the
// export's workers opens the database itself, starts its read transaction while the main thread
// holds the write lock (so that every worker reads the same snapshot), says it is ready, and then
// takes date ranges one after the other (a counter in shared memory hands out the next): it reads
// the range's rows, makes them into CSV text (CsvText, as on the main thread), encodes UTF-8 and
// hands chunks of about 256 KB to the main thread by transfer, each marked with its range. The main
// thread writes the ranges in order and sends each chunk's buffer back once written; a worker with
// too many chunks not yet written waits for them, so a worker that runs ahead holds a few MB at
// most. Out: { ready }, { chunk }, and { end } after each range; when no range is left the worker
// ends its transaction and waits to be stopped.
// In: an ArrayBuffer, a chunk's buffer coming back.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { CsvText, type CsvJob } from "./csv-job.js";
import { Utf8Chunks } from "./utf8-chunks.js";

/** A date range: the rows dated at or after `from` (null: no bound) and before `to` (null: none). */
export interface Range {
  from: string | null;
  to: string | null;
}

export interface ReaderData {
  job: CsvJob;
  /** The database file. */
  file: string;
  /** The statement's parameters, and its text for each kind of range (export/query.ts rangeSql). */
  params: Record<string, unknown>;
  sql: { both: string; from: string; to: string; all: string };
  ranges: Range[];
  /** An Int32Array's buffer: [0] the next range to take. */
  next: SharedArrayBuffer;
}

export type FromReader =
  | { type: "ready" }
  | { type: "chunk"; range: number; bytes: Uint8Array }
  | { type: "end"; range: number; count: number };

const CHUNK = 256 * 1024;
/** A buffer holds a chunk and one more batch of 32 records (a UTF-16 code unit: at most 3 bytes). */
const BUFFER = CHUNK + 128 * 1024;
/** Chunks handed over and not yet written, at most (about 4.5 MB). */
const OUTSTANDING = 12;

if (!parentPort) throw new Error("csv-reader.js runs only as a worker thread of an export");
const port = parentPort;
const data = workerData as ReaderData;
const next = new Int32Array(data.next);

let outstanding = 0;
let wake: (() => void) | null = null;
let range = -1;
const chunks = new Utf8Chunks(CHUNK, BUFFER, (bytes) => {
  port.postMessage({ type: "chunk", range, bytes } satisfies FromReader, [bytes.buffer as ArrayBuffer]);
  outstanding++;
});
port.on("message", (buffer: ArrayBuffer) => {
  outstanding--;
  chunks.recycle(buffer);
  const w = wake;
  wake = null;
  w?.();
});

const db = new Database(data.file, { readonly: true, fileMustExist: true, timeout: 5000 });
db.pragma("cache_size = -2000");
const statements = {
  both: db.prepare(data.sql.both).raw(true),
  from: db.prepare(data.sql.from).raw(true),
  to: db.prepare(data.sql.to).raw(true),
  all: db.prepare(data.sql.all).raw(true),
};
// The read transaction, and its snapshot: taken at its first read, while the main thread holds the
// write lock, and kept until the end.
db.exec("BEGIN");
db.prepare("SELECT 1 FROM reviews LIMIT 1").get();
port.postMessage({ type: "ready" } satisfies FromReader);

for (let k = Atomics.add(next, 0, 1); k < data.ranges.length; k = Atomics.add(next, 0, 1)) {
  range = k;
  const { from, to } = data.ranges[k]!;
  const statement =
    from != null && to != null
      ? statements.both
      : from != null
        ? statements.from
        : to != null
          ? statements.to
          : statements.all;
  const params = {
    ...data.params,
    ...(from != null ? { rangeFrom: from } : {}),
    ...(to != null ? { rangeTo: to } : {}),
  };
  const csv = new CsvText(data.job, false);
  for (const row of statement.iterate(params) as IterableIterator<unknown[]>) {
    const batch = csv.add(row);
    if (batch) {
      chunks.add(batch);
      while (outstanding >= OUTSTANDING) await new Promise<void>((r) => (wake = r));
    }
  }
  chunks.add(csv.flush());
  chunks.send();
  port.postMessage({ type: "end", range: k, count: csv.count } satisfies FromReader);
}
db.exec("COMMIT");
db.close();
