// What an export makes of each row of its statement (export/query.ts), in one place for the main
// thread and the export's worker thread (csv-worker.ts): the testimonial a row gives, the CSV
// columns, each row's record (or null when the row is left out), and the CSV text of the records in
// batches. A job is plain data, so that it can be handed to a worker as it is.
import { REVIEW_COLUMNS, reviewCells } from "./reviews.js";
import { testimonialRowSource } from "./query.js";
import { csvBatch } from "./csv.js";
import {
  eligibleSource,
  testimonialCells,
  testimonialOf,
  TESTIMONIAL_COLUMNS,
  type Testimonial,
  type TestimonialFilter,
} from "./testimonials.js";

export type CsvJob =
  | { kind: "testimonials"; filter: TestimonialFilter; bom: boolean }
  | { kind: "reviews"; negativeMaxRating: number; bom: boolean };

/**
 * The testimonial of a row of testimonialRows, or null: the statement's WHERE leaves out most rows
 * that are not testimonials, and eligibleSource decides.
 */
export function testimonialOfRow(row: unknown[], filter: TestimonialFilter): Testimonial | null {
  const source = testimonialRowSource(row);
  return eligibleSource(source, filter) ? testimonialOf(source) : null;
}

export function csvColumns(job: CsvJob): string[] {
  return job.kind === "testimonials" ? TESTIMONIAL_COLUMNS : REVIEW_COLUMNS;
}

/** A row's CSV record, or null when it is not written. A review row is made into its record in place. */
export function csvRecords(job: CsvJob): (row: unknown[]) => unknown[] | null {
  if (job.kind === "reviews") {
    const max = job.negativeMaxRating;
    return (row) => reviewCells(row, max);
  }
  const filter = job.filter;
  return (row) => {
    const t = testimonialOfRow(row, filter);
    return t && testimonialCells(t);
  };
}

/** The header line of a job's CSV (after the BOM, if asked), as its first batch without records. */
export function csvHeader(job: CsvJob): string {
  return csvBatch(csvColumns(job), [], true, job.bom);
}

/**
 * Rows in, CSV text out: one csv-stringify call per batch of 32 records (its best; small batches
 * also keep every string small: V8 puts a string over 128 KB in its large-object space, freed only
 * by a full collection), the header (and BOM) with the first record, or alone at the end when there
 * was none. The same text whichever thread makes it, and however the rows are split between them.
 */
export class CsvText {
  /** Records taken so far. */
  count = 0;
  private batch: unknown[][] = [];
  private readonly columns: string[];
  private readonly record: (row: unknown[]) => unknown[] | null;

  /** `header`: whether the header is still to be written (false: another part of the export wrote it). */
  constructor(
    private readonly job: CsvJob,
    private header = true,
  ) {
    this.columns = csvColumns(job);
    this.record = csvRecords(job);
  }

  /** Whether no record has been made into text yet, so that the header is still due. */
  get headerDue(): boolean {
    return this.header;
  }

  /** A row in: the text of a full batch, else null. */
  add(row: unknown[]): string | null {
    const r = this.record(row);
    if (!r) return null;
    this.batch.push(r);
    this.count++;
    return this.batch.length === 32 ? this.flush() : null;
  }

  /** The text of the records not yet given out ("" when there are none). */
  flush(): string {
    if (this.batch.length === 0) return "";
    const text = csvBatch(this.columns, this.batch, this.header, this.job.bom);
    this.header = false;
    this.batch = [];
    return text;
  }

  /** The rest: flush(), or the header alone if no record was ever written. */
  end(): string {
    if (this.batch.length === 0 && this.header) {
      this.header = false;
      return csvHeader(this.job);
    }
    return this.flush();
  }
}
