// What a CSV export makes of each row of its statement (export/query.ts), in one place for the main
// thread and the export's worker thread (csv-worker.ts): the columns, and each row's record or null
// when the row is left out. A job is plain data, so that it can be handed to a worker as it is.
import { REVIEW_COLUMNS, reviewCells } from "./reviews.js";
import { testimonialRowSource } from "./query.js";
import {
  eligibleSource,
  testimonialCells,
  testimonialOf,
  TESTIMONIAL_COLUMNS,
  type TestimonialFilter,
} from "./testimonials.js";

export type CsvJob =
  | { kind: "testimonials"; filter: TestimonialFilter; bom: boolean }
  | { kind: "reviews"; negativeMaxRating: number; bom: boolean };

export function csvColumns(job: CsvJob): string[] {
  return job.kind === "testimonials" ? TESTIMONIAL_COLUMNS : REVIEW_COLUMNS;
}

/**
 * A row's CSV record, or null when it is not written: the WHERE of the testimonials' statement
 * leaves out most rows that are not testimonials, and eligibleSource decides. A review row is made
 * into its record in place.
 */
export function csvRecords(job: CsvJob): (row: unknown[]) => unknown[] | null {
  if (job.kind === "reviews") {
    const max = job.negativeMaxRating;
    return (row) => reviewCells(row, max);
  }
  const filter = job.filter;
  return (row) => {
    const source = testimonialRowSource(row);
    return eligibleSource(source, filter) ? testimonialCells(testimonialOf(source)) : null;
  };
}
