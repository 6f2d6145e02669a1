// The worker thread of a large CSV export (csv-out.ts): the main thread reads the rows and hands
// them over in groups; this thread makes them into records and CSV text (csv-stringify, in batches
// of 32 as on the main thread), encodes it as UTF-8 and hands back chunks of about 256 KB, which the
// main thread writes in order. It is started while the main thread goes on making CSV itself, and
// says when it is ready (a flag in shared memory, which the main thread reads between rows without
// waiting for an event, and a message). Messages in: { header } (whether the header is still to be
// written), groups of rows, then null; an ArrayBuffer is a chunk's buffer coming back. Out:
// { ready }, { chunk } (its buffer transferred, not copied), { ack } once a group is done (the main
// thread keeps a few in flight), and { done, count } after null.
import { parentPort, workerData } from "node:worker_threads";
import { CsvText, type CsvJob } from "./csv-job.js";
import { Utf8Chunks } from "./utf8-chunks.js";

/** The job, and the flag (an Int32Array's buffer) set to 1 once the worker is ready. */
export interface WorkerData {
  job: CsvJob;
  ready: SharedArrayBuffer;
}

/** The first message: whether the header (and BOM) is still to be written (no record was yet). */
export interface Start {
  header: boolean;
}

export type FromWorker =
  | { type: "ready" }
  | { type: "chunk"; bytes: Uint8Array }
  | { type: "ack" }
  | { type: "done"; count: number };

const CHUNK = 256 * 1024;

if (!parentPort) throw new Error("csv-worker.js runs only as a worker thread of an export");
const port = parentPort;
const { job, ready } = workerData as WorkerData;

const chunks = new Utf8Chunks(CHUNK, 4 * CHUNK, (bytes) =>
  port.postMessage({ type: "chunk", bytes } satisfies FromWorker, [bytes.buffer as ArrayBuffer]),
);
let csv = new CsvText(job); // replaced at { header }, the first message
port.on("message", (rows: unknown[] | ArrayBuffer | Start | null) => {
  if (rows instanceof ArrayBuffer) {
    chunks.recycle(rows);
    return;
  }
  if (rows !== null && !Array.isArray(rows)) {
    csv = new CsvText(job, rows.header);
    return;
  }
  if (rows === null) {
    chunks.add(csv.end());
    chunks.send();
    port.postMessage({ type: "done", count: csv.count } satisfies FromWorker);
    return;
  }
  for (let k = 0; k < rows.length;) {
    const width = rows[k] as number;
    const batch = csv.add(rows.slice(k + 1, k + 1 + width));
    k += width + 1;
    if (batch) chunks.add(batch);
  }
  chunks.add(csv.flush());
  port.postMessage({ type: "ack" } satisfies FromWorker);
});

Atomics.store(new Int32Array(ready), 0, 1);
port.postMessage({ type: "ready" } satisfies FromWorker);
