// For the tests of the CSV exports' threads: the text one thread writes for a statement's rows, and
// an output stream that can be slow or fail.
import { Writable } from "node:stream";
import { csvBatch } from "../../src/export/csv.js";
import { csvColumns, csvRecords, type CsvJob } from "../../src/export/csv-job.js";

/** Texts and names that CSV must quote, escape or keep whole. */
export const TEXTS = [
  "Great phở, friendly staff and a view of the river.",
  '=HYPERLINK("http://x")',
  "\n=1+1",
  "\0nul first",
  "-2+3",
  "@sum",
  "\ttab",
  "＝1",
  'line1\r\nline2 "quoted" \u2028\u2029',
  "😀👍🏽 emoji, and more words",
  "Väga hea teenindus, tulen kindlasti tagasi. Šokolaadikook oli suurepärane.",
  "x".repeat(5000),
  "",
  null,
];
export const NAMES = ["Tom Becker", "Nguyễn Thị Lan", '"Quote" Man', "=Evil", null];

/** What the export writes on one thread: csv-stringify in batches of 32 records. */
export function csvReference(rows: Iterable<unknown[]>, job: CsvJob): { text: string; count: number } {
  const columns = csvColumns(job);
  const record = csvRecords(job);
  const records = [...rows].map(record).filter((r) => r != null);
  let text = "";
  for (let i = 0; i < records.length; i += 32)
    text += csvBatch(columns, records.slice(i, i + 32), i === 0, job.bom);
  if (!records.length) text = csvBatch(columns, [], true, job.bom);
  return { text, count: records.length };
}

/** Collects what is written; fails after `failAfter` chunks; takes `delayMs` for each (a slow disk). */
export class Collect extends Writable {
  chunks: Buffer[] = [];
  constructor(
    private readonly failAfter = Infinity,
    private readonly delayMs = 0,
  ) {
    super({ highWaterMark: 1024 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error) => void) {
    this.chunks.push(Buffer.from(chunk));
    if (this.chunks.length > this.failAfter) done(new Error("disk full (test)"));
    // A slow disk: the writer has to wait for it, and chunks queue up.
    else if (this.delayMs) setTimeout(done, this.delayMs);
    else setImmediate(done);
  }
  text() {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}
